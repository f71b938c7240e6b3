import { describe, expect, it } from 'vitest';
import { evaluateTarget } from './evaluate';
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

	it('judges only figures for periods ending by the as-of date', () => {
		const e = evaluateTarget({ target, indicator, observations, asOf: '2021-06-30', planStart: '2022-01-01' });
		expect(e.progress.latest?.value).toBe(2408);
	});
});
