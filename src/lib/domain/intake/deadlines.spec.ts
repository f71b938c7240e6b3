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
		['2035年地区生产总值实现翻番', '2035-12-31']
	])('%s -> %s', (text, date) => {
		expect(findDeadlines(text)[0]?.date).toBe(date);
	});
});

describe('scopeDeadlines', () => {
	it.each([
		['到2024年底，创新引擎功能更趋强化。', ['2024-12-31']],
		['到2025年，主要目标如下：', ['2025-12-31']],
		['2024年底前出台实施细则。', []],
		['着力打造主阵地，到2024年底，成为产业地标。', ['2024-12-31']]
	])('%s', (text, dates) => {
		expect(scopeDeadlines(text).map((d) => d.date)).toEqual(dates);
	});
});
