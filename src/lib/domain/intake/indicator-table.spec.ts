import { describe, expect, it } from 'vitest';
import { readIndicatorTables, readNumberCell, readTableHeader, splitRunTogether } from './indicator-table';

describe('splitRunTogether', () => {
	it.each([
		// 十二五 environment table, web copy: base 2010, target 2015, change over the period.
		['2551.72347.6', -8, 5, [2551.7, 2347.6]],
		['264.4238.0', -10, 5, [264.4, 238.0]],
		['2267.82086.4', -8, 5, [2267.8, 2086.4]],
		// A yearly rate: 4000 growing 6.5% a year for 5 years is about 5480.
		['40005480', 6.5, 5, [4000, 5480]],
		// No change stated: equal decimals and close sizes.
		['60.665.0', null, null, [60.6, 65.0]]
	])('%s (%s%%)', (digits, change, years, split) => {
		expect(splitRunTogether(digits, change, years)).toEqual(split);
	});
});

describe('table header', () => {
	it.each([
		[['类别', '指标', '2020年', '2025年', '年均/累计', '属性'], { baseYear: 2020, targetYear: 2025, columns: ['base', 'target', 'change', 'attribute'] }],
		[['指标', '单位', '2020年', '2025年', '属性'], { baseYear: 2020, targetYear: 2025, columns: ['unit', 'base', 'target', 'attribute'] }],
		[['指标', '2025年目标', '属性'], { baseYear: null, targetYear: 2025, columns: ['target', 'attribute'] }],
		[['序号', '任务', '责任单位'], null]
	])('%j', (cells, header) => {
		expect(readTableHeader(cells)).toEqual(header);
	});
});

describe('readNumberCell', () => {
	it.each([
		['65', { value: 65, sign: null, bracketed: false }],
		['60.6*', { value: 60.6, sign: null, bracketed: false }],
		['〔13.5〕', { value: 13.5, sign: null, bracketed: true }],
		['>6.5', { value: 6.5, sign: '>=', bracketed: false }],
		['预期性', null]
	])('%s', (cell, read) => {
		const value = readNumberCell(cell);
		expect(value === null ? null : { value: value.value, sign: value.sign, bracketed: value.bracketed }).toEqual(read);
	});
});

describe('readIndicatorTables', () => {
	it('reads run-together rows: the target-year column is the target, the base year its baseline', () => {
		const [row] = readIndicatorTables('指标\t2010年\t2015年\t2015年比2010年增长\n化学需氧量排放总量（万吨）2551.72347.6-8%');
		expect(row).toMatchObject({
			quote: '化学需氧量排放总量（万吨）2551.72347.6-8%',
			indicator: '化学需氧量排放总量',
			comparator: '<=',
			value: 2347.6,
			unit: '万吨',
			deadline: '2015-12-31',
			baseline: { value: 2551.7, date: '2010-12-31' }
		});
	});

	it('reads the 十四五 outline table with categories, numbering, brackets and signs', () => {
		const rows = readIndicatorTables(
			[
				'类别\t指标\t2020年\t2025年\t年均/累计\t属性',
				'经济发展\t3.常住人口城镇化率（%）\t60.6*\t65\t—\t预期性',
				'6.数字经济核心产业增加值占GDP比重（%）\t7.8\t10\t—\t预期性',
				'绿色生态\t15.单位GDP能源消耗降低（%）\t—\t—\t〔13.5〕\t约束性',
				'安全保障\t19.粮食综合生产能力（亿吨）\t—\t>6.5\t—\t约束性'
			].join('\n')
		);
		expect(rows.map((r) => [r.indicator, r.comparator, r.value, r.unit, r.kind])).toEqual([
			['常住人口城镇化率', '>=', 65, '%', 'level'],
			['数字经济核心产业增加值占GDP比重', '>=', 10, '%', 'share'],
			['单位GDP能源消耗降低', '>=', 13.5, '%', 'level'],
			['粮食综合生产能力', '>=', 6.5, '亿吨', 'level']
		]);
	});

	it('reads a table whose cells come one per line, with a unit column', () => {
		const rows = readIndicatorTables(['指标', '单位', '2020年', '2025年', '属性', '地区生产总值', '亿元', '4000', '5500', '预期性'].join('\n'));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ indicator: '地区生产总值', value: 5500, unit: '亿元', quote: '地区生产总值\n亿元\n4000\n5500\n预期性' });
	});

	it('keeps each row number with its own row and reads 以上 / 以下 in cells', () => {
		const rows = readIndicatorTables(
			['序号', '指标名称', '单位', '2020年', '2025年', '属性', '1', '学前教育毛入园率', '%', '90', '95以上', '预期性', '2', '初中辍学率', '%', '0.5', '0.3以下', '约束性'].join('\n')
		);
		expect(rows.map((r) => [r.indicator, r.comparator, r.value, r.quote])).toEqual([
			['学前教育毛入园率', '>=', 95, '学前教育毛入园率\n%\n90\n95以上\n预期性'],
			['初中辍学率', '<=', 0.3, '初中辍学率\n%\n0.5\n0.3以下\n约束性']
		]);
	});

	it('reads nothing from prose', () => {
		expect(readIndicatorTables('到2025年，产业规模达到4000亿元。')).toEqual([]);
	});
});
