import { describe, expect, it } from 'vitest';
import { parsePeriod, parseQuantity } from './entry';

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
	});

	it('refuses a period outside the frequency, or one it cannot read', () => {
		expect(parsePeriod('2024-Q1', 'year', 'period')).toMatchObject({ ok: false, error: { code: 'period_frequency', params: { expected: 'year' } } });
		expect(parsePeriod('2024-13', 'month', 'period')).toMatchObject({ ok: false, error: { code: 'month_out_of_range' } });
		expect(parsePeriod('last year', 'year', 'period')).toMatchObject({ ok: false, error: { code: 'period_format' } });
	});
});
