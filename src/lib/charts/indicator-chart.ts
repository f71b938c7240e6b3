/**
 * An indicator's series as ECharts options (the indicator page): its figures for whole periods as a
 * line, marked by provenance; figures for other spans (a half-year of an annual indicator, a year to
 * date, a running total) as separate marks, so they never read as a fall or a jump; and the value of each target measured on it
 * at its deadline. Pure: labels come in already translated.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { Frequency, ObservationBasis, Provenance } from '../domain/plan';
import { periodAxis, periodPosition, type PeriodStep } from './period-axis';
import { LIGHT_PALETTE, PROVENANCE_MARKERS } from './target-chart';

export interface IndicatorChartFigure {
	period: string;
	periodStart: string;
	periodEnd: string;
	basis: ObservationBasis;
	value: number;
	provenance: Provenance;
}

export interface IndicatorChartLabels {
	figures: string;
	/** Figures for another span than one period of the indicator. */
	partFigures: string;
	target: string;
	provenance: Record<Provenance, string>;
}

export interface IndicatorChartInput {
	frequency: Frequency;
	figures: IndicatorChartFigure[];
	/** The targets measured on it: a mark at each deadline; `title` names it in the tooltip. */
	targets: { title: string; value: number; deadline: string }[];
	unit: string;
	labels: IndicatorChartLabels;
}

const STEP: Record<Frequency, PeriodStep> = { year: 12, half: 6, quarter: 3, month: 1, irregular: 12 };

/** Months a figure covers, e.g. 2024-01-01..2024-06-30 -> 6. */
function spanMonths(f: IndicatorChartFigure): number {
	const [y0, m0] = f.periodStart.split('-').map(Number);
	const [y1, m1] = f.periodEnd.split('-').map(Number);
	return (y1 - y0) * 12 + (m1 - m0) + 1;
}

/**
 * Whether a figure covers one whole period of the indicator, so it belongs on the series' line: a
 * point (a stock) does; a year to date, a half-year of an annual series or a running total over
 * several years does not (joined to annual figures, "2019 to 2024-05: 24" would read as a jump).
 * @example isWholePeriod({ basis: 'period', periodStart: '2024-01-01', periodEnd: '2024-06-30', … }, 'year') // false
 */
export function isWholePeriod(f: IndicatorChartFigure, frequency: Frequency): boolean {
	if (f.basis === 'point') return true;
	if (f.basis !== 'period') return false;
	return frequency === 'irregular' || spanMonths(f) >= STEP[frequency];
}

export function indicatorChartOptions(input: IndicatorChartInput): EChartsOption {
	const { figures, targets, labels } = input;
	const step = STEP[input.frequency];
	const x = (date: string) => periodPosition(date, step);
	const sorted = [...figures].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
	const mark = (f: IndicatorChartFigure) => {
		const marker = PROVENANCE_MARKERS[f.provenance];
		return {
			value: [x(f.periodEnd), f.value],
			symbol: marker.symbol,
			itemStyle: { color: marker.color, borderColor: marker.color, borderWidth: 2 },
			name: `${f.period} · ${labels.provenance[f.provenance]}`
		};
	};
	const whole = sorted.filter((f) => isWholePeriod(f, input.frequency));
	const part = sorted.filter((f) => !isWholePeriod(f, input.frequency));
	const series: SeriesOption[] = [
		{ name: labels.figures, type: 'line', z: 5, symbolSize: 10, lineStyle: { color: LIGHT_PALETTE.actual, width: 2 }, itemStyle: { color: LIGHT_PALETTE.actual }, data: whole.map(mark) }
	];
	if (part.length) series.push({ name: labels.partFigures, type: 'scatter', symbolSize: 9, itemStyle: { color: LIGHT_PALETTE.path }, data: part.map(mark) });
	if (targets.length) {
		series.push({
			name: labels.target,
			type: 'scatter',
			// A short bar at the target's level, centred on its deadline: a pin's tip would sit below its head.
			symbol: 'rect',
			symbolSize: [18, 4],
			itemStyle: { color: LIGHT_PALETTE.target },
			data: targets.map((t) => ({ value: [x(t.deadline), t.value], name: `${labels.target}: ${t.title}` }))
		});
	}
	const positions = [...sorted.map((f) => f.periodEnd), ...targets.map((t) => t.deadline)].map(x);
	return {
		animation: false,
		grid: { left: 56, right: 24, top: 24, bottom: 64 },
		tooltip: { trigger: 'item' },
		toolbox: { feature: { saveAsImage: {} } },
		legend: { bottom: 0, data: series.map((s) => s.name as string) },
		xAxis: periodAxis(positions, step),
		yAxis: { type: 'value', name: input.unit, scale: true },
		series
	};
}
