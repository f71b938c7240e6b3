/**
 * Property tests of the figure and period readers: any text gives a value or one of the documented
 * errors, never an exception, and numbers and periods written the usual ways read back exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIRST_YEAR, LAST_YEAR, parsePeriod, parseQuantity, type EntryError } from './entry';
import { FREQUENCIES, OBSERVATION_BASES } from './plan';

const ERROR_CODES: EntryError['code'][] = [
	'empty',
	'not_a_number',
	'wrong_unit',
	'formula',
	'period_format',
	'period_frequency',
	'month_out_of_range',
	'year_out_of_range',
	'source_required',
	'source_url',
	'source_date',
	'reason_required'
];
const UNITS = ['亿元', '个', '家', '%', '周', '工作日', '个月', '万平方米', '万元', ''];
/** Text people type, or paste: any characters, digits with separators, full-width forms, exponents. */
const typed = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: fc.constantFrom(...'0123456789,.+-eE 亿元%年月季度第上下半H Q１２３４５６７８９０，．'.split('')), maxLength: 24 }),
	fc.constantFrom('NaN', 'Infinity', '1e309', '-1e999', '=1+1', '0x10', '1_000', '١٢٣', '9'.repeat(400), '0000', '9999', '2024-13', '2024-00', '0000-Q1')
);
const isoDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

describe('parseQuantity, property tests', () => {
	it('any text gives a finite number or a documented error', () => {
		fc.assert(
			fc.property(typed, fc.constantFrom(...UNITS), (input, unit) => {
				const parsed = parseQuantity(input, unit);
				if (parsed.ok) expect(Number.isFinite(parsed.value)).toBe(true);
				else expect(ERROR_CODES).toContain(parsed.error.code);
			}),
			{ numRuns: 3000 }
		);
	});

	it('a finite number written by JavaScript, with thousands separators or with its unit reads back exactly', () => {
		fc.assert(
			fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(...UNITS), (value, unit) => {
				const expected = value === 0 ? 0 : value;
				expect(parseQuantity(String(value), unit)).toEqual({ ok: true, value: expected });
				expect(parseQuantity(`${value}${unit}`, unit)).toEqual({ ok: true, value: expected });
			}),
			{ numRuns: 1000 }
		);
		fc.assert(
			fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (value) => {
				expect(parseQuantity(value.toLocaleString('en-US'), '亿元')).toEqual({ ok: true, value: value === 0 ? 0 : value });
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('parsePeriod, property tests', () => {
	it('any text gives a period of whole ISO dates, start before end, or a documented error', () => {
		fc.assert(
			fc.property(typed, fc.constantFrom(...FREQUENCIES), fc.constantFrom(...OBSERVATION_BASES), (input, frequency, basis) => {
				const parsed = parsePeriod(input, frequency, basis);
				if (parsed.ok) {
					const { periodStart, periodEnd } = parsed.value;
					expect(isoDate(periodStart) && isoDate(periodEnd)).toBe(true);
					expect(periodStart <= periodEnd).toBe(true);
					expect(Number(periodStart.slice(0, 4))).toBeGreaterThanOrEqual(FIRST_YEAR);
				} else expect(ERROR_CODES).toContain(parsed.error.code);
			}),
			{ numRuns: 3000 }
		);
	});

	it('years, halves, quarters and months in range read back as their calendar spans', () => {
		fc.assert(
			fc.property(fc.integer({ min: FIRST_YEAR, max: LAST_YEAR }), fc.integer({ min: 1, max: 12 }), (year, month) => {
				expect(parsePeriod(`${year}年`, 'year', 'period')).toEqual({ ok: true, value: { period: String(year), periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` } });
				const quarter = Math.ceil(month / 3);
				const q = parsePeriod(`${year}年第${'一二三四'[quarter - 1]}季度`, 'quarter', 'period');
				expect(q.ok && q.value.periodStart).toBe(`${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`);
				const m = parsePeriod(`${year}-${month}`, 'month', 'period');
				const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
				expect(m.ok && m.value.periodEnd).toBe(`${year}-${String(month).padStart(2, '0')}-${last}`);
			}),
			{ numRuns: 500 }
		);
	});
});
