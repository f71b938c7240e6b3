/**
 * The gap-to-target chart of a target, as ECharts options: actual figures marked by provenance,
 * the target line (or band for a range), the required path from baseline to deadline, the forecast
 * with its 80% and 95% fan, and the deadline. Pure: labels come in already translated.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { DatedForecast } from '../domain/evaluate';
import type { Provenance } from '../domain/plan';
import { aimFor, paceModelFor, requiredPathValue, type ProgressPoint, type ProgressTarget } from '../domain/progress';
import type { SeriesPoint } from '../domain/series';
import { chartStep, periodAxis, periodPosition } from './period-axis';

export interface TargetChartLabels {
	actual: string;
	target: string;
	requiredPath: string;
	forecast: string;
	interval80: string;
	interval95: string;
	deadline: string;
	baseline: string;
	provenance: Record<Provenance, string>;
}

export interface TargetChartInput {
	target: ProgressTarget;
	series: SeriesPoint[];
	baseline: ProgressPoint | null;
	forecast: DatedForecast | null;
	/** The value axis's name: the unit as the reader calls it (`unitName`), "RMB 100 million" for 亿元 in English. */
	unit: string;
	labels: TargetChartLabels;
	/** Colours of the marks; the light page's by default (the wall screen passes a dark one). */
	palette?: TargetChartPalette;
	/** At most this many gaps between the time axis's ticks (fewer on the wall screen). */
	maxTicks?: number;
	/** A phone-width chart: fewer ticks, narrower margins, room for the legend's lines below, no toolbox. */
	compact?: boolean;
}

/** Below this width (CSS pixels) a page asks for the compact chart: six legend entries need two lines. */
export const COMPACT_CHART_WIDTH = 480;

export interface TargetChartPalette {
	actual: string;
	target: string;
	path: string;
	forecast: string;
	markers: Record<Provenance, string>;
}

/** Marker per provenance: filled for published, hollow for provisional, diamond for estimates, dashed triangle for illustrative. */
export const PROVENANCE_MARKERS: Record<Provenance, { symbol: string; color: string; filled: boolean }> = {
	official: { symbol: 'circle', color: '#1d6b3a', filled: true },
	provisional: { symbol: 'emptyCircle', color: '#2f5d8a', filled: false },
	estimate: { symbol: 'diamond', color: '#6b4f9a', filled: true },
	illustrative: { symbol: 'emptyTriangle', color: '#8a4b00', filled: false }
};

export const LIGHT_PALETTE: TargetChartPalette = {
	actual: '#1b1f24',
	target: '#b3261e',
	path: '#5a6270',
	forecast: '#1f4e79',
	markers: Object.fromEntries(Object.entries(PROVENANCE_MARKERS).map(([p, m]) => [p, m.color])) as Record<Provenance, string>
};

/** Months between two dates' month starts, for sampling a curved required path. */
function monthSteps(from: string, to: string, count: number): string[] {
	const start = Date.parse(from);
	const end = Date.parse(to);
	return Array.from({ length: count + 1 }, (_, i) => new Date(start + ((end - start) * i) / count).toISOString().slice(0, 10));
}

/** The next 1, 2 or 5 times a power of ten at or above a value. @example niceCeiling(53.3) === 100; niceCeiling(41) === 50 */
export function niceCeiling(value: number): number {
	if (value <= 0) return 0;
	const power = 10 ** Math.floor(Math.log10(value));
	return [1, 2, 5, 10].map((m) => m * power).find((c) => c >= value)!;
}

/**
 * A 95% band far wider than everything else (a short series' forecast) would squeeze the figures
 * into a line at the bottom: the axis then stops a little above the figures, the target and the 80%
 * band, and the 95% band is cut at the top of the chart.
 */
function readableCeiling(input: TargetChartInput): { max?: number } {
	const { series, target, forecast } = input;
	const shown = [...series.map((p) => p.value), target.value, target.maxValue ?? target.value, ...(forecast?.points.flatMap((p) => [p.mean, p.upper80]) ?? [])];
	const ceiling = Math.max(...shown);
	const widest = Math.max(...(forecast?.points.map((p) => p.upper95) ?? [-Infinity]));
	return ceiling > 0 && widest > ceiling * 1.25 ? { max: niceCeiling(ceiling * 1.1) } : {};
}

export function targetChartOptions(input: TargetChartInput): EChartsOption {
	const { target, series, baseline, forecast, labels } = input;
	const colors = input.palette ?? LIGHT_PALETTE;
	// Every date goes through one placement, so figures, path, forecast and deadline move together.
	const step = chartStep(series);
	const x = (date: string) => periodPosition(date, step);
	const all: SeriesOption[] = [
		{
			name: labels.actual,
			type: 'line',
			z: 5,
			symbolSize: 10,
			lineStyle: { color: colors.actual, width: 2 },
			itemStyle: { color: colors.actual },
			data: series.map((p) => {
				// The plan's baseline (often an implied zero) is not an observation: a plain grey square.
				if (p.baseline) {
					return { value: [x(p.date), p.value], symbol: 'rect', itemStyle: { color: colors.path }, name: labels.baseline };
				}
				const marker = PROVENANCE_MARKERS[p.provenance];
				return {
					value: [x(p.date), p.value],
					symbol: marker.symbol,
					itemStyle: { color: colors.markers[p.provenance], borderColor: colors.markers[p.provenance], borderWidth: 2 },
					name: `${p.period} · ${labels.provenance[p.provenance]}`
				};
			})
		}
	];

	const aim = aimFor(target, series.at(-1)?.value ?? target.value);
	if (baseline) {
		const model = paceModelFor(target.kind, baseline.value, aim, target.unit);
		all.push({
			name: labels.requiredPath,
			type: 'line',
			showSymbol: false,
			lineStyle: { type: 'dotted', color: colors.path, width: 2 },
			itemStyle: { color: colors.path },
			data: monthSteps(baseline.date, target.deadline, model === 'compound' ? 24 : 1).map((date) => [
				x(date),
				requiredPathValue(model, baseline, aim, target.deadline, date)
			])
		});
	}

	if (forecast && forecast.points.length && series.length) {
		const origin = series.filter((p) => !p.partial).at(-1) ?? series.at(-1)!;
		const start = [x(origin.date), origin.value];
		const band = (name: string, lower: 'lower80' | 'lower95', upper: 'upper80' | 'upper95', opacity: number): SeriesOption[] => [
			{
				name,
				type: 'line',
				stack: name,
				showSymbol: false,
				lineStyle: { opacity: 0 },
				data: [start, ...forecast.points.map((p) => [x(p.date), p[lower]])]
			},
			{
				name,
				type: 'line',
				stack: name,
				showSymbol: false,
				lineStyle: { opacity: 0 },
				areaStyle: { color: colors.forecast, opacity },
				itemStyle: { color: colors.forecast },
				data: [[x(origin.date), 0], ...forecast.points.map((p) => [x(p.date), p[upper] - p[lower]])]
			}
		];
		all.push(...band(labels.interval95, 'lower95', 'upper95', 0.12), ...band(labels.interval80, 'lower80', 'upper80', 0.22));
		all.push({
			name: labels.forecast,
			type: 'line',
			symbol: 'none',
			lineStyle: { type: 'dashed', color: colors.forecast, width: 2 },
			itemStyle: { color: colors.forecast },
			data: [start, ...forecast.points.map((p) => [x(p.date), p.mean])]
		});
	}

	// The target and the deadline as marks on an empty carrier series, so they sit in the legend once.
	const ranged = target.comparator === 'between' && target.maxValue !== null;
	all.push({
		name: labels.target,
		type: 'line',
		data: [],
		itemStyle: { color: colors.target },
		markLine: {
			symbol: 'none',
			silent: true,
			data: [
				...(ranged ? [] : [{ yAxis: target.value, lineStyle: { color: colors.target, width: 2 }, label: { formatter: labels.target, position: 'insideEndTop' as const } }]),
				{ xAxis: x(target.deadline), lineStyle: { color: colors.target, type: 'dashed' as const }, label: { formatter: labels.deadline } }
			]
		},
		...(ranged ? { markArea: { silent: true, itemStyle: { color: colors.target, opacity: 0.12 }, data: [[{ yAxis: target.value }, { yAxis: target.maxValue! }]] } } : {})
	});

	const positions = [...series.map((p) => p.date), ...(forecast?.points.map((p) => p.date) ?? []), ...(baseline ? [baseline.date] : []), target.deadline].map(x);
	return {
		animation: false,
		grid: input.compact ? { left: 44, right: 12, top: 24, bottom: 92 } : { left: 56, right: 24, top: 24, bottom: 64 },
		tooltip: { trigger: 'axis', confine: true },
		// Save as image: SVG with the SVG renderer, for reports (not on a phone, where it would cover the plot).
		...(input.compact ? {} : { toolbox: { feature: { saveAsImage: {} } } }),
		// Only series the chart has: a target without a forecast lists no forecast.
		legend: {
			bottom: 0,
			...(input.compact ? { itemGap: 8, itemWidth: 18, textStyle: { fontSize: 11 } } : {}),
			data: [labels.actual, labels.target, labels.requiredPath, labels.forecast, labels.interval80, labels.interval95].filter((name) =>
				all.some((series) => series.name === name)
			)
		},
		xAxis: periodAxis(positions, step, input.maxTicks ?? (input.compact ? 4 : undefined)),
		yAxis: { type: 'value', name: input.unit, scale: true, ...readableCeiling(input) },
		series: all
	};
}
