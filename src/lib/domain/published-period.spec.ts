import { describe, expect, it } from 'vitest';
import { periodWords, publishedBy, publishedSpan } from './published-period';

describe('the span of a published figure', () => {
	it.each([
		// period as published, published on, measure → start, end, basis (cases from published-figures*.json)
		['2019', '2024-02-18', 'flow', '2019-01-01', '2019-12-31', 'period'],
		['2025-H1', '2025-08-04', 'flow', '2025-01-01', '2025-06-30', 'period'],
		['2024-H2', '2025-02-01', 'flow', '2024-07-01', '2024-12-31', 'period'],
		['2023-Q1', '2023-04-18', 'flow', '2023-01-01', '2023-03-31', 'period'],
		['2023-09', '2023-09-02', 'flow', '2023-09-01', '2023-09-30', 'period'],
		['2022', '2023-04-19', 'stock', '2022-01-01', '2022-12-31', 'point'],
		['c. 2025', '2025', 'stock', '2025-01-01', '2025-12-31', 'point'],
		['2025 (Jan-Jul)', '2025-08-22', 'flow', '2025-01-01', '2025-07-31', 'year_to_date'],
		['2024 (to 22 May)', '2024-05-22', 'flow', '2024-01-01', '2024-05-22', 'year_to_date'],
		['2025 (to 9 April)', '2025-04-10', 'flow', '2025-01-01', '2025-04-09', 'year_to_date'],
		['2024 (to 11 Oct)', '2024-10-11', 'flow', '2024-01-01', '2024-10-11', 'year_to_date'],
		// No day named: early is the 10th, but the page is dated the 9th.
		['2024 (to early July)', '2024-07-09', 'flow', '2024-01-01', '2024-07-09', 'year_to_date'],
		['2024 (to mid-November)', '2024-11-14', 'flow', '2024-01-01', '2024-11-14', 'year_to_date'],
		['2023 (to October)', '2023-10-10', 'flow', '2023-01-01', '2023-10-10', 'year_to_date'],
		// Running totals end at the month named, or at publication within it.
		['2019 to 2024-05', '2024-05-24', 'flow', '2019-01-01', '2024-05-24', 'cumulative'],
		['2021 to 2025-08', '2025-10', 'flow', '2021-01-01', '2025-08-31', 'cumulative'],
		['2019 to 2023-10', '2023-10', 'flow', '2019-01-01', '2023-10-31', 'cumulative'],
		['2021 to 2024-07', '2024-07-30', 'flow', '2021-01-01', '2024-07-30', 'cumulative'],
		// A rule in force "2024-2025", read on the day it was stated.
		['2024-2025', '2025-09-01', 'stock', '2024-01-01', '2025-09-01', 'point'],
		['by end-2025', '2024-05-22', 'stock', '2025-01-01', '2025-12-31', 'point'],
		['to 2023-10 (cumulative)', '2023-10-10', 'stock', '2023-10-01', '2023-10-10', 'point']
	] as const)('%s published %s (%s): %s to %s, %s', (period, publishedOn, measure, periodStart, periodEnd, basis) => {
		expect(publishedSpan(period, publishedOn, measure)).toEqual({ periodStart, periodEnd, basis });
	});

	it.each([
		['2024 (to Smarch)', 'flow'],
		['around 2020', 'flow'],
		// A running total with no start cannot be placed on a flow.
		['to 2023-10 (cumulative)', 'flow']
	] as const)('does not guess "%s" (%s)', (period, measure) => {
		expect(publishedSpan(period, '2024-01-01', measure)).toBeNull();
	});

	it('takes a month or year of publication as its last day', () => {
		expect(publishedBy('2024-02')).toBe('2024-02-29');
		expect(publishedBy('2025')).toBe('2025-12-31');
		expect(publishedBy('2025-04-10')).toBe('2025-04-10');
	});
});

describe('periodWords', () => {
	// Every period shape of the catalogue's published figures.
	it.each([
		['2023 (to October)', '2023年（截至10月）'],
		['2019 to 2025-04', '2019年至2025年4月'],
		['2021 to 2024-07', '2021年至2024年7月'],
		['2024 (to 11 Oct)', '2024年（截至10月11日）'],
		['2025 (to 9 April)', '2025年（截至4月9日）'],
		['2024 (to early July)', '2024年（截至7月上旬）'],
		['2024 (to mid-November)', '2024年（截至11月中旬）'],
		['2025 (Jan-Jul)', '2025年1—7月'],
		['2024-2025', '2024—2025年'],
		['by end-2025', '截至2025年末'],
		['c. 2025', '约2025年'],
		['to 2023-10 (cumulative)', '截至2023年10月（累计）'],
		['2024', '2024'],
		['2024-H1', '2024-H1'],
		['2023-Q1', '2023-Q1'],
		['2025-06', '2025-06']
	])('"%s" reads "%s" in Chinese and stays as written in English', (period, zh) => {
		expect(periodWords(period, 'zh')).toBe(zh);
		expect(periodWords(period, 'en')).toBe(period);
	});

	it('leaves words of an unknown shape as written', () => {
		expect(periodWords('2024 (to Smarch)', 'zh')).toBe('2024 (to Smarch)');
		expect(periodWords('FY2024', 'zh')).toBe('FY2024');
	});
});
