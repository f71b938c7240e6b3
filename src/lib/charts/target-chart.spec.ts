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
		const path = series.find((s) => s.name === 'required')!.data as [number, number][];
		// The baseline: the last figure before the plan starts.
		expect(path[0]).toEqual([2021, 2700]);
		expect(path.at(-1)![0]).toBe(2026);
		expect(path.at(-1)![1]).toBeCloseTo(4000, 6);
		expect(series.filter((s) => s.name === '80%')).toHaveLength(2);
		expect(series.filter((s) => s.name === '95%')).toHaveLength(2);
		const forecast = series.find((s) => s.name === 'forecast')!.data as [number, number][];
		expect(forecast.map((d) => d[0])).toEqual([2023, 2024, 2025, 2026]);
		const marks = series.find((s) => s.name === 'target')!.markLine!.data as { yAxis?: number; xAxis?: number }[];
		expect(marks).toEqual([expect.objectContaining({ yAxis: 4000 }), expect.objectContaining({ xAxis: 2026 })]);
	});

	it('on a phone: fewer time ticks, room below for the legend, and no toolbox over the plot', () => {
		const compact = targetChartOptions({ target, series: e.series, baseline: e.progress.baseline, forecast: e.forecast, unit: '亿元', labels, compact: true });
		const ticks = (o: typeof options) => {
			const axis = o.xAxis as { min: number; max: number; interval: number };
			return (axis.max - axis.min) / axis.interval;
		};
		expect(ticks(compact)).toBeLessThanOrEqual(4);
		expect(ticks(compact)).toBeLessThan(ticks(options));
		expect(compact.toolbox).toBeUndefined();
		expect(options.toolbox).toBeDefined();
		expect((compact.grid as { bottom: number }).bottom).toBeGreaterThan((options.grid as { bottom: number }).bottom);
		expect((compact.legend as { data: string[] }).data).toEqual((options.legend as { data: string[] }).data);
	});
});

/** The tick label a person reads under a mark: the axis's own formatter at the mark's position. */
function labelAt(options: ReturnType<typeof targetChartOptions>, position: number): string {
	const axis = options.xAxis as { min: number; max: number; interval: number; axisLabel: { formatter: (v: number) => string } };
	// The mark must stand on a tick, not between two.
	expect((position - axis.min) % axis.interval).toBe(0);
	expect(position).toBeGreaterThanOrEqual(axis.min);
	expect(position).toBeLessThanOrEqual(axis.max);
	return axis.axisLabel.formatter(position);
}

describe('gap-to-target chart: each figure on its own period', () => {
	const point = (date: string, period: string, value: number, partial = false) => ({ date, period, value, provenance: 'official' as const, partial, baseline: false });
	const chart = (series: ReturnType<typeof point>[], deadline: string) => {
		const target = { comparator: '>=' as const, value: 4000, maxValue: null, kind: 'level' as const, deadline, baseline: null };
		const options = targetChartOptions({ target, series, baseline: null, forecast: null, unit: '亿元', labels });
		const all = options.series as { name: string; data: { value: [number, number]; name: string }[]; markLine?: { data: { xAxis?: number }[] } }[];
		const actual = all.find((s) => s.name === 'actual')!.data;
		const deadlineAt = all.find((s) => s.name === 'target')!.markLine!.data.find((m) => m.xAxis !== undefined)!.xAxis!;
		return { options, actual, deadlineAt };
	};

	it('puts an annual figure on its own year and a deadline of 31 December on that year', () => {
		const { options, actual, deadlineAt } = chart(
			[point('2020-12-31', '2020', 2408), point('2021-12-31', '2021', 2700), point('2024-12-31', '2024', 4100)],
			'2024-12-31'
		);
		expect(actual.map((d) => [labelAt(options, d.value[0]), d.value[1]])).toEqual([
			['2020', 2408],
			['2021', 2700],
			['2024', 4100]
		]);
		expect(labelAt(options, deadlineAt)).toBe('2024');
	});

	it('puts a half-year figure on its half, and a partial half-year of an annual chart between the years', () => {
		const half = chart([point('2023-06-30', '2023-H1', 10), point('2023-12-31', '2023-H2', 12), point('2024-06-30', '2024-H1', 13)], '2025-12-31');
		expect(half.actual.map((d) => labelAt(half.options, d.value[0]))).toEqual(['2023-H1', '2023-H2', '2024-H1']);
		expect(labelAt(half.options, half.deadlineAt)).toBe('2025-H2');
		const annual = chart([point('2022-12-31', '2022', 5), point('2023-12-31', '2023', 9), point('2024-06-30', '2024-H1', 11, true)], '2024-12-31');
		expect(annual.actual.map((d) => d.value[0])).toEqual([2022, 2023, 2023.5]);
		expect(annual.deadlineAt).toBe(2024);
	});

	it('puts a quarterly figure on its quarter', () => {
		const { options, actual, deadlineAt } = chart(
			[point('2024-03-31', '2024-Q1', 1), point('2024-06-30', '2024-Q2', 2), point('2024-09-30', '2024-Q3', 3), point('2024-12-31', '2024-Q4', 4)],
			'2025-06-30'
		);
		expect(actual.map((d) => labelAt(options, d.value[0]))).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
		expect(labelAt(options, deadlineAt)).toBe('2025-Q2');
	});
});

describe('gap-to-target chart: a 95% band far wider than the rest does not squeeze the figures', () => {
	const target = { comparator: '<=' as const, value: 25, maxValue: null, kind: 'duration' as const, deadline: '2029-07-31', baseline: null };
	const series = [2023, 2024, 2025].map((y, i) => ({ date: `${y}-12-31`, period: String(y), value: [34, 30, 27][i], provenance: 'illustrative' as const, partial: false, baseline: false }));
	const forecast = (upper95: number) => ({
		method: 'auto',
		weights: [],
		points: [{ date: '2026-12-31', mean: 24, lower80: 10, upper80: 45, lower95: 0, upper95 }]
	});
	const axisMax = (upper95: number) => (targetChartOptions({ target, series, baseline: null, forecast: forecast(upper95) as never, unit: '周', labels }).yAxis as { max?: number }).max;

	it('stops the axis a little above the figures, the target and the 80% band, cutting the 95% band', () => {
		expect(axisMax(470)).toBe(50);
	});
	it('leaves the axis alone when the 95% band is of the same order', () => {
		expect(axisMax(52)).toBeUndefined();
	});
});
