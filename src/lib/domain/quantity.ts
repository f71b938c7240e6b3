/**
 * Numbers with units, as a reader of each language expects them. Plans write Chinese units
 * (亿元, 万元, 万平方米); English readers get the amount rescaled ("4000亿元" -> "RMB 400 bn").
 */
import { LANGUAGE_TAG, type Comparator, type Locale } from './plan';
import { zoneLabel } from './dates';

/**
 * Intl formatters, built once per locale and options: building one costs far more than formatting
 * with it, and a target page formats hundreds of values (they were 5% of its server CPU).
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let f = numberFormats.get(key);
	if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(LANGUAGE_TAG[locale], options)));
	return f;
}
function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let f = dateFormats.get(key);
	if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(LANGUAGE_TAG[locale], options)));
	return f;
}

/** How an English reader sees a Chinese unit: a factor to the base unit and how to write it. */
const ENGLISH_UNITS: Record<string, { factor: number; write: (n: number, f: Intl.NumberFormat) => string }> = {
	亿元: { factor: 1e8, write: (n, f) => money(n, f) },
	万元: { factor: 1e4, write: (n, f) => money(n, f) },
	元: { factor: 1, write: (n, f) => money(n, f) },
	万平方米: { factor: 1e4, write: (n, f) => (n >= 1e6 ? `${f.format(n / 1e6)} million m²` : `${f.format(n)} m²`) },
	'%': { factor: 1, write: (n, f) => `${f.format(n)}%` },
	周: { factor: 1, write: (n, f) => `${f.format(n)} ${n === 1 ? 'week' : 'weeks'}` },
	工作日: { factor: 1, write: (n, f) => `${f.format(n)} working ${n === 1 ? 'day' : 'days'}` },
	个月: { factor: 1, write: (n, f) => `${f.format(n)} ${n === 1 ? 'month' : 'months'}` },
	个: { factor: 1, write: (n, f) => f.format(n) },
	家: { factor: 1, write: (n, f) => f.format(n) },
	件: { factor: 1, write: (n, f) => f.format(n) },
	项: { factor: 1, write: (n, f) => f.format(n) },
	人: { factor: 1, write: (n, f) => `${f.format(n)} ${n === 1 ? 'person' : 'people'}` },
	天: { factor: 1, write: (n, f) => `${f.format(n)} ${n === 1 ? 'day' : 'days'}` },
	日: { factor: 1, write: (n, f) => `${f.format(n)} ${n === 1 ? 'day' : 'days'}` },
	年: { factor: 1, write: (n, f) => `${f.format(n)} ${n === 1 ? 'year' : 'years'}` }
};

/** Chinese units by their English names, where a unit stands alone (axis names, filters, form labels). */
const ENGLISH_UNIT_NAMES: Record<string, string> = {
	亿元: 'RMB 100 million',
	万元: 'RMB 10,000',
	元: 'RMB',
	万平方米: '10,000 m²',
	'%': '%',
	周: 'weeks',
	工作日: 'working days',
	个月: 'months',
	个: 'number',
	家: 'number of firms',
	件: 'number',
	项: 'number',
	人: 'people',
	天: 'days',
	日: 'days',
	年: 'years'
};

/**
 * A unit on its own, as the locale names it: values stay in the plan's unit, so an English axis
 * of 亿元 reads "RMB 100 million". An unknown unit keeps its own name.
 * @example unitName('亿元', 'en') === 'RMB 100 million'; unitName('工作日', 'en') === 'working days'; unitName('周', 'zh') === '周'
 */
export function unitName(unit: string, locale: Locale): string {
	return locale === 'zh' ? unit : (ENGLISH_UNIT_NAMES[unit] ?? unit);
}

function money(yuan: number, f: Intl.NumberFormat): string {
	if (Math.abs(yuan) >= 1e9) return `RMB ${f.format(yuan / 1e9)} bn`;
	if (Math.abs(yuan) >= 1e6) return `RMB ${f.format(yuan / 1e6)} m`;
	return `RMB ${f.format(yuan)}`;
}

/**
 * Writes a value in its unit for the locale.
 * @example formatQuantity(4000, '亿元', 'zh') === '4,000亿元'; formatQuantity(4000, '亿元', 'en') === 'RMB 400 bn'
 */
export function formatQuantity(value: number, unit: string, locale: Locale): string {
	const number = numberFormat(locale, { maximumFractionDigits: 2 });
	if (locale === 'zh') return `${number.format(value)}${unit}`;
	const english = ENGLISH_UNITS[unit];
	return english ? english.write(value * english.factor, number) : `${number.format(value)} ${unit}`;
}

const COMPARATOR_SIGN: Record<Exclude<Comparator, 'between'>, string> = { '>=': '≥', '<=': '≤', '=': '=' };

/**
 * Writes what a target asks for: "≥ 4,000亿元", "≤ 25周", "2–3个".
 * @example formatTargetValue({ comparator: 'between', value: 2, maxValue: 3, unit: '个' }, 'zh') === '2–3个'
 */
export function formatTargetValue(
	target: { comparator: Comparator; value: number; maxValue: number | null; unit: string },
	locale: Locale
): string {
	if (target.comparator === 'between' && target.maxValue !== null) {
		const low = formatQuantity(target.value, target.unit, locale);
		const high = formatQuantity(target.maxValue, target.unit, locale);
		// "2–3个": the unit is written once, after the upper bound
		const number = numberFormat(locale, { maximumFractionDigits: 2 });
		return locale === 'zh' ? `${number.format(target.value)}–${high}` : `${low} – ${high}`;
	}
	return `${COMPARATOR_SIGN[target.comparator as Exclude<Comparator, 'between'>]} ${formatQuantity(target.value, target.unit, locale)}`;
}

/** A share (0.62) as a percentage for the locale: "62%". */
export function formatPercent(share: number, locale: Locale, digits = 0): string {
	return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/** Units whose values are percentages: their differences are percentage points, never percent. */
export function isPercentUnit(unit: string): boolean {
	return unit === '%';
}

const SIGN = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');

/**
 * A difference between two values of a unit (a gap, a change per year): an amount in the unit,
 * and for percentages an amount of percentage points. Rounded to two decimals; `signed` writes +/−.
 * @example formatChange(6.667, '%', 'zh') === '6.67个百分点'; formatChange(6.667, '%', 'en') === '6.67 pp'
 * @example formatChange(-1.5, '周', 'en', true) === '−1.5 weeks'
 */
export function formatChange(amount: number, unit: string, locale: Locale, signed = false): string {
	const size = Math.round(Math.abs(amount) * 100) / 100;
	const sign = signed ? SIGN(amount) : amount < 0 ? '−' : '';
	if (!isPercentUnit(unit)) return `${sign}${formatQuantity(size, unit, locale)}`;
	const number = numberFormat(locale, { maximumFractionDigits: 2 }).format(size);
	return locale === 'zh' ? `${sign}${number}个百分点` : `${sign}${number} pp`;
}

/** A pace as the message that writes it, and the values to put in: one rule for every page. */
export interface PacePhrase {
	key: 'pace.growth' | 'pace.decline' | 'pace.perYear';
	values: Record<string, string>;
}

/**
 * A pace per year. Compound paces are annual growth rates and say so ("年均增长14%", "growth of
 * 14% a year"); linear paces are amounts per year, in percentage points for percentages
 * ("每年+2.5个百分点", "+2.5 pp a year").
 * @example pacePhrase(0.14, 'compound', '亿元', 'zh') // { key: 'pace.growth', values: { rate: '14%' } }
 * @example pacePhrase(2.5, 'linear', '%', 'en') // { key: 'pace.perYear', values: { amount: '+2.5 pp' } }
 */
export function pacePhrase(pace: number, model: 'compound' | 'linear', unit: string, locale: Locale): PacePhrase {
	if (model === 'compound') return { key: pace < 0 ? 'pace.decline' : 'pace.growth', values: { rate: formatPercent(Math.abs(pace), locale, 1) } };
	return { key: 'pace.perYear', values: { amount: formatChange(pace, unit, locale, true) } };
}

/**
 * A calendar date as readers of each language write it: "2024年12月31日", "Dec 31, 2024".
 * Takes an ISO date (or timestamp) and never shifts it by the reader's time zone.
 */
export function formatDate(iso: string | Date, locale: Locale): string {
	const text = typeof iso === 'string' ? iso : iso.toISOString();
	const [y, m, d] = text.slice(0, 10).split('-').map(Number);
	return dateFormat(locale, { year: 'numeric', month: locale === 'zh' ? 'long' : 'short', day: 'numeric', timeZone: 'UTC' }).format(
		new Date(Date.UTC(y, m - 1, d))
	);
}

/** An instant to the minute in a time zone: "2026年11月23日 14:05", "Nov 23, 2026, 14:05". */
export function formatDateTime(instant: string | Date, locale: Locale, timeZone: string): string {
	return dateFormat(locale, {
		year: 'numeric',
		month: locale === 'zh' ? 'long' : 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).format(new Date(instant));
}

/**
 * The same, saying in which zone (its offset at that instant, so daylight saving shows):
 * "2026年11月23日 14:05 (UTC+8)", "Nov 23, 2026, 14:05 (UTC+8)".
 */
export function formatTime(instant: string | Date, locale: Locale, timeZone: string): string {
	return `${formatDateTime(instant, locale, timeZone)} (${zoneLabel(new Date(instant), timeZone)})`;
}
