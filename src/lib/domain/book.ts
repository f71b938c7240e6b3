/**
 * A briefing book request: the date it describes, the data cutoff, the plans and the language.
 * The same request always gives the same book text (apart from its generation time), so it is
 * what the archive stores and what the print page's address carries.
 */
import { dataCutoff, endOfDay } from './schedule';
import { todayIn } from './dates';
import type { Locale } from './plan';

export interface BookRequest {
	asOf: string;
	/** Figures recorded up to this instant count. */
	dataCutoff: Date;
	/** Empty: every plan. */
	planIds: string[];
	locale: Locale;
	generatedAt: Date;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A YYYY-MM-DD date that exists and is not after today in the deployment's zone. */
export function parseAsOf(text: string | null | undefined, now: Date, timeZone: string): Parsed<string> {
	const value = (text ?? '').trim();
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { ok: false, error: `as-of date must be YYYY-MM-DD, got "${value}"` };
	const parsed = new Date(`${value}T00:00:00Z`);
	if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) return { ok: false, error: `${value} is not a calendar date` };
	if (value > todayIn(now, timeZone)) return { ok: false, error: `as-of date ${value} is in the future` };
	return { ok: true, value };
}

function parseInstant(text: string, name: string): Parsed<Date> {
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? { ok: false, error: `${name} must be an ISO date-time, got "${text}"` } : { ok: true, value: date };
}

/** The print page's query: asOf, plans (comma-separated), lang, and the cutoff and generation time the archive recorded. */
export function bookQuery(request: BookRequest): string {
	const params = new URLSearchParams({ asOf: request.asOf });
	if (request.planIds.length) params.set('plans', request.planIds.join(','));
	params.set('lang', request.locale);
	params.set('cutoff', request.dataCutoff.toISOString());
	params.set('generatedAt', request.generatedAt.toISOString());
	return params.toString();
}

export function readBookQuery(params: URLSearchParams, locale: Locale, now: Date, timeZone: string): Parsed<BookRequest> {
	const asOf = parseAsOf(params.get('asOf'), now, timeZone);
	if (!asOf.ok) return asOf;
	let cutoff = dataCutoff(asOf.value, now, timeZone);
	const cutoffText = params.get('cutoff');
	if (cutoffText) {
		const asked = parseInstant(cutoffText, 'cutoff');
		if (!asked.ok) return asked;
		// A cutoff past the as-of day would let later corrections into a book dated before them.
		if (asked.value.getTime() > endOfDay(asOf.value, timeZone).getTime()) return { ok: false, error: `cutoff ${cutoffText} is after the as-of date ${asOf.value}` };
		cutoff = asked.value;
	}
	let generatedAt = now;
	const generatedText = params.get('generatedAt');
	if (generatedText) {
		const asked = parseInstant(generatedText, 'generatedAt');
		if (!asked.ok) return asked;
		generatedAt = asked.value;
	}
	const planIds = (params.get('plans') ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	return { ok: true, value: { asOf: asOf.value, dataCutoff: cutoff, planIds, locale, generatedAt } };
}

/** The file name a book downloads under, e.g. pacer-book-2024-12-31-zh.pdf. */
export function bookFileName(asOf: string, locale: Locale, id?: number): string {
	return `pacer-book-${asOf}-${locale}${id === undefined ? '' : `-${id}`}.pdf`;
}
