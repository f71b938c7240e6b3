import { describe, expect, it } from 'vitest';
import { summarizeStatuses } from './rollup';

describe('status roll-up', () => {
	it('takes the median judged target, the worse middle one when even', () => {
		expect(summarizeStatuses(['on_track', 'achieved', 'deterioration']).status).toBe('on_track');
		expect(summarizeStatuses(['on_track', 'achieved', 'deterioration', 'limited_progress']).status).toBe('limited_progress');
	});

	it('leaves out targets without data unless they are the majority', () => {
		expect(summarizeStatuses(['insufficient_data', 'on_track', 'met']).status).toBe('on_track');
		expect(summarizeStatuses(['insufficient_data', 'insufficient_data', 'on_track']).status).toBe('insufficient_data');
		expect(summarizeStatuses([]).status).toBe('insufficient_data');
	});

	it('counts every status', () => {
		expect(summarizeStatuses(['met', 'met', 'missed']).counts).toEqual({ met: 2, missed: 1 });
	});

	it('counts apart the verdicts that rest only on illustrative figures ("13 missed, 11 of them illustrative")', () => {
		const summary = summarizeStatuses([
			{ status: 'missed', basis: 'illustrative' },
			{ status: 'missed', basis: 'published' },
			{ status: 'missed', basis: 'illustrative' },
			{ status: 'on_track', basis: 'estimated' }
		]);
		expect(summary.counts).toEqual({ missed: 3, on_track: 1 });
		expect(summary.illustrative).toEqual({ missed: 2 });
	});
});

describe('targets at risk first', () => {
	it('orders by status, then by the probability of meeting the target, with no-data targets last', async () => {
		const { atRiskFirst } = await import('./rollup');
		const order = atRiskFirst([
			{ id: 'a', status: 'on_track' as const, probability: 0.9 },
			{ id: 'b', status: 'insufficient_data' as const, probability: null },
			{ id: 'c', status: 'acceleration_needed' as const, probability: 0.4 },
			{ id: 'd', status: 'missed' as const, probability: null },
			{ id: 'e', status: 'acceleration_needed' as const, probability: 0.2 },
			{ id: 'f', status: 'achieved' as const, probability: 0.99 }
		]).map((t) => t.id);
		expect(order).toEqual(['d', 'e', 'c', 'a', 'f', 'b']);
	});
});
