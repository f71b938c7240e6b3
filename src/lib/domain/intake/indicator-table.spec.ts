import { describe, expect, it } from 'vitest';
import { readIndicatorTables, readNumberCell, readTableHeader, readValueCell, splitRunTogether } from './indicator-table';

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
		[['指标', '单位', '现状值（2020年）', '目标值（2025年）', '属性'], { baseYear: 2020, targetYear: 2025, columns: ['unit', 'base', 'target', 'attribute'] }],
		// No year for the target: 0, and the plan's end stands in.
		[['指标', '单位', '现状值（2020年）', '目标值', '属性'], { baseYear: 2020, targetYear: 0, columns: ['unit', 'base', 'target', 'attribute'] }],
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

	it('reads a web copy with "|" after every cell, a category column and a source column', () => {
		// 重庆市数字经济创新发展行动计划, 表1 主要指标 (cbca.org.cn reprint).
		const rows = readIndicatorTables(
			['类别 |', '主要指标 |', '单位 |', '2022年 |', '2027年 |', '来源 |', '总体 |', '数字经济增加值占GDP的比重 |', '% |', '45.4 |', '50 |', '市统计局 |',
				'数字经济重点企业 |', '家 |', '/ |', '500 |', '市经济信息委 |', '|', '数字产业化 |', '数字经济核心产业增加值 |', '亿元 |', '2240 |', '4000 |', '市统计局 |'].join('\n')
		);
		expect(rows.map((r) => [r.indicator, r.value, r.unit, r.deadline, r.baseline?.value ?? null])).toEqual([
			['数字经济增加值占GDP的比重', 50, '%', '2027-12-31', 45.4],
			['数字经济重点企业', 500, '家', '2027-12-31', null],
			['数字经济核心产业增加值', 4000, '亿元', '2027-12-31', 2240]
		]);
		expect(rows[1].quote).toBe('数字经济重点企业 |\n家 |\n/ |\n500 |');
	});

	it('reads sections, units in the name and in the cell, and sub-rows whose values run column by column', () => {
		// 邯郸“十四五”教育事业发展主要指标表: "其中：小学 / 初中" with four values for two years.
		const rows = readIndicatorTables(
			['“十四五”教育事业发展主要指标表', '指 标', '2020年', '2025年', '属性', '一、发展水平', '4.劳动年龄人口平均受教育年限（年）', '11.4年', '12.3年以上', '约束性',
				'二、优质资源建设', '4.义务教育标准班额比例（%）', '其中：小学', '初中', '34.52%', '77.34%', '80%以上', '85%以上', '预期性'].join('\n')
		);
		expect(rows.map((r) => [r.indicator, r.comparator, r.value, r.unit, r.baseline?.value])).toEqual([
			['劳动年龄人口平均受教育年限', '>=', 12.3, '年', 11.4],
			['小学', '>=', 80, '%', 34.52],
			['初中', '>=', 85, '%', 77.34]
		]);
		expect(rows[1].quote).toBe('4.义务教育标准班额比例（%）\n其中：小学\n初中\n34.52%\n77.34%\n80%以上\n85%以上\n预期性');
	});

	it('reads the 十四五 outline table given cell by cell: starred bases, signed and bracketed changes, words in the change column', () => {
		const rows = readIndicatorTables(
			['类别', '指标', '2020年', '2025年', '年均/累计', '属性',
				'经济发展', '1.国内生产总值（GDP）增长（%）', '2.3', '—', '保持在合理区间、各年度视情提出', '预期性',
				'3.常住人口城镇化率（%）', '60.6*', '65', '—', '预期性',
				'创新驱动', '4.全社会研发经费投入增长（%）', '—', '—', '>7、力争投入强度高于“十三五”时期实际', '预期性',
				'民生福祉', '8.城镇调查失业率（%）', '5.2', '—', '<5.5', '预期性',
				'绿色生态', '14.单位GDP能源消耗降低（%）', '—', '—', '〔13.5〕', '约束性'].join('\n')
		);
		expect(rows.map((r) => [r.indicator, r.comparator, r.value, r.unit])).toEqual([
			['常住人口城镇化率', '>=', 65, '%'],
			['全社会研发经费投入增长', '>=', 7, '%'],
			['城镇调查失业率', '<=', 5.5, '%'],
			['单位GDP能源消耗降低', '>=', 13.5, '%']
		]);
	});

	it('keeps a row\'s name when its unit cell is missing', () => {
		const rows = readIndicatorTables(['类别', '指标', '单位', '2020年', '2025年', '属性', '绿色生态', '森林覆盖率', '23.2', '24.1', '约束性', '粮食综合生产能力', '亿吨', '—', '6.5', '约束性'].join('\n'));
		expect(rows.map((r) => [r.indicator, r.value, r.unit])).toEqual([['森林覆盖率', 24.1, '%'], ['粮食综合生产能力', 6.5, '亿吨']]);
	});

	it('reads tab-separated rows cell by cell: verbs in cells, a second parenthesis in the name', () => {
		const rows = readIndicatorTables(
			['领域\t主要指标\t2020年\t2025年\t性质', '健康水平\t人均预期寿命（岁）\t77.93\t提高1岁\t预期性', '婴儿死亡率（‰）\t5.4\t≤5.2\t预期性', '健康服务\t每千人口执业（助理）医师数（人）\t2.90\t3.20\t预期性'].join('\n')
		);
		expect(rows.map((r) => [r.indicator, r.comparator, r.value, r.unit])).toEqual([
			['人均预期寿命', '>=', 1, '岁'],
			['婴儿死亡率', '<=', 5.2, '‰'],
			['每千人口执业（助理）医师数', '>=', 3.2, '人']
		]);
		expect(rows[0].quote).toBe('健康水平\t人均预期寿命（岁）\t77.93\t提高1岁\t预期性');
	});

	it('reads header cells with their year in parentheses, one per line', () => {
		const [row] = readIndicatorTables(['指标名称', '单位', '基期值（2020年）', '目标值（2025年）', '指标属性', '森林覆盖率', '%', '23.2', '24.1', '约束性指标'].join('\n'));
		expect(row).toMatchObject({ indicator: '森林覆盖率', value: 24.1, deadline: '2025-12-31', baseline: { value: 23.2, date: '2020-12-31' } });
	});

	it('takes the unit from the parenthesis right before the values', () => {
		// 十四五 outline, a copy with spaces between cells.
		const rows = readIndicatorTables(['指标 2020年 2025年 年均/累计 属性', '10.每千人口拥有执业（助理）医师数（人） 2.9 3.2 — 预期性'].join('\n'));
		expect(rows.map((r) => [r.indicator, r.value, r.unit])).toEqual([['每千人口拥有执业（助理）医师数', 3.2, '人']]);
	});

	it('reads rows whose cells are separated by "|"', () => {
		const rows = readIndicatorTables(['指标 | 2020年 | 2025年 | 属性', '数字经济核心产业增加值占GDP比重（%） | 7.8 | 10 | 预期性', '软件和信息技术服务业规模（万亿元） | 8.16 | 14 | 预期性'].join('\n'));
		expect(rows.map((r) => [r.indicator, r.value, r.unit, r.kind])).toEqual([['数字经济核心产业增加值占GDP比重', 10, '%', 'share'], ['软件和信息技术服务业规模', 14, '万亿元', 'level']]);
	});

	it('reads a table retyped on an exam page: notes in the header, "一" for a dash, wrapped names, mismatched brackets', () => {
		// “十四五”推进农业农村现代化规划, 主要指标 (dev3 cn-nyxdh-2025).
		const text = ['指标 |', '2020年基期值（起始日期用作比较的数据） |', '2025年目标值（各项目标应达到的水平） |', '年均增（5年累计） |', '粮食综合生产能力（亿吨） |', '一 |', '>6.5 |', '一 |', '高标准农田面积（亿亩） |', '8 |', '10.75 |', '[2.75） |', '农产品质量安全例行监测合格 率（%） |', '97.8 |', '98 |', '[0.2] |'].join('\n');
		expect(readIndicatorTables(text).map((r) => [r.indicator, r.comparator, r.value, r.unit, r.deadline])).toEqual([
			['粮食综合生产能力', '>=', 6.5, '亿吨', '2025-12-31'],
			['高标准农田面积', '>=', 10.75, '亿亩', '2025-12-31'],
			['农产品质量安全例行监测合格率', '>=', 98, '%', '2025-12-31']
		]);
	});

	it('reads a name heading spaced out letter by letter', () => {
		const [row] = readIndicatorTables(['指 标 名 称', '单 位', '2020年', '2025年', '属 性', '森林覆盖率', '%', '23.2', '24.1', '约束性'].join('\n'));
		expect(row).toMatchObject({ indicator: '森林覆盖率', value: 24.1, unit: '%' });
	});

	it('reads the last of several year columns as the target', () => {
		const [row] = readIndicatorTables(['指标\t单位\t2022年\t2023年\t2024年\t2025年', '新能源汽车产量\t万辆\t5\t8\t12\t20'].join('\n'));
		expect(row).toMatchObject({ value: 20, deadline: '2025-12-31', baseline: { value: 5, date: '2022-12-31' } });
	});

	it.each([
		['12.3年以上', { value: 12.3, max: null, sign: '>=', unit: '年' }],
		['3-5', { value: 3, max: 5, sign: 'between', unit: null }],
		['≤12', { value: 12, max: null, sign: '<=', unit: null }],
		['〔13.5〕', { value: 13.5, max: null, sign: null, unit: null }],
		['6左右', { value: 6, max: null, sign: '=', unit: null }],
		['5.5以内', { value: 5.5, max: null, sign: '<=', unit: null }],
		['提高1岁', { value: 1, max: null, sign: '>=', unit: '岁' }],
		['控制在5.5%以内', { value: 5.5, max: null, sign: '<=', unit: '%' }],
		['市统计局', null]
	])('reads the value cell %s', (cell, read) => {
		const value = readValueCell(cell);
		expect(value && { value: value.value, max: value.max, sign: value.sign, unit: value.unit }).toEqual(read);
	});

	it('reads nothing from prose', () => {
		expect(readIndicatorTables('到2025年，产业规模达到4000亿元。')).toEqual([]);
	});
});
