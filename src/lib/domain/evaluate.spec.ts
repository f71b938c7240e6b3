import { describe, expect, it } from 'vitest';
import { evaluateTarget, forecastFigures } from './evaluate';
import type { SeriesObservation } from './series';

const year = (y: number, value: number): SeriesObservation => ({
	period: String(y),
	periodStart: `${y}-01-01`,
	periodEnd: `${y}-12-31`,
	basis: 'period',
	value,
	provenance: 'official'
});

describe('evaluateTarget', () => {
	const target = { comparator: '>=' as const, value: 4000, maxValue: null, kind: 'level' as const, deadline: '2024-12-31', baseline: null };
	const indicator = { measure: 'flow' as const, frequency: 'year' as const };
	const observations = [year(2019, 2000), year(2020, 2408), year(2021, 2700), year(2022, 3000)];

	it('gives status, gap, forecast to the deadline and a probability of meeting the target', () => {
		const e = evaluateTarget({ target, indicator, observations, asOf: '2023-06-30', planStart: '2022-01-01' });
		expect(e.progress.latest).toEqual({ date: '2022-12-31', value: 3000 });
		expect(e.progress.gap).toBe(1000);
		expect(e.forecast!.points.map((p) => p.date)).toEqual(['2023-12-31', '2024-12-31']);
		expect(e.expectedAtDeadline).toBeCloseTo(e.forecast!.points[1].mean, 9);
		expect(e.probability).toBeGreaterThan(0);
		expect(e.probability).toBeLessThan(1);
		expect(e.forecastGap).toBeNull();
	});

	it('says why there is no forecast: too short, or past the deadline', () => {
		expect(evaluateTarget({ target, indicator, observations: observations.slice(2), asOf: '2023-06-30', planStart: '2022-01-01' }).forecastGap).toBe('too_short');
		const after = evaluateTarget({ target, indicator, observations: [...observations, year(2023, 3600), year(2024, 4100)], asOf: '2025-06-30', planStart: '2022-01-01' });
		expect(after.forecastGap).toBe('deadline_passed');
		expect(after.progress.status).toBe('met');
	});

	it('judges on the figures it is given, as of the date given', () => {
		const e = evaluateTarget({ target, indicator, observations: observations.slice(0, 2), asOf: '2021-06-30', planStart: '2022-01-01' });
		expect(e.progress.latest?.value).toBe(2408);
		expect(e.forecastGap).toBe('too_short');
	});

	it('steps quarterly data to an end-of-year deadline, and monthly data through its seasons', () => {
		const quarter = (y: number, q: number, value: number): SeriesObservation => {
			const endMonth = q * 3;
			const last = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
			return { period: `${y}-Q${q}`, periodStart: `${y}-${String(endMonth - 2).padStart(2, '0')}-01`, periodEnd: `${y}-${String(endMonth).padStart(2, '0')}-${last}`, basis: 'point', value, provenance: 'official' };
		};
		const quarterly = [quarter(2023, 1, 40), quarter(2023, 2, 38), quarter(2023, 3, 35), quarter(2023, 4, 33), quarter(2024, 1, 31), quarter(2024, 2, 30)];
		const duration = { comparator: '<=' as const, value: 25, maxValue: null, kind: 'duration' as const, deadline: '2024-12-31', baseline: null };
		const e = evaluateTarget({ target: duration, indicator: { measure: 'stock', frequency: 'quarter' }, observations: quarterly, asOf: '2024-08-01', planStart: '2023-01-01' });
		expect(e.forecast!.points.map((p) => p.date)).toEqual(['2024-09-30', '2024-12-31']);
		expect(e.progress.status).not.toBe('insufficient_data');

		const month = (i: number, value: number): SeriesObservation => {
			const y = 2021 + Math.floor(i / 12);
			const m = (i % 12) + 1;
			const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
			const mm = String(m).padStart(2, '0');
			return { period: `${y}-${mm}`, periodStart: `${y}-${mm}-01`, periodEnd: `${y}-${mm}-${last}`, basis: 'period', value, provenance: 'official' };
		};
		const monthly = Array.from({ length: 36 }, (_, i) => month(i, 100 + i + (i % 12 === 11 ? 40 : 0)));
		const level = { comparator: '>=' as const, value: 150, maxValue: null, kind: 'level' as const, deadline: '2024-12-31', baseline: null };
		const m = evaluateTarget({ target: level, indicator: { measure: 'flow', frequency: 'month' }, observations: monthly, asOf: '2024-01-15', planStart: '2021-01-01' });
		// Twelve monthly steps to the deadline; December's peak comes back in the forecast.
		expect(m.forecast!.points).toHaveLength(12);
		const december = m.forecast!.points[11].mean;
		expect(december).toBeGreaterThan(m.forecast!.points[10].mean + 20);
	});

	it('says which figures a forecast used and why the others on the chart were left out', () => {
		// Three points on the chart (the baseline, 2023, 2024-H1), but 2024-H1 covers only half the year.
		const half: SeriesObservation = { period: '2024-H1', periodStart: '2024-01-01', periodEnd: '2024-06-30', basis: 'period', value: 7, provenance: 'official' };
		const drugs = { comparator: '>=' as const, value: 20, maxValue: null, kind: 'new_since_baseline' as const, deadline: '2026-12-31', baseline: { value: 0, date: '2022-12-31' } };
		const e = evaluateTarget({ target: drugs, indicator, observations: [year(2023, 4), half], asOf: '2024-08-01', planStart: '2023-01-01' });
		expect(e.forecastGap).toBe('too_short');
		expect(e.series.map((p) => p.period)).toEqual(['baseline', '2023', '2024-H1']);
		expect(e.forecastFigures).toEqual({ shown: 3, used: 2, needed: 3, leftOut: [{ period: '2024-H1', reason: 'partial' }] });
		// One more full year: a forecast, which still says it left the part-year figure out.
		const more = evaluateTarget({ target: drugs, indicator, observations: [year(2023, 4), year(2024, 6), { ...half, period: '2025-H1', periodStart: '2025-01-01', periodEnd: '2025-06-30' }], asOf: '2025-08-01', planStart: '2023-01-01' });
		expect(more.forecastGap).toBeNull();
		expect(more.forecastFigures).toEqual({ shown: 4, used: 3, needed: 3, leftOut: [{ period: '2025-H1', reason: 'partial' }] });
	});

	it('counts figures before a missing year as left out', () => {
		const series = [2019, 2021, 2022].map((y) => ({ date: `${y}-12-31`, value: y, provenance: 'official' as const, period: String(y), partial: false, baseline: false }));
		expect(forecastFigures(series, 'year')).toEqual({ shown: 3, used: 2, needed: 3, leftOut: [{ period: '2019', reason: 'before_gap' }] });
	});

	it('never forecasts a running total below its latest figure, and is certain once it has reached the target', () => {
		// Class-1 drugs: 11 approved by 2024-H1 against "10 or more"; a flat year must not pull the forecast down.
		const drugs = { comparator: '>=' as const, value: 10, maxValue: null, kind: 'new_since_baseline' as const, deadline: '2026-12-31', baseline: { value: 0, date: '2021-12-31' } };
		const half: SeriesObservation = { period: '2024-H1', periodStart: '2024-01-01', periodEnd: '2024-06-30', basis: 'period', value: 2, provenance: 'official' };
		const e = evaluateTarget({ target: drugs, indicator, observations: [year(2020, 1), year(2021, 2), year(2022, 5), year(2023, 4), half], asOf: '2024-08-01', planStart: '2022-01-01' });
		expect(e.progress.latest?.value).toBe(11);
		expect(e.probability).toBe(1);
		for (const p of e.forecast!.points) expect(Math.min(p.mean, p.lower80, p.lower95)).toBeGreaterThanOrEqual(11);
		expect(e.deadlineIntervals!['95'].lower).toBeGreaterThanOrEqual(11);
	});
});
