import { describe, expect, it } from 'vitest';
import { indicatorChartOptions, isWholePeriod, type IndicatorChartFigure, type IndicatorChartLabels } from './indicator-chart';

const labels: IndicatorChartLabels = {
	figures: 'figures',
	partFigures: 'part of a period',
	target: 'target',
	provenance: { official: 'published', provisional: 'provisional', estimate: 'estimate', illustrative: 'illustrative' }
};
const figure = (period: string, periodStart: string, periodEnd: string, value: number, provenance: IndicatorChartFigure['provenance'] = 'official'): IndicatorChartFigure => ({
	period,
	periodStart,
	periodEnd,
	basis: 'period',
	value,
	provenance
});

// pd.scale (浦东生物医药产业规模, 亿元) as the catalogue holds it, with its 4000亿 target for 2024.
const pudong = [
	figure('2023', '2023-01-01', '2023-12-31', 3781),
	figure('2024-H1', '2024-01-01', '2024-06-30', 1951),
	figure('2024', '2024-01-01', '2024-12-31', 4100),
	figure('2025', '2025-01-01', '2025-12-31', 4400, 'estimate')
];

describe('isWholePeriod', () => {
	it.each([
		['a year of an annual indicator', figure('2024', '2024-01-01', '2024-12-31', 1), 'year', true],
		['a half-year of an annual indicator', figure('2024-H1', '2024-01-01', '2024-06-30', 1), 'year', false],
		['a half-year of a half-yearly indicator', figure('2024-H1', '2024-01-01', '2024-06-30', 1), 'half', true],
		['a year to date', { ...figure('2025', '2025-01-01', '2025-07-31', 1), basis: 'year_to_date' as const }, 'year', false],
		['a running total over years', { ...figure('2019 to 2024-05', '2019-01-01', '2024-05-31', 1), basis: 'cumulative' as const }, 'year', false],
		['a stock at a date', { ...figure('end-2024', '2024-12-31', '2024-12-31', 1), basis: 'point' as const }, 'year', true]
	] as const)('%s: %s', (_, f, frequency, whole) => expect(isWholePeriod(f, frequency)).toBe(whole));
});

describe('indicator chart options', () => {
	const options = indicatorChartOptions({
		frequency: 'year',
		figures: pudong,
		targets: [{ title: '产业规模达到4000亿元', value: 4000, deadline: '2024-12-31' }],
		unit: '亿元',
		labels
	});
	const series = options.series as { name: string; type: string; data: { value: number[]; symbol?: string; name: string }[] }[];

	it('draws whole years as the line, marked by provenance, and the half-year apart', () => {
		expect(series.map((s) => [s.name, s.type, s.data.map((d) => d.name)])).toEqual([
			['figures', 'line', ['2023 · published', '2024 · published', '2025 · estimate']],
			['part of a period', 'scatter', ['2024-H1 · published']],
			['target', 'scatter', ['target: 产业规模达到4000亿元']]
		]);
		expect(series[0].data.map((d) => d.symbol)).toEqual(['circle', 'circle', 'diamond']);
	});

	it('puts each figure on its period\'s tick and the target on its deadline\'s', () => {
		expect(series[0].data.map((d) => d.value)).toEqual([[2023, 3781], [2024, 4100], [2025, 4400]]);
		expect(series[2].data[0].value).toEqual([2024, 4000]);
		expect(options.yAxis).toMatchObject({ name: '亿元' });
	});

	it('lists only the series it has in the legend', () => {
		const bare = indicatorChartOptions({ frequency: 'year', figures: pudong.slice(0, 1), targets: [], unit: '亿元', labels });
		expect(bare.legend).toMatchObject({ data: ['figures'] });
	});
});
