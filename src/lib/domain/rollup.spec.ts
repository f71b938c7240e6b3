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
});
