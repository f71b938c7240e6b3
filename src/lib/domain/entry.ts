/**
 * Reading what analysts type: numbers as people write them ("4,000", "4000亿", "４０００亿元",
 * "12.5%") and periods in the indicator's frequency ("2024", "2024-H1", "2024年第三季度", "2024-03").
 * Pure, so the form checks the same way in the browser and on the server.
 */
import type { Frequency, ObservationBasis } from './plan';
import { monthEnd } from './dates';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: EntryError };

/** Message keys (entry.error.*) with their parameters, translated by the page. */
export interface EntryError {
	code:
		| 'empty'
		| 'not_a_number'
		| 'wrong_unit'
		| 'formula'
		| 'period_format'
		| 'period_frequency'
		| 'month_out_of_range'
		| 'year_out_of_range'
		| 'source_required'
		| 'source_unknown'
		| 'source_url'
		| 'source_date'
		| 'reason_required'
		| 'illustrative_admin_only';
	params?: Record<string, string>;
}

/** The message key of an error: codes added after the first catalogue live under their own prefix. */
export const entryErrorKey = (code: EntryError['code']) =>
	code === 'illustrative_admin_only' ? ('import2.entryError.illustrative_admin_only' as const) : (`entry.error.${code}` as const);

const fail = <T>(code: EntryError['code'], params?: Record<string, string>): Parsed<T> => ({ ok: false, error: { code, params } });

/** Full-width digits and punctuation (from Chinese input methods) to ASCII. */
function halfWidth(text: string): string {
	return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * A number in the indicator's unit. A unit written after the number must be the indicator's own
 * (or its leading part, "4000亿" for 亿元): Pacer never rescales silently.
 * @example parseQuantity('4,000亿', '亿元') -> { ok: true, value: 4000 }
 */
export function parseQuantity(input: string, unit: string): Parsed<number> {
	const text = halfWidth(input).trim();
	if (!text) return fail('empty');
	if (text.startsWith('=')) return fail('formula');
	const match = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?)\s*(.*)$/i.exec(text);
	if (!match) return fail('not_a_number', { input: text });
	const value = Number(match[1].replace(/,/g, ''));
	if (!Number.isFinite(value)) return fail('not_a_number', { input: text });
	const written = match[2].trim();
	if (written && !(unit.startsWith(written) || written === unit)) return fail('wrong_unit', { written, unit });
	return { ok: true, value };
}

export interface PeriodValue {
	period: string;
	periodStart: string;
	periodEnd: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Years a figure may be for. Outside them a typo ("0202") is likelier than a figure, and dates before 1000 break the ISO form. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2200;
const span = (y: number, fromMonth: number, toMonth: number, period: string): PeriodValue => ({
	period,
	periodStart: `${y}-${pad(fromMonth)}-01`,
	periodEnd: monthEnd(y, toMonth)
});

const CHINESE_NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 上: 1, 下: 2 };

/** What the user typed, read as a year, half, quarter or month. */
function readPeriod(text: string): { kind: Frequency; year: number; index: number } | null {
	let m = /^(\d{4})年?$/.exec(text);
	if (m) return { kind: 'year', year: +m[1], index: 1 };
	m = /^(\d{4})\s*[-年]?\s*H([12])$/i.exec(text) ?? /^(\d{4})年([上下])半年$/.exec(text);
	if (m) return { kind: 'half', year: +m[1], index: CHINESE_NUMERALS[m[2]] ?? +m[2] };
	m = /^(\d{4})\s*[-年]?\s*Q([1-4])$/i.exec(text) ?? /^(\d{4})年第?([一二三四1-4])季度$/.exec(text);
	if (m) return { kind: 'quarter', year: +m[1], index: CHINESE_NUMERALS[m[2]] ?? +m[2] };
	m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text);
	if (m) return { kind: 'month', year: +m[1], index: +m[2] };
	return null;
}

/**
 * A period for an observation of the given frequency and basis. A year-to-date figure is written
 * as the month it runs to ("2024-10": January to October).
 */
export function parsePeriod(input: string, frequency: Frequency, basis: ObservationBasis): Parsed<PeriodValue> {
	const text = halfWidth(input).trim();
	if (!text) return fail('empty');
	// A year-to-date period as Pacer writes it in exports ("2024-01..10") reads as the month it runs to.
	const stored = basis === 'year_to_date' ? /^(\d{4})-01\.\.(\d{1,2})$/.exec(text) : null;
	const read = stored ? { kind: 'month' as const, year: +stored[1], index: +stored[2] } : readPeriod(text);
	if (!read) return fail('period_format');
	if (read.year < FIRST_YEAR || read.year > LAST_YEAR) return fail('year_out_of_range', { first: String(FIRST_YEAR), last: String(LAST_YEAR) });
	if (read.kind === 'month' && (read.index < 1 || read.index > 12)) return fail('month_out_of_range');
	const { year, index } = read;
	if (basis === 'year_to_date') {
		if (read.kind !== 'month') return fail('period_frequency', { expected: 'year_to_date' });
		return { ok: true, value: span(year, 1, index, `${year}-01..${pad(index)}`) };
	}
	// A stock at a period end, or a flow over exactly one period of the indicator's frequency.
	const expected = frequency === 'irregular' ? read.kind : frequency;
	if (read.kind !== expected) return fail('period_frequency', { expected });
	switch (read.kind) {
		case 'year':
			return { ok: true, value: span(year, 1, 12, String(year)) };
		case 'half':
			return { ok: true, value: span(year, index * 6 - 5, index * 6, `${year}-H${index}`) };
		case 'quarter':
			return { ok: true, value: span(year, index * 3 - 2, index * 3, `${year}-Q${index}`) };
		default:
			return { ok: true, value: span(year, index, index, `${year}-${pad(index)}`) };
	}
}

/**
 * What makes a figure worth a second look before it is saved, asked as a confirmation (never a
 * refusal: a ministry may publish an estimate for the current year, or a preliminary figure in
 * December). `today` is the day in the deployment's zone; a period ends when its last day does.
 */
export const ENTRY_CONFIRMATIONS = ['period_not_ended', 'source_before_period_end'] as const;
export type EntryConfirmation = (typeof ENTRY_CONFIRMATIONS)[number];

/**
 * The last day a source's publication date may mean: sources are dated to the day, month or year.
 * @example latestPublicationDay('2022-11') === '2022-11-30'; latestPublicationDay('2025') === '2025-12-31'
 */
export function latestPublicationDay(publishedOn: string): string | null {
	const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(publishedOn.trim());
	if (!m) return null;
	if (m[3]) return publishedOn.trim();
	if (m[2]) return monthEnd(+m[1], +m[2]);
	return `${m[1]}-12-31`;
}

/**
 * Confirmations a figure needs: its period has not ended yet, or its source came out before the
 * period's last day (a partial date counts by its last possible day, so only a sure case asks).
 * @example entryConfirmations('2026-12-31', null, '2026-12-01') -> ['period_not_ended']
 * @example entryConfirmations('2024-12-31', '2024-11', '2026-12-01') -> ['source_before_period_end']
 * @example entryConfirmations('2024-12-31', '2025-01-20', '2026-12-01') -> []
 */
export function entryConfirmations(periodEnd: string, sourcePublishedOn: string | null, today: string): EntryConfirmation[] {
	const asked: EntryConfirmation[] = [];
	if (today <= periodEnd) asked.push('period_not_ended');
	const published = sourcePublishedOn ? latestPublicationDay(sourcePublishedOn) : null;
	if (published && published < periodEnd) asked.push('source_before_period_end');
	return asked;
}
