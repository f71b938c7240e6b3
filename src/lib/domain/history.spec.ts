import { describe, expect, it } from 'vitest';
import { byPeriod, changedSince, figuresAt, figuresByIndicatorAt, previousQuarterEnd, quarterEnds } from './history';

describe('quarterEnds', () => {
	it.each([
		['2024-08-01', '2025-04-02', ['2024-09-30', '2024-12-31', '2025-03-31']],
		['2022-01-01', '2022-12-31', ['2022-03-31', '2022-06-30', '2022-09-30', '2022-12-31']],
		// A plan taking effect on a quarter end starts counting from the next one.
		['2022-03-31', '2022-07-01', ['2022-06-30']],
		['2025-01-01', '2025-03-30', []]
	])('from %s to %s', (from, to, expected) => expect(quarterEnds(from, to)).toEqual(expected));

	it('previousQuarterEnd is strictly before the day', () => {
		expect(previousQuarterEnd('2025-04-02')).toBe('2025-03-31');
		expect(previousQuarterEnd('2025-03-31')).toBe('2024-12-31');
		expect(previousQuarterEnd('2025-01-01')).toBe('2024-12-31');
		expect(previousQuarterEnd('2025-12-31')).toBe('2025-09-30');
	});
});

describe('figuresAt: the figures as they stood at a cutoff', () => {
	const at = (iso: string) => new Date(iso);
	const versions = [
		{ observationId: 1, version: 1, value: 10, recordedAt: at('2024-03-01T00:00:00Z') },
		{ observationId: 1, version: 2, value: 12, recordedAt: at('2025-02-01T00:00:00Z') },
		{ observationId: 2, version: 1, value: 5, recordedAt: at('2024-06-01T00:00:00Z') },
		{ observationId: 2, version: 2, value: null, recordedAt: at('2024-09-01T00:00:00Z') },
		{ observationId: 3, version: 1, value: 7, recordedAt: at('2025-06-01T00:00:00Z') }
	];
	it('keeps each figure at its newest version by then; a later correction does not rewrite the past', () => {
		expect(figuresAt(versions, at('2024-12-31T15:59:59.999Z')).map((v) => [v.observationId, v.value])).toEqual([[1, 10]]);
		expect(figuresAt(versions, at('2024-07-01T00:00:00Z')).map((v) => [v.observationId, v.value])).toEqual([
			[1, 10],
			[2, 5]
		]);
		expect(figuresAt(versions, at('2026-01-01T00:00:00Z')).map((v) => [v.observationId, v.value])).toEqual([
			[1, 12],
			[3, 7]
		]);
	});
});

describe('changedSince', () => {
	it('marks a changed verdict, not a first one', () => {
		expect(changedSince({ status: 'on_track' }, { status: 'acceleration_needed' })).toBe(true);
		expect(changedSince({ status: 'on_track' }, { status: 'on_track' })).toBe(false);
		expect(changedSince(null, { status: 'on_track' })).toBe(false);
	});
});

describe('figuresByIndicatorAt', () => {
	const v = (indicatorId: string, observationId: number, version: number, periodStart: string, periodEnd: string, value: number | null, recordedAt: string) => ({
		indicatorId,
		observationId,
		version,
		periodStart,
		periodEnd,
		value,
		recordedAt: new Date(recordedAt)
	});
	const versions = [
		v('b', 3, 1, '2024-01-01', '2024-12-31', 5, '2025-02-01T00:00:00Z'),
		v('a', 2, 1, '2024-01-01', '2024-12-31', 20, '2025-02-01T00:00:00Z'),
		v('a', 1, 1, '2023-01-01', '2023-12-31', 10, '2024-02-01T00:00:00Z'),
		v('a', 1, 2, '2023-01-01', '2023-12-31', 11, '2025-03-01T00:00:00Z'),
		v('a', 4, 1, '2024-01-01', '2024-06-30', 9, '2024-08-01T00:00:00Z'),
		v('b', 3, 2, '2024-01-01', '2024-12-31', null, '2025-03-01T00:00:00Z')
	];
	it('gives each indicator the figures standing at the cut-off, in period order', () => {
		const early = figuresByIndicatorAt(versions, new Date('2025-02-15T00:00:00Z'));
		expect(early.get('a')!.map((f) => [f.periodStart, f.periodEnd, f.value])).toEqual([
			['2023-01-01', '2023-12-31', 10],
			['2024-01-01', '2024-06-30', 9],
			['2024-01-01', '2024-12-31', 20]
		]);
		expect(early.get('b')!.map((f) => f.value)).toEqual([5]);
		const late = figuresByIndicatorAt(versions, new Date('2025-03-15T00:00:00Z'));
		expect(late.get('a')![0].value).toBe(11);
		// Withdrawn by then: no figure, and no entry.
		expect(late.has('b')).toBe(false);
	});
	it('orders by period end, then start', () => {
		const periods = [
			{ periodStart: '2024-01-01', periodEnd: '2024-12-31' },
			{ periodStart: '2024-07-01', periodEnd: '2024-12-31' },
			{ periodStart: '2024-01-01', periodEnd: '2024-06-30' }
		];
		expect([...periods].sort(byPeriod)).toEqual([periods[2], periods[0], periods[1]]);
	});
});
