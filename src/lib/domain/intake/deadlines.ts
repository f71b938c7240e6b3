/**
 * Deadlines as plans write them ("到2025年", "2025年底前", "2023年6月底前", "“十四五”期间") and which
 * of them govern a target: its own sentence, a scope phrase before it, its ancestors, the plan's end.
 * Pure.
 */
import type { ExtractedClause } from './extraction';
import { isoDate } from './numbers';
import { monthEnd } from '../dates';
import { ancestorsOf } from './structure';
import type { Mention, Piece, PlanContext } from './targets';

const DEADLINE = /(?:到|至|力争到|力争|在|于|截至|截止到|截止|展望|明确|确保)\s*(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?:底|末)?|(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?:底|末)?(?:前|以前|之前)|(?:^|(?<=[，：:]))(\d{4})\s*年(?:底|末)?(?=[，,]|[\u4e00-\u9fa5](?<!以))|(?<=[\u4e00-\u9fa5A-Za-z）)”、])(\d{4})\s*年(?=(?:力争|要|将)?(?:突破|达到|达|超过|实现|提高到|提升至|提升到|提高至|降至|降到|下降到|控制在|不低于|不少于|增长|完成))/g;

/** Every deadline a text states, in order: "到2025年" -> 2025-12-31, "2023年6月底前" -> 2023-06-30. @example findDeadlines('2023年6月底前')[0].date === '2023-06-30' */
export function findDeadlines(text: string): Array<{ at: number; date: string; inline?: boolean }> {
	const out: Array<{ at: number; date: string; inline?: boolean }> = [];
	// "“十四五”期间" / "十四五末": the five-year plan period ends in 1955 + 5n (十四五 -> 2025).
	for (const m of text.matchAll(/[“"]?十([一二三四五六七八九])五[”"]?(期间|时期|末|期末)/g)) {
		out.push({ at: m.index!, date: isoDate(1955 + 5 * (10 + '一二三四五六七八九'.indexOf(m[1]) + 1), 12, 31) });
	}
	// "2026年—2035年，治理石漠化面积6330平方公里": a span of years ends at its last year.
	for (const m of text.matchAll(/(?<![\d到至])(\d{4})\s*年?\s*[—–\-~至到]\s*(\d{4})\s*年(?![底末]?前)/g)) {
		const year = Number(m[2]);
		if (year >= 1990 && year <= 2100 && year > Number(m[1])) out.push({ at: m.index!, date: isoDate(year, 12, 31) });
	}
	// "到二〇三五年，": central documents write the year in characters.
	for (const m of text.matchAll(/(?:到|至|力争到|力争)\s*(二[〇零][〇零一二三四五六七八九]{2})\s*年(?:底|末)?/g)) {
		const year = Number([...m[1]].map((ch) => (/[〇零]/.test(ch) ? 0 : '一二三四五六七八九'.indexOf(ch) + 1)).join(''));
		out.push({ at: m.index!, date: isoDate(year, 12, 31) });
	}
	for (const m of text.matchAll(DEADLINE)) {
		// The last form: a year between subject and verb ("高新技术企业2024年突破3.5万家").
		const year = Number(m[1] ?? m[3] ?? m[5] ?? m[6]);
		// "到2028年上半年": the first half ends in June.
		const month = m[2] ?? m[4] ?? (/^上半年/.test(text.slice(m.index! + m[0].length)) ? '6' : undefined);
		if (year < 1990 || year > 2100) continue;
		// "在2025年基础上" is a baseline, not a deadline.
		if (/^[^，。；]{0,8}?(的)?基础上/.test(text.slice(m.index! + m[0].length))) continue;
		out.push({ at: m.index!, date: month ? monthEnd(year, Number(month)) : isoDate(year, 12, 31), ...(m[6] ? { inline: true } : {}) });
	}
	return out.sort((a, b) => a.at - b.at);
}

/**
 * Deadlines that set the scope of what follows: "到2025年，", "2025年底前：", not the deadline of one
 * act ("2024年底前出台细则。").
 * @example scopeDeadlines('到2024年底，创新引擎更趋强化。')[0].date === '2024-12-31'
 */
export function scopeDeadlines(text: string): Array<{ at: number; date: string }> {
	return findDeadlines(text).filter((d) => {
		const after = text.slice(d.at);
		// "明确了天津到2027年底绿色低碳发展的主要目标指标。包括：…": a year that names the goals scopes them.
		if (/^[^，。；]{0,24}?(主要目标|目标指标|发展目标|目标任务|目标是)/.test(after)) return true;
		return /^[^，。；：:]{0,14}[，：:]/.test(after) && !/^[^，。；]*?(前|以前|之前)[\u4e00-\u9fa5]/.test(after);
	});
}

/**
 * The text before a sentence whose deadline carries over to it: its own paragraph, and earlier
 * paragraphs only when they lead in to a list ("到2025年，主要目标如下：") or are a bare heading.
 */
function leadIn(text: string, sentenceStart: number): string {
	const paragraphStart = text.lastIndexOf('\n', sentenceStart - 1) + 1;
	const earlier = text.slice(0, Math.max(0, paragraphStart - 1)).split('\n');
	const leading = earlier.filter((paragraph, i) => /[：:]$/.test(paragraph) || (i === 0 && !/[。；]/.test(paragraph)));
	// "——" bullets elaborate the paragraph before their run ("到2025年，…。\n——…\n——…").
	if (/^[—–-]{1,2}/.test(text.slice(paragraphStart))) {
		const lead = [...earlier].reverse().find((paragraph) => !/^[—–-]{1,2}/.test(paragraph));
		if (lead) leading.push(lead);
	}
	return [...leading, text.slice(paragraphStart, sentenceStart)].join('\n');
}

/**
 * The deadline of a target: its sentence, then a scope phrase before it in its clause, then its
 * ancestors, then the plan's end.
 * @example deadlineOf(text, piece, mention, clause, ctx) -> { date: '2024-12-31', basis: 'stated' }
 */
export function deadlineOf(
	text: string,
	piece: Piece,
	mention: Mention,
	clause: ExtractedClause,
	ctx: PlanContext
): { date: string | null; basis: 'stated' | 'plan_period' | null } {
	const sentenceEnd = text.slice(piece.end).search(/[。；\n]/);
	const sentence = text.slice(piece.sentenceStart, sentenceEnd < 0 ? text.length : piece.end + sentenceEnd);
	// "2017年、2020年、2025年新区绿化覆盖率分别提高到50%、60%、65%": the years pair with the values in order.
	const years = sentence.match(/\d{4}\s*年(?:\s*[、和及]\s*\d{4}\s*年)+/);
	const respectively = sentence.indexOf('分别');
	if (years && respectively > years.index! && piece.sentenceStart + respectively < mention.start) {
		const list = [...years[0].matchAll(/(\d{4})/g)].map((y) => Number(y[1]));
		const index = (text.slice(piece.sentenceStart + respectively, mention.start).match(/\d+(?:\.\d+)?/g) ?? []).length;
		if (index < list.length) return { date: isoDate(list[index], 12, 31), basis: 'stated' };
	}
	// A year between subject and verb ("…2024年突破3.5万家") dates only what follows it.
	const own = findDeadlines(sentence);
	const before = own.filter((d) => d.at + piece.sentenceStart <= mention.start);
	// A date after the number dates it only within its own piece: in "建设10个左右国家级创新中心，2024年底前
	// 出台配套政策" the date belongs to the act after the comma.
	const after = own.filter((d) => !d.inline && d.at + piece.sentenceStart < piece.end);
	if (before.length > 0 || after.length > 0) return { date: (before.at(-1) ?? after[0]).date, basis: 'stated' };
	const earlier = scopeDeadlines(leadIn(text, piece.sentenceStart)).at(-1);
	if (earlier) return { date: earlier.date, basis: 'stated' };
	// "…的目标是，…年均增长8%左右。到2027年，…基本形成。": goals stated before their date, in one paragraph.
	const paragraphStart = text.lastIndexOf('\n', piece.sentenceStart - 1) + 1;
	if (/(目标是|目标为)/.test(text.slice(paragraphStart, mention.start))) {
		const paragraphEnd = text.indexOf('\n', piece.end);
		const closing = scopeDeadlines(text.slice(piece.end, paragraphEnd < 0 ? text.length : paragraphEnd))[0];
		if (closing) return { date: closing.date, basis: 'stated' };
	}
	for (const ancestor of ancestorsOf(clause, ctx.clauses).reverse()) {
		// A heading alone ("（一）2025年目标") scopes its list with any date; prose only with a scope phrase.
		const found = (/[。；]/.test(ancestor.text) ? scopeDeadlines(ancestor.text) : findDeadlines(ancestor.text)).at(-1);
		if (found) return { date: found.date, basis: 'stated' };
	}
	if (ctx.planEnd) return { date: ctx.planEnd, basis: 'plan_period' };
	// A report of a plan (news, a speech) has no period of its own: the year it last named as a
	// deadline carries on ("到2027年，…冲刺…。" then "…比率降至11%左右。"), a past year never.
	// "据统计，2024年全国…市场规模已达5000亿元，同比增长15%": a year a report of results names is past too.
	const window = text.slice(Math.max(0, piece.sentenceStart - 3000), piece.sentenceStart);
	const reported = (at: number) => /(已|同比|比上年|据统计|截至|截止)/.test(window.slice(at, at + window.slice(at).search(/[。；\n]|$/)));
	const named = findDeadlines(window).filter((d) => (ctx.referenceYear === null || Number(d.date.slice(0, 4)) >= ctx.referenceYear) && !reported(d.at)).at(-1);
	if (named) return { date: named.date, basis: 'stated' };
	return { date: null, basis: null };
}
