import { describe, expect, it } from 'vitest';
import { evaluateTarget } from '../domain/evaluate';
import { targetChartOptions, type TargetChartLabels } from './target-chart';

const labels: TargetChartLabels = {
	actual: 'actual',
	target: 'target',
	requiredPath: 'required',
	forecast: 'forecast',
	interval80: '80%',
	interval95: '95%',
	deadline: 'deadline',
	baseline: 'baseline',
	provenance: { official: 'published', provisional: 'provisional', estimate: 'estimate', illustrative: 'illustrative' }
};
const year = (y: number, value: number, provenance: 'official' | 'illustrative' = 'official') => ({
	period: String(y),
	periodStart: `${y}-01-01`,
	periodEnd: `${y}-12-31`,
	basis: 'period' as const,
	value,
	provenance
});

describe('gap-to-target chart options', () => {
	const target = { comparator: '>=' as const, value: 4000, maxValue: null, kind: 'level' as const, deadline: '2026-12-31', baseline: null };
	const e = evaluateTarget({
		target,
		indicator: { measure: 'flow', frequency: 'year' },
		observations: [year(2020, 2408), year(2021, 2700), year(2022, 3000), year(2023, 3200, 'illustrative')],
		asOf: '2024-06-30',
		planStart: '2022-01-01'
	});
	const options = targetChartOptions({ target, series: e.series, baseline: e.progress.baseline, forecast: e.forecast, unit: '亿元', labels });
	const series = options.series as { name: string; data: unknown[]; markLine?: { data: unknown[] } }[];

	it('marks each actual figure by its provenance', () => {
		const actual = series.find((s) => s.name === 'actual')!.data as { symbol: string; name: string }[];
		expect(actual.map((d) => d.symbol)).toEqual(['circle', 'circle', 'circle', 'emptyTriangle']);
		expect(actual[3].name).toBe('2023 · illustrative');
	});

	it('draws the required path to the target at the deadline, the forecast with two bands, and the target and deadline lines', () => {
		const path = series.find((s) => s.name === 'required')!.data as [string, number][];
		// The baseline: the last figure before the plan starts.
		expect(path[0]).toEqual(['2021-12-31', 2700]);
		expect(path.at(-1)![0]).toBe('2026-12-31');
		expect(path.at(-1)![1]).toBeCloseTo(4000, 6);
		expect(series.filter((s) => s.name === '80%')).toHaveLength(2);
		expect(series.filter((s) => s.name === '95%')).toHaveLength(2);
		const forecast = series.find((s) => s.name === 'forecast')!.data as [string, number][];
		expect(forecast.map((d) => d[0])).toEqual(['2023-12-31', '2024-12-31', '2025-12-31', '2026-12-31']);
		const marks = series.find((s) => s.name === 'target')!.markLine!.data as { yAxis?: number; xAxis?: string }[];
		expect(marks).toEqual([expect.objectContaining({ yAxis: 4000 }), expect.objectContaining({ xAxis: '2026-12-31' })]);
	});
});
