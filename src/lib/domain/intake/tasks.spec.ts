import { describe, expect, it } from 'vitest';
import type { ExtractedClause } from './extraction';
import { isUnitsCell, measureTasks, readTaskTable, splitUnits } from './tasks';

const clause = (text: string, path = '附件'): ExtractedClause => ({ path, labels: [path], heading: null, text, units: [] });

describe('readTaskTable', () => {
	it('reads cells one per line with group headings (浦东 task table)', () => {
		const tasks = readTaskTable(
			clause(
				[
					'《浦东新区生物医药产业高质量发展行动方案（2022-2024年）》任务分解表',
					'重点任务',
					'序号',
					'具体工作',
					'责任部门',
					'打造战略科技力量，全力做强创新引擎',
					'1',
					'推进重大科技基础设施建设，健全设施共享机制。',
					'张江管理局、区科经委、区发改委',
					'2',
					'支持创新主体申报国家科技重大专项。',
					'区科经委、张江管理局',
					'加强关键技术攻关，推进产业链自主可控',
					'3',
					'鼓励高校、科研院所建设新型研发机构。',
					'区科经委、张江管理局、保税区管理局等'
				].join('\n')
			)
		);
		expect(tasks.map((t) => [t.number, t.title, t.units])).toEqual([
			[1, '打造战略科技力量，全力做强创新引擎', ['张江管理局', '区科经委', '区发改委']],
			[2, '打造战略科技力量，全力做强创新引擎', ['区科经委', '张江管理局']],
			[3, '加强关键技术攻关，推进产业链自主可控', ['区科经委', '张江管理局', '保税区管理局']]
		]);
		expect(tasks[0].text).toBe('推进重大科技基础设施建设，健全设施共享机制。');
	});

	it('reads a deadline column and rows whose cells are separated by tabs', () => {
		const tasks = readTaskTable(
			clause(['序号\t工作任务\t牵头单位\t完成时限', '1\t建成市级数据共享平台。\t市大数据局\t2023年底前', '2\t出台产业扶持政策。\t市发展改革委、市财政局\t2023年6月底前'].join('\n'))
		);
		expect(tasks.map((t) => [t.number, t.text, t.units, t.deadline])).toEqual([
			[1, '建成市级数据共享平台。', ['市大数据局'], '2023-12-31'],
			[2, '出台产业扶持政策。', ['市发展改革委', '市财政局'], '2023-06-30']
		]);
	});

	it('reads no table from prose', () => {
		expect(readTaskTable(clause('加强组织领导，成立领导小组。'))).toEqual([]);
	});
});

describe('units', () => {
	it.each([
		['区科经委、张江管理局、保税区管理局等', true],
		['市发展改革委', true],
		['各区人民政府', true],
		['推进重大科技基础设施建设，健全设施共享机制。', false],
		['2023年底前', false]
	])('isUnitsCell(%s) -> %s', (cell, units) => {
		expect(isUnitsCell(cell)).toBe(units);
	});

	it('splits a units cell and drops 等', () => {
		expect(splitUnits('区科经委、区商务委、区财政局等')).toEqual(['区科经委', '区商务委', '区财政局']);
	});

	it('makes a task of each measure that names its units', () => {
		const tasks = measureTasks([
			{ path: '一、（一）', labels: ['一、', '（一）'], heading: '加快基础理论创新', text: '加快基础理论创新。布局前沿新技术。（责任单位：市科委、市发展改革委）', units: ['市科委', '市发展改革委'] }
		]);
		expect(tasks).toEqual([
			{ clause: '一、（一）', number: 1, title: '加快基础理论创新', text: '加快基础理论创新。布局前沿新技术。', units: ['市科委', '市发展改革委'], deadline: null }
		]);
	});
});
