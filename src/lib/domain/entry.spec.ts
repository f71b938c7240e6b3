import { describe, expect, it } from 'vitest';
import { entryConfirmations, latestPublicationDay, parsePeriod, parseQuantity } from './entry';

describe('parseQuantity', () => {
	it('reads numbers as people write them', () => {
		expect(parseQuantity('4,000', '亿元')).toEqual({ ok: true, value: 4000 });
		expect(parseQuantity('4000亿', '亿元')).toEqual({ ok: true, value: 4000 });
		expect(parseQuantity(' ４，０００亿元 ', '亿元')).toEqual({ ok: true, value: 4000 });
		expect(parseQuantity('12.5%', '%')).toEqual({ ok: true, value: 12.5 });
		expect(parseQuantity('-3', '个')).toEqual({ ok: true, value: -3 });
	});

	it('refuses what it cannot read, and never rescales a different unit', () => {
		expect(parseQuantity('', '亿元')).toMatchObject({ ok: false, error: { code: 'empty' } });
		expect(parseQuantity('about 40', '个')).toMatchObject({ ok: false, error: { code: 'not_a_number' } });
		expect(parseQuantity('40万', '亿元')).toMatchObject({ ok: false, error: { code: 'wrong_unit', params: { written: '万', unit: '亿元' } } });
		expect(parseQuantity('=SUM(A1:A3)', '个')).toMatchObject({ ok: false, error: { code: 'formula' } });
		expect(parseQuantity('1,00', '个')).toMatchObject({ ok: false });
	});
});

describe('parsePeriod', () => {
	it('reads periods in the indicator frequency', () => {
		expect(parsePeriod('2024', 'year', 'period')).toEqual({ ok: true, value: { period: '2024', periodStart: '2024-01-01', periodEnd: '2024-12-31' } });
		expect(parsePeriod('2024年上半年', 'half', 'period')).toMatchObject({ ok: true, value: { period: '2024-H1', periodEnd: '2024-06-30' } });
		expect(parsePeriod('2024年第三季度', 'quarter', 'period')).toMatchObject({ ok: true, value: { period: '2024-Q3', periodStart: '2024-07-01', periodEnd: '2024-09-30' } });
		expect(parsePeriod('2024-Q4', 'quarter', 'point')).toMatchObject({ ok: true, value: { periodEnd: '2024-12-31' } });
		expect(parsePeriod('2024年2月', 'month', 'period')).toMatchObject({ ok: true, value: { period: '2024-02', periodEnd: '2024-02-29' } });
	});

	it('reads a year-to-date figure as running to a month', () => {
		expect(parsePeriod('2023-10', 'year', 'year_to_date')).toEqual({ ok: true, value: { period: '2023-01..10', periodStart: '2023-01-01', periodEnd: '2023-10-31' } });
		// As the figures export writes it, so an exported file reads back.
		expect(parsePeriod('2023-01..10', 'year', 'year_to_date')).toEqual({ ok: true, value: { period: '2023-01..10', periodStart: '2023-01-01', periodEnd: '2023-10-31' } });
		expect(parsePeriod('2023-01..10', 'year', 'period')).toMatchObject({ ok: false, error: { code: 'period_format' } });
	});

	it('refuses a period outside the frequency, or one it cannot read', () => {
		expect(parsePeriod('2024-Q1', 'year', 'period')).toMatchObject({ ok: false, error: { code: 'period_frequency', params: { expected: 'year' } } });
		expect(parsePeriod('2024-13', 'month', 'period')).toMatchObject({ ok: false, error: { code: 'month_out_of_range' } });
		expect(parsePeriod('last year', 'year', 'period')).toMatchObject({ ok: false, error: { code: 'period_format' } });
	});
});

describe('entryConfirmations', () => {
	it('reads a source date to its last possible day', () => {
		expect(latestPublicationDay('2025-07-28')).toBe('2025-07-28');
		expect(latestPublicationDay('2022-11')).toBe('2022-11-30');
		expect(latestPublicationDay('2024-02')).toBe('2024-02-29');
		expect(latestPublicationDay('2022-12')).toBe('2022-12-31');
		expect(latestPublicationDay('2025')).toBe('2025-12-31');
		expect(latestPublicationDay('soon')).toBeNull();
	});

	it.each([
		// [period end, source published, today (deployment zone), asked]
		['2026-12-31', null, '2026-12-01', ['period_not_ended']], // 2026 is not over on 1 December 2026
		['2026-11-30', null, '2026-11-30', ['period_not_ended']], // the last day itself is not over yet
		['2026-11-30', null, '2026-12-01', []],
		['2024-12-31', '2024-11', '2026-12-01', ['source_before_period_end']], // a November release cannot hold the whole year
		['2024-12-31', '2024-12', '2026-12-01', []], // may be from 31 December: not a sure case
		['2024-12-31', '2024-12-30', '2026-12-01', ['source_before_period_end']],
		['2021-12-31', '2022-01-26', '2026-12-01', []], // pd.scale 2021 from the 2022-01-26 report
		['2025-12-31', '2025', '2026-12-01', []], // a year-dated source may be from after the period: not a sure case
		['2026-12-31', '2026-07-28', '2026-12-01', ['period_not_ended', 'source_before_period_end']]
	] as const)('period ending %s, source of %s, today %s', (periodEnd, source, today, asked) => {
		expect(entryConfirmations(periodEnd, source, today)).toEqual(asked);
	});
});
