/**
 * The span a published figure covers, read from the period as the source words it ("2025-H1",
 * "2025 (Jan-Jul)", "2019 to 2024-05", "by end-2025") and the day it was published. A span that
 * the words leave open at the end ("to early July", "to 2024-05") ends no later than publication:
 * nobody counts approvals that have not happened yet.
 */
import type { Locale, Measure, ObservationBasis } from './plan';
import { monthEnd } from './dates';

export interface PublishedSpan {
	periodStart: string;
	periodEnd: string;
	basis: ObservationBasis;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** "early July" and "mid-November" name no day: the 10th and the 15th, or publication if earlier. */
const DAY_OF_WORD: Record<string, number> = { early: 10, mid: 15 };

const pad = (n: number) => String(n).padStart(2, '0');
const earlier = (a: string, b: string) => (a < b ? a : b);

function monthOf(word: string): number | null {
	const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
	return i < 0 ? null : i + 1;
}

/**
 * The last day a publication date stands for: "2025" is known by 2025-12-31, "2024-02" by 2024-02-29.
 * @example publishedBy('2024-02') === '2024-02-29'
 */
export function publishedBy(publishedOn: string): string {
	const [y, m, d] = publishedOn.split('-').map(Number);
	if (d) return publishedOn;
	return m ? monthEnd(y, m) : `${y}-12-31`;
}

/**
 * Reads a published period; a stock's figure stands at the end of its period (basis point).
 * Returns null for words it does not know, so a new shape is looked at rather than guessed.
 * @example publishedSpan('2024 (to 22 May)', '2024-05-22', 'flow') → 2024-01-01..2024-05-22, year_to_date
 * @example publishedSpan('2019 to 2024-05', '2024-05-24', 'flow') → 2019-01-01..2024-05-24, cumulative
 */
export function publishedSpan(period: string, publishedOn: string, measure: Measure): PublishedSpan | null {
	const known = publishedBy(publishedOn);
	const whole = (periodStart: string, periodEnd: string): PublishedSpan => ({ periodStart, periodEnd, basis: measure === 'stock' ? 'point' : 'period' });
	const p = period.trim();
	let m: RegExpMatchArray | null;
	if ((m = p.match(/^(?:c\. )?(\d{4})$/))) return whole(`${m[1]}-01-01`, `${m[1]}-12-31`);
	if ((m = p.match(/^(\d{4})-H([12])$/))) {
		const y = Number(m[1]);
		return m[2] === '1' ? whole(`${y}-01-01`, `${y}-06-30`) : whole(`${y}-07-01`, `${y}-12-31`);
	}
	if ((m = p.match(/^(\d{4})-Q([1-4])$/))) {
		const y = Number(m[1]);
		const q = Number(m[2]);
		return whole(`${y}-${pad(q * 3 - 2)}-01`, monthEnd(y, q * 3));
	}
	if ((m = p.match(/^(\d{4})-(\d{2})$/))) return whole(`${m[1]}-${m[2]}-01`, monthEnd(Number(m[1]), Number(m[2])));
	// "2024-2025": a rule in force over those years, read as of publication.
	if ((m = p.match(/^(\d{4})-(\d{4})$/))) return whole(`${m[1]}-01-01`, earlier(`${m[2]}-12-31`, known));
	if ((m = p.match(/^by end-(\d{4})$/))) return { periodStart: `${m[1]}-01-01`, periodEnd: `${m[1]}-12-31`, basis: 'point' };
	// Year to date: "2025 (Jan-Jul)", "2024 (to 22 May)", "2025 (to 9 April)", "2024 (to early July)".
	if ((m = p.match(/^(\d{4}) \(Jan-([A-Za-z]+)\)$/))) {
		const month = monthOf(m[2]);
		return month ? { periodStart: `${m[1]}-01-01`, periodEnd: earlier(monthEnd(Number(m[1]), month), known), basis: 'year_to_date' } : null;
	}
	if ((m = p.match(/^(\d{4}) \(to (?:(\d{1,2}) ([A-Za-z]+)|(early|mid)[- ]([A-Za-z]+)|([A-Za-z]+))\)$/))) {
		const y = Number(m[1]);
		const month = monthOf(m[3] ?? m[5] ?? m[6]);
		if (!month) return null;
		const day = m[2] ? Number(m[2]) : m[4] ? DAY_OF_WORD[m[4]] : null;
		const end = day ? `${y}-${pad(month)}-${pad(day)}` : monthEnd(y, month);
		return { periodStart: `${y}-01-01`, periodEnd: earlier(end, known), basis: 'year_to_date' };
	}
	// Running totals "2019 to 2024-05": from the first year's start to the month named (or publication).
	if ((m = p.match(/^(\d{4}) to (\d{4})-(\d{2})$/))) {
		return { periodStart: `${m[1]}-01-01`, periodEnd: earlier(monthEnd(Number(m[2]), Number(m[3])), known), basis: 'cumulative' };
	}
	// "to 2023-10 (cumulative)" with no start: only a stock (a stated share) can stand at its end.
	if ((m = p.match(/^to (\d{4})-(\d{2})(?: \(cumulative\))?$/)) && measure === 'stock') {
		return { periodStart: `${m[1]}-${m[2]}-01`, periodEnd: earlier(monthEnd(Number(m[1]), Number(m[2])), known), basis: 'point' };
	}
	return null;
}

/**
 * A figure's period words for the reader. The catalogue records them in English ("2023 (to
 * October)", "2019 to 2025-04"); a Chinese reader gets them in Chinese ("2023年（截至10月）",
 * "2019年至2025年4月"). Codes that read the same in both ("2024", "2024-H1", "2025-06") stay
 * as they are, and words of a shape not known here are shown as written rather than guessed.
 * @example periodWords('2023 (to October)', 'zh') === '2023年（截至10月）'
 * @example periodWords('2019 to 2025-04', 'zh') === '2019年至2025年4月'
 */
export function periodWords(period: string, locale: Locale): string {
	if (locale === 'en') return period;
	const p = period.trim();
	const month = (word: string) => monthOf(word);
	const ym = (y: string, m: string) => `${y}年${Number(m)}月`;
	let m: RegExpMatchArray | null;
	if ((m = p.match(/^c\. (\d{4})$/))) return `约${m[1]}年`;
	if ((m = p.match(/^(\d{4})-(\d{4})$/))) return `${m[1]}—${m[2]}年`;
	if ((m = p.match(/^by end-(\d{4})$/))) return `截至${m[1]}年末`;
	if ((m = p.match(/^(\d{4}) \(Jan-([A-Za-z]+)\)$/)) && month(m[2])) return `${m[1]}年1—${month(m[2])}月`;
	if ((m = p.match(/^(\d{4}) \(to (?:(\d{1,2}) ([A-Za-z]+)|(early|mid)[- ]([A-Za-z]+)|([A-Za-z]+))\)$/))) {
		const n = month(m[3] ?? m[5] ?? m[6]);
		if (!n) return period;
		const upTo = m[2] ? `${n}月${Number(m[2])}日` : m[4] ? `${n}月${m[4] === 'early' ? '上旬' : '中旬'}` : `${n}月`;
		return `${m[1]}年（截至${upTo}）`;
	}
	if ((m = p.match(/^(\d{4}) to (\d{4})-(\d{2})$/))) return `${m[1]}年至${ym(m[2], m[3])}`;
	if ((m = p.match(/^to (\d{4})-(\d{2})( \(cumulative\))?$/))) return `截至${ym(m[1], m[2])}${m[3] ? '（累计）' : ''}`;
	return period;
}
