/** Several targets on one chart, each as the share of the way from its baseline to its target (100% = target met). */
import type { EChartsOption } from 'echarts';
import { chartStep, periodAxis, periodPosition } from './period-axis';

export interface CompareSeries {
	name: string;
	points: { date: string; share: number }[];
}

export function compareChartOptions(series: CompareSeries[], labels: { target: string; axis: string }): EChartsOption {
	// The finest step of the series compared: an annual figure still sits on its year's end.
	const step = series.map((s) => chartStep(s.points)).reduce((a, b) => (b < a ? b : a), 12 as ReturnType<typeof chartStep>);
	const x = (date: string) => periodPosition(date, step);
	return {
		animation: false,
		grid: { left: 56, right: 24, top: 24, bottom: 80 },
		tooltip: { trigger: 'axis', valueFormatter: (v) => `${Math.round(Number(v))}%` },
		legend: { bottom: 0, type: 'scroll' },
		toolbox: { feature: { saveAsImage: {} } },
		xAxis: periodAxis(series.flatMap((s) => s.points.map((p) => x(p.date))), step),
		yAxis: { type: 'value', name: labels.axis, axisLabel: { formatter: '{value}%' } },
		series: series.map((s, i) => ({
			name: s.name,
			type: 'line',
			symbolSize: 7,
			// Dashes and markers differ as well as colours, for grey-scale print.
			lineStyle: { type: (['solid', 'dashed', 'dotted'] as const)[i % 3] },
			symbol: ['circle', 'rect', 'triangle', 'diamond'][i % 4],
			data: s.points.map((p) => [x(p.date), p.share]),
			...(i === 0 ? { markLine: { symbol: 'none', silent: true, data: [{ yAxis: 100, label: { formatter: labels.target } }], lineStyle: { color: '#b3261e' } } } : {})
		}))
	};
}
