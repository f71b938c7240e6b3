/**
 * Numbers with units, as a reader of each language expects them. Plans write Chinese units
 * (亿元, 万元, 万平方米); English readers get the amount rescaled ("4000亿元" -> "RMB 400 bn").
 */
import { LANGUAGE_TAG, type Comparator, type Locale } from './plan';
import { zoneLabel } from './dates';

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
	家: { factor: 1, write: (n, f) => f.format(n) }
};

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
	const number = new Intl.NumberFormat(LANGUAGE_TAG[locale], { maximumFractionDigits: 2 });
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
		const number = new Intl.NumberFormat(LANGUAGE_TAG[locale], { maximumFractionDigits: 2 });
		return locale === 'zh' ? `${number.format(target.value)}–${high}` : `${low} – ${high}`;
	}
	return `${COMPARATOR_SIGN[target.comparator as Exclude<Comparator, 'between'>]} ${formatQuantity(target.value, target.unit, locale)}`;
}

/** A share (0.62) as a percentage for the locale: "62%". */
export function formatPercent(share: number, locale: Locale, digits = 0): string {
	return new Intl.NumberFormat(LANGUAGE_TAG[locale], { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/**
 * A pace per year: a growth rate for compound change ("+14.0%"), an amount for linear change ("+3.2个").
 * @example formatPace(0.14, 'compound', '亿元', 'zh') === '+14%'
 */
export function formatPace(pace: number, model: 'compound' | 'linear', unit: string, locale: Locale): string {
	const sign = pace > 0 ? '+' : pace < 0 ? '−' : '±';
	return model === 'compound' ? `${sign}${formatPercent(Math.abs(pace), locale, 1)}` : `${sign}${formatQuantity(Math.abs(pace), unit, locale)}`;
}

/**
 * A calendar date as readers of each language write it: "2024年12月31日", "Dec 31, 2024".
 * Takes an ISO date (or timestamp) and never shifts it by the reader's time zone.
 */
export function formatDate(iso: string | Date, locale: Locale): string {
	const text = typeof iso === 'string' ? iso : iso.toISOString();
	const [y, m, d] = text.slice(0, 10).split('-').map(Number);
	return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], { year: 'numeric', month: locale === 'zh' ? 'long' : 'short', day: 'numeric', timeZone: 'UTC' }).format(
		new Date(Date.UTC(y, m - 1, d))
	);
}

/** An instant to the minute in a time zone: "2026年11月23日 14:05", "Nov 23, 2026, 14:05". */
export function formatDateTime(instant: string | Date, locale: Locale, timeZone: string): string {
	return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], {
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
