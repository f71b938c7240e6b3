import { describe, expect, it } from 'vitest';
import { SCREEN_COLORS } from '../screen/theme';
import { bulletChartOptions, SCREEN_CHART_FONT, screenFanOptions, screenStatusOptions } from './screen-charts';
import { STATUS_COLORS } from './status-chart';

type Bar = { data: number[]; itemStyle: { color: string }; markLine: { data: { xAxis: number; label: { formatter: string } }[] } };

describe('screen charts', () => {
	const bullet = (over: Partial<Parameters<typeof bulletChartOptions>[0]> = {}) =>
		bulletChartOptions({
			actual: 3200,
			target: 4000,
			maxValue: null,
			comparator: '>=',
			required: 3400,
			baseline: 2700,
			status: 'acceleration_needed',
			labels: { target: '目标', required: '应达' },
			...over
		});

	it('draws the actual figure as a bar in its status colour, with the target and required-by-now marks', () => {
		const options = bullet();
		const [bar] = options.series as Bar[];
		expect(bar.data).toEqual([3200]);
		expect(bar.itemStyle.color).toBe(STATUS_COLORS.acceleration_needed);
		expect(bar.markLine.data.map((m) => [m.xAxis, m.label.formatter])).toEqual([
			[4000, '目标'],
			[3400, '应达']
		]);
		expect(options.xAxis).toMatchObject({ min: 0 });
		expect((options.xAxis as { max: number }).max).toBeGreaterThan(4000);
	});

	it('draws no bar and no required mark when there is nothing to show, and both ends of a range', () => {
		const [empty] = bullet({ actual: null, required: null }).series as Bar[];
		expect(empty.data).toEqual([]);
		expect(empty.markLine.data).toHaveLength(1);
		const [range] = bullet({ comparator: 'between', target: 2, maxValue: 3, actual: 1, required: null, baseline: 0 }).series as Bar[];
		expect(range.markLine.data.map((m) => m.xAxis)).toEqual([2, 3]);
	});

	it('writes the status counts large', () => {
		const options = screenStatusOptions({ on_track: 3, missed: 1 }, (s) => s);
		expect((options.series as { label: { fontSize: number } }[]).map((s) => s.label.fontSize)).toEqual([32, 32]);
	});

	it('draws the fan chart in the dark palette with large axis text and no legend', () => {
		const options = screenFanOptions({
			target: { comparator: '>=', value: 10, maxValue: null, kind: 'level', deadline: '2027-12-31' },
			series: [{ date: '2024-12-31', value: 5, provenance: 'illustrative', period: '2024', partial: false, baseline: false }],
			baseline: null,
			forecast: null,
			unit: '个',
			labels: { actual: 'a', target: 't', requiredPath: 'r', forecast: 'f', interval80: '80', interval95: '95', deadline: 'd', baseline: 'b', provenance: { official: 'o', provisional: 'p', estimate: 'e', illustrative: 'i' } }
		});
		expect(options.legend).toEqual({ show: false });
		expect(options.yAxis).toMatchObject({ axisLabel: { fontSize: SCREEN_CHART_FONT, color: SCREEN_COLORS.muted } });
		const actual = (options.series as { name: string; data: { itemStyle: { color: string } }[] }[]).find((s) => s.name === 'a')!;
		expect(actual.data[0].itemStyle.color).toBe(SCREEN_COLORS.illustrative);
	});
});
