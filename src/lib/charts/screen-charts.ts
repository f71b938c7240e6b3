/**
 * Chart options for the wall screen (dark, read from across a room): a bullet chart of a headline
 * target (actual against target and against where the required path stands now), the status bar
 * of a plan and the gap-to-target chart with its forecast fan, both reusing the page's builders
 * with the screen's colours and large type. Pure: labels come in translated.
 */
import type { EChartsOption, SeriesOption } from 'echarts';
import type { Comparator } from '../domain/plan';
import type { VerdictStatus } from '../domain/verdict';
import { SCREEN_COLORS } from '../screen/theme';
import { STATUS_COLORS, statusChartOptions } from './status-chart';
import { targetChartOptions, type TargetChartInput, type TargetChartPalette } from './target-chart';

/** Chart text on the screen: axis ticks and marks, smaller than body text (28 px) but readable at five metres. */
export const SCREEN_CHART_FONT = 24;

export const SCREEN_PALETTE: TargetChartPalette = {
	actual: SCREEN_COLORS.text,
	target: SCREEN_COLORS.target,
	path: SCREEN_COLORS.path,
	forecast: SCREEN_COLORS.forecast,
	markers: { official: SCREEN_COLORS.official, provisional: SCREEN_COLORS.provisional, estimate: SCREEN_COLORS.estimate, illustrative: SCREEN_COLORS.illustrative }
};

const axisText = { color: SCREEN_COLORS.muted, fontSize: SCREEN_CHART_FONT };
const axisLine = { lineStyle: { color: SCREEN_COLORS.line } };

export interface BulletInput {
	actual: number | null;
	target: number;
	/** Upper bound of a range target. */
	maxValue: number | null;
	comparator: Comparator;
	/** Where the required path stands at the actual figure's date. */
	required: number | null;
	baseline: number | null;
	status: VerdictStatus;
	labels: { target: string; required: string };
}

/**
 * A bullet chart: a bar for the actual figure in its status colour, a solid mark at the target and
 * a dashed one at where the required path stands now. The axis starts at zero unless every value
 * is far from it, so that a bar's length still means something.
 * @example bulletChartOptions({ actual: 3200, target: 4000, required: 3400, … }) // bar to 3200, marks at 4000 and 3400
 */
export function bulletChartOptions(input: BulletInput): EChartsOption {
	const values = [input.actual, input.target, input.maxValue, input.required, input.baseline].filter((v): v is number => v !== null && Number.isFinite(v));
	const top = Math.max(...values);
	const bottom = Math.min(0, ...values);
	// A label centred on a line near either end of the bar runs off the card ("required now" in English):
	// it hangs inward from its line instead.
	const align = (x: number) => {
		const at = (x - bottom) / (top * 1.08 - bottom || 1);
		return at > 0.6 ? ('right' as const) : at < 0.4 ? ('left' as const) : ('center' as const);
	};
	const marks = [
		{ xAxis: input.target, lineStyle: { color: SCREEN_COLORS.target, width: 5, type: 'solid' as const }, label: { formatter: input.labels.target, color: SCREEN_COLORS.target, align: align(input.target) } },
		...(input.maxValue !== null ? [{ xAxis: input.maxValue, lineStyle: { color: SCREEN_COLORS.target, width: 5, type: 'solid' as const }, label: { formatter: '' } }] : []),
		...(input.required !== null
			? [
					{
						xAxis: input.required,
						lineStyle: { color: SCREEN_COLORS.highlight, width: 4, type: 'dashed' as const },
						label: { formatter: input.labels.required, color: SCREEN_COLORS.highlight, position: 'start' as const, align: align(input.required) }
					}
				]
			: [])
	];
	return {
		animation: false,
		// Room above and below the bar for the marks' labels (24 px type), nothing more: the card is tight.
		grid: { left: 8, right: 8, top: 36, bottom: 36 },
		xAxis: {
			type: 'value',
			min: bottom,
			max: top * 1.08,
			splitNumber: 3,
			// The card writes the numbers; tick labels would only collide with the marks' labels.
			axisLabel: { show: false },
			axisLine,
			splitLine: { lineStyle: { color: SCREEN_COLORS.line, opacity: 0.5 } }
		},
		yAxis: { type: 'category', show: false, data: [''] },
		series: [
			{
				type: 'bar',
				barWidth: '55%',
				itemStyle: { color: STATUS_COLORS[input.status], borderRadius: 4 },
				data: input.actual === null ? [] : [input.actual],
				markLine: { symbol: 'none', silent: true, label: { fontSize: SCREEN_CHART_FONT, fontWeight: 'bold', position: 'end' }, data: marks }
			}
		]
	};
}

/** A plan's statuses as one stacked bar, with counts large enough to read across the room. */
export function screenStatusOptions(counts: Partial<Record<VerdictStatus, number>>, label: (s: VerdictStatus) => string): EChartsOption {
	const options = statusChartOptions(counts, label);
	return {
		...options,
		tooltip: undefined,
		series: (options.series as SeriesOption[]).map((s) => ({ ...s, barWidth: '90%', label: { ...(s as { label: object }).label, fontSize: 32 } })) as SeriesOption[]
	};
}

/** The gap-to-target chart with its forecast fan, in the screen's colours; the legend is drawn by the page in large type. */
export function screenFanOptions(input: Omit<TargetChartInput, 'palette'>): EChartsOption {
	const options = targetChartOptions({ ...input, palette: SCREEN_PALETTE, maxTicks: 4 });
	const xAxis = options.xAxis as { axisLabel: object };
	const series = (options.series as SeriesOption[]).map((s) => {
		const line = s as { lineStyle?: { width?: number }; markLine?: { label?: object }; symbolSize?: number };
		return {
			...s,
			...(line.lineStyle?.width ? { lineStyle: { ...line.lineStyle, width: 4 } } : {}),
			...(line.symbolSize ? { symbolSize: 16 } : {}),
			...(line.markLine ? { markLine: { ...line.markLine, label: { color: SCREEN_COLORS.target, fontSize: SCREEN_CHART_FONT, fontWeight: 'bold' } } } : {})
		};
	}) as SeriesOption[];
	return {
		...options,
		toolbox: undefined,
		tooltip: undefined,
		legend: { show: false },
		grid: { left: 120, right: 48, top: 56, bottom: 48 },
		textStyle: { color: SCREEN_COLORS.text, fontSize: SCREEN_CHART_FONT },
		xAxis: { ...xAxis, axisLabel: { ...xAxis.axisLabel, ...axisText }, axisLine, splitLine: { lineStyle: { color: SCREEN_COLORS.line, opacity: 0.6 } } },
		yAxis: {
			type: 'value',
			scale: true,
			// Three or four ticks: a short card (English titles wrap to two lines) must not stack them.
			splitNumber: 3,
			name: input.unit,
			nameTextStyle: axisText,
			axisLabel: { ...axisText, hideOverlap: true },
			splitLine: { lineStyle: { color: SCREEN_COLORS.line, opacity: 0.6 } }
		},
		series
	};
}
