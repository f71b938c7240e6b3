import { describe, expect, it } from 'vitest';
import { compareChartOptions } from './compare-chart';

describe('compare chart', () => {
	it('puts each figure on its own period, on the finest step of the targets compared', () => {
		const options = compareChartOptions(
			[
				{ name: 'annual', points: [{ date: '2021-12-31', share: 0 }, { date: '2022-12-31', share: 40 }, { date: '2023-12-31', share: 70 }] },
				{ name: 'half-yearly', points: [{ date: '2023-06-30', share: 20 }, { date: '2023-12-31', share: 50 }] }
			],
			{ target: 'target', axis: '%' }
		);
		const axis = options.xAxis as { axisLabel: { formatter: (v: number) => string } };
		const [annual, half] = options.series as { data: [number, number][] }[];
		expect(annual.data.map(([x, y]) => [axis.axisLabel.formatter(x), y])).toEqual([
			['2021-H2', 0],
			['2022-H2', 40],
			['2023-H2', 70]
		]);
		expect(half.data.map(([x]) => axis.axisLabel.formatter(x))).toEqual(['2023-H1', '2023-H2']);
	});
});
