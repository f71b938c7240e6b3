import { describe, expect, it } from 'vitest';
import { changedSince, figuresAt, previousQuarterEnd, quarterEnds } from './history';

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
