import { describe, expect, it } from 'vitest';
import { forecastablePoints, isFullPeriod, periodsBetween, progressSeries, type SeriesObservation } from './series';

const year = (y: number, value: number, provenance: SeriesObservation['provenance'] = 'official'): SeriesObservation => ({
	period: String(y),
	periodStart: `${y}-01-01`,
	periodEnd: `${y}-12-31`,
	basis: 'period',
	value,
	provenance
});

describe('progress series', () => {
	it('adds up yearly approvals after the baseline, with a half-year figure as a partial point', () => {
		const observations = [
			year(2021, 5),
			year(2022, 3, 'illustrative'),
			year(2023, 5),
			{ period: '2024-H1', periodStart: '2024-01-01', periodEnd: '2024-06-30', basis: 'period' as const, value: 3, provenance: 'official' as const }
		];
		const points = progressSeries({ kind: 'new_since_baseline', measure: 'flow', frequency: 'year', baseline: { value: 0, date: '2021-12-31' }, observations });
		expect(points.map((p) => [p.date, p.value, p.partial])).toEqual([
			['2021-12-31', 0, false],
			['2022-12-31', 3, false],
			['2023-12-31', 8, false],
			['2024-06-30', 11, true]
		]);
		// A total built on an illustrative year is illustrative.
		expect(points[2].provenance).toBe('illustrative');
		expect(points[0].baseline).toBe(true);
	});

	it('prefers a full year over its year-to-date figure and stops at a missing year', () => {
		const ytd = { period: '2023 (to October)', periodStart: '2023-01-01', periodEnd: '2023-10-10', basis: 'year_to_date' as const, value: 4, provenance: 'official' as const };
		const points = progressSeries({
			kind: 'new_since_baseline',
			measure: 'flow',
			frequency: 'year',
			baseline: { value: 0, date: '2021-12-31' },
			observations: [year(2022, 3), ytd, year(2023, 5), year(2025, 9)]
		});
		expect(points.map((p) => p.value)).toEqual([0, 3, 8]);
	});

	it('subtracts the baseline from a stock for "new since", and reads the stock for "cumulative"', () => {
		const observations = [year(2021, 30), year(2022, 37), year(2023, 41)];
		const baseline = { value: 30, date: '2021-12-31' };
		expect(progressSeries({ kind: 'new_since_baseline', measure: 'stock', frequency: 'year', baseline, observations }).map((p) => p.value)).toEqual([0, 7, 11]);
		expect(progressSeries({ kind: 'cumulative', measure: 'stock', frequency: 'year', baseline, observations }).map((p) => p.value)).toEqual([30, 37, 41]);
	});

	it('computes a share from the two series for the same periods only', () => {
		const points = progressSeries({
			kind: 'share',
			measure: 'flow',
			frequency: 'year',
			baseline: null,
			observations: [year(2022, 3), year(2023, 5, 'illustrative')],
			parent: [year(2022, 30), year(2024, 50)]
		});
		expect(points).toHaveLength(1);
		expect(points[0].value).toBeCloseTo(10, 9);
	});

	it('leaves part-year figures out of a level of a flow', () => {
		const h1 = { period: '2024-H1', periodStart: '2024-01-01', periodEnd: '2024-06-30', basis: 'period' as const, value: 1900, provenance: 'official' as const };
		expect(isFullPeriod(h1, 'year')).toBe(false);
		expect(isFullPeriod(h1, 'half')).toBe(true);
		expect(progressSeries({ kind: 'level', measure: 'flow', frequency: 'year', baseline: null, observations: [year(2023, 3800), h1] })).toHaveLength(1);
	});

	it('forecasts from the last unbroken run of full periods', () => {
		const points = progressSeries({ kind: 'level', measure: 'flow', frequency: 'year', baseline: null, observations: [year(2018, 1), year(2020, 2), year(2021, 3), year(2022, 4)] });
		expect(forecastablePoints(points, 'year').map((p) => p.date)).toEqual(['2020-12-31', '2021-12-31', '2022-12-31']);
		expect(periodsBetween('2024-12-31', '2029-07-31', 'year')).toBeCloseTo(4 + 7 / 12, 9);
		expect(periodsBetween('2024-03-31', '2024-12-31', 'quarter')).toBeCloseTo(3, 9);
	});
});
