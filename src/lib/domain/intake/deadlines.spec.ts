import { describe, expect, it } from 'vitest';
import { findDeadlines, scopeDeadlines } from './deadlines';

describe('findDeadlines', () => {
	it.each([
		['到2025年，', '2025-12-31'],
		['2025年底前完成', '2025-12-31'],
		['2023年6月底前', '2023-06-30'],
		['力争到2027年末', '2027-12-31'],
		['2024年，全市…', '2024-12-31'],
		['“十四五”期间累计新增', '2025-12-31'],
		['截至2023年6月', '2023-06-30'],
		['2022年1月14日印发', undefined],
		['在2025年基础上实现翻番', undefined],
		['2035年地区生产总值实现翻番', '2035-12-31'],
		// 山东科技研发创新行动计划: a year between subject and verb.
		['高新技术企业2024年突破3.5万家', '2024-12-31'],
		['规模以上高新技术产业产值占规模以上工业总产值比重2024年达到52%', '2024-12-31'],
		// 湖北生物医药: "提出的目标是，2027年，…".
		['提出的目标是，2027年，湖北省生物医药产业营业收入实现倍增', '2027-12-31'],
		['全年增长9%', undefined]
	])('%s -> %s', (text, date) => {
		expect(findDeadlines(text)[0]?.date).toBe(date);
	});
});

describe('scopeDeadlines', () => {
	it.each([
		['到2024年底，创新引擎功能更趋强化。', ['2024-12-31']],
		['到2025年，主要目标如下：', ['2025-12-31']],
		['2024年底前出台实施细则。', []],
		['着力打造主阵地，到2024年底，成为产业地标。', ['2024-12-31']],
		// 天津绿色低碳发展行动方案 (news): the year that names the goals scopes the list after it.
		['《方案》明确了天津到2027年底绿色低碳发展的主要目标指标。包括：', ['2027-12-31']]
	])('%s', (text, dates) => {
		expect(scopeDeadlines(text).map((d) => d.date)).toEqual(dates);
	});
});
