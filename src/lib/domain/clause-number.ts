/**
 * A clause's numbering as each language writes it. Plans number their parts "一、", "（二）", "1."
 * (and "第三条", "附件"); an English reader gets "Section 1 (2) 1." with the same numbers in Arabic
 * figures, so the clause can be found in the Chinese document by its position.
 */
import type { Locale } from './plan';
import { chineseNumeral } from './intake/numbers';

/** Parts of a plan that carry a name rather than a number. */
const NAMED_PARTS: Record<string, string> = {
	序言: 'Preamble',
	前言: 'Foreword',
	通知: 'Notice',
	附件: 'Annex',
	附则: 'Supplementary provisions',
	附表: 'Annex table'
};

const NUMERAL = '[〇零一二两三四五六七八九十百千]+';
const numberOf = (text: string) => (/^\d+$/.test(text) ? Number(text) : chineseNumeral(text));

/** One numbering label in English: "一、" -> "Section 1", "（二）" -> "(2)", "1." -> "1.", "第三条" -> "Article 3". */
function englishLabel(label: string): string {
	const l = label.trim();
	let m: RegExpMatchArray | null;
	if ((m = l.match(new RegExp(`^(${NUMERAL})[、.．]?$`)))) return `Section ${numberOf(m[1])}`;
	if ((m = l.match(new RegExp(`^[（(](${NUMERAL}|\\d+)[）)]$`)))) return `(${numberOf(m[1])})`;
	if ((m = l.match(new RegExp(`^第(${NUMERAL}|\\d+)(条|章|节|部分)$`)))) {
		return `${{ 条: 'Article', 章: 'Chapter', 节: 'Part', 部分: 'Part' }[m[2]]} ${numberOf(m[1])}`;
	}
	if ((m = l.match(/^(\D+?)\s*(\d+)$/)) && NAMED_PARTS[m[1]]) return `${NAMED_PARTS[m[1]]} ${m[2]}`;
	return NAMED_PARTS[l] ?? l.replace(/[．]/g, '.');
}

/**
 * A clause's numbering path for the locale.
 * @example clauseNumber(['一、', '（二）', '1.'], 'zh') === '一、（二）1.'
 * @example clauseNumber(['一、', '（二）', '1.'], 'en') === 'Section 1 (2) 1.'
 * @example clauseNumber(['附件', '1'], 'en') === 'Annex 1'
 */
export function clauseNumber(path: readonly string[], locale: Locale): string {
	if (locale === 'zh') return path.join('');
	return path.map(englishLabel).join(' ');
}
