/**
 * Finds the quantified commitments of a plan's clauses and tells them from the other numbers a
 * plan states (support caps and rates, eligibility thresholds, past achievements), which become
 * facts. Pure.
 *
 * The unit of reading is a piece: the text between ，；。 and between 、 when the part before the
 * 、 holds its own number ("新增百亿级企业1家、50亿级企业5家"). A piece without a verb of its own
 * borrows the verbs of the first piece of its list, so "50亿级企业5家" is 新增 too.
 */
import type { ExtractedClause, ExtractedFact, ProposedTarget } from './extraction';
import type { Comparator, TargetKind } from '../plan';
import { isoDate, parseNumber, percentWord, tierValue } from './numbers';
import { readIndicatorTables } from './indicator-table';
import { deadlineOf } from './deadlines';
import { ancestorsOf } from './structure';

/** What the extractor needs to know about the plan besides the clause. */
export interface PlanContext {
	/** The plan's end: validity end or the period in the title; deadline of targets without a year. */
	planEnd: string | null;
	/**
	 * The plan's own first year (issue year, else an annual plan's year, else the period's start):
	 * numbers about an earlier year are past achievements.
	 */
	referenceYear: number | null;
	/** Clauses by path, to read deadlines from ancestors ("到2024年底，" above a list). */
	clauses: ExtractedClause[];
}

/** A number with its unit as it stands in the text. */
export interface Mention {
	start: number;
	end: number;
	value: number;
	max: number | null;
	unit: string;
	/** The number was written in words (十五, 半数), which is weaker evidence. */
	words: boolean;
}

const NUM = '\\d+(?:,\\d{3})*(?:\\.\\d+)?';
const CN_NUM = '[一二两三四五六七八九十百千]+';
// Longest first, so 万亿元 wins over 亿元 and 个工作日 over 个.
/** Things plans count; each also with 万 or 亿 ("20万座", "6.5万个", "快递业务量达到1500亿件"). */
const COUNT_WORDS = ['家', '项', '条', '个', '所', '座', '张', '台', '套', '件', '户', '名', '人', '种', '款', '部', '批', '处', '例', '只', '场', '次', '届', '辆', '床', '间', '栋', '口', '块', '根', '棵', '株', '头', '艘', '架', '篇', '笔', '份', '支', '队', '组', '园'];
// Longest first, so 万亿元 wins over 亿元 and 个工作日 over 个.
/** Measures that also come with 万 or 亿 before them ("12亿千瓦", "1.3万亿斤"). */
const SCALED = ['千瓦时', '千瓦', '吨标准煤', '吨标煤', '吨', '立方米', '平方米', '㎡', '平方公里', '公里', '㎞', '人次', '亩', '公顷', '斤', '美元', '标箱', '标准箱'];
/** Certificates and volumes ("取得军工资质8本以上"); not 本 opening a word ("3本市…"). */
const BOOKS = '本(?![市区县省级地土届年月科部])';
// Longest first, so 万亿元 wins over 亿元 and 个工作日 over 个.
const UNITS = [
	'万亿元', '亿元', '万元', '元',
	...SCALED.flatMap((unit) => [`万亿${unit}`, `亿${unit}`, `万${unit}`]), ...SCALED,
	'千米', '个百分点', '个工作日', '工作日', '个月', '小时', '分钟', '周', '天', '年',
	...COUNT_WORDS.flatMap((word) => [`万${word}`, `亿${word}`]), ...COUNT_WORDS, BOOKS, '岁', '倍', '%', '‰',
	// Concentrations and rates per population: "35微克/立方米", "12/10万" (孕产妇死亡率), "2.3∶1" (a ratio).
	'微克/立方米', '毫克/立方米', '毫克/升', '/10万', '/十万', '/万', ':1', '∶1', '：1',
	// Densities of networks per area: "铁路网密度达到507公里/万平方公里", "高速公路密度达到5公里/百平方公里".
	...['公里', '千米'].flatMap((length) => ['万平方公里', '百平方公里', '平方公里'].map((area) => `${length}/${area}`))
].sort((a, b) => b.length - a.length);
const UNIT = `(?:${UNITS.join('|')})`;
const MENTION = new RegExp(
	`(${NUM}|${CN_NUM})(?:(%)?\\s*(?:-|~|至|到|—|－|–)\\s*(${NUM}|${CN_NUM}))?\\s*(${UNIT})|(半数|一半|过半|[一二三四五六七八九十]+分之[一二三四五六七八九十]+)|翻(一|两|三)?番|(?:双)?倍增(?!计划|行动|工程|工作|发展|战略)|(?<=(?:达到|突破|超过|迈上|跨上|迈入|跻身|达))(${NUM}|[一二两三四五六七八九十百千]+)?(万亿|亿|万)(?:元)?级(?![企园项产集])|(?<=(?:达到|突破|超过|超|达))(万亿|千亿|百亿)元(?!级)|(?<=(?:比例|比重|占比|率)(?:为|保持为|降为|降至|控制在|达到))(${NUM})(?![\\d.%‰\\u4e00-\\u9fa5])`,
	'g'
);

const DURATION_UNITS = new Set(['工作日', '个月', '小时', '分钟', '周', '天', '年']);
const COUNT_UNITS = new Set([...COUNT_WORDS, ...COUNT_WORDS.flatMap((word) => [`万${word}`, `亿${word}`]), '本']);

/** Verbs and words that make a number a commitment. */
const TARGET_CUE =
	/(达到|达|小于|低于|少于|推动|利用|依托|组建|新落地|开工|竣工|突破|超过|不低于|不少于|力争|争取|确保|提高|提升|增长|增加|下降|降低|减少|压缩|缩短|缩小|冲刺|迈进|控制|以内|以下|左右|稳定在|保持在|实现|累计|新增|新建|引培|引育|引进|招引|培育|获批|形成|打造|建设|建成|创建|推出|聚焦|完成|认定|培养|扩大|覆盖|占比|比重|设置|布局|开展|组织|举办|支持.*达)/;
const SUPPORT = /(最高|给予|奖励|补贴|补助|资助|贴息|扶持|支持金额|累计支持|一次性|资金支持|按照规定|奖补)/;
const PAST = /(去年|上年|上一年|过去一年|已经|已达|已有|已建|已形成|已获|已实现|已累计|已完成|截至|截止|目前|现有|同比|比上年|较上年|近年来|过去|以来|预计)/;

/** Reads every number with a unit in a piece of text. @example findMentions('达到4000亿元')[0] -> { value: 4000, unit: '亿元', … } */
export function findMentions(text: string): Mention[] {
	const mentions: Mention[] = [];
	for (const m of text.matchAll(MENTION)) {
		const start = m.index!;
		if (m[5]) {
			mentions.push({ start, end: start + m[0].length, value: percentWord(m[5])!, max: null, unit: '%', words: true });
			continue;
		}
		if (/倍增/.test(m[0])) {
			mentions.push({ start, end: start + m[0].length, value: 2, max: null, unit: '倍', words: true });
			continue;
		}
		if (m[0].startsWith('翻')) {
			const times = m[6] ? { 一: 2, 两: 4, 三: 8 }[m[6]]! : 2; // 翻番 alone is one doubling
			mentions.push({ start, end: start + m[0].length, value: times, max: null, unit: '倍', words: true });
			continue;
		}
		// "劣V类水体比例为0": a share written without its %.
		if (m[10]) {
			mentions.push({ start, end: start + m[0].length, value: Number(m[10].replace(/,/g, '')), max: null, unit: '%', words: false });
			continue;
		}
		// "突破万亿元": one 万亿元; "超千亿元": 1000 亿元 (as 千亿级 is read).
		if (m[9]) {
			const [value, unit] = m[9] === '万亿' ? [1, '万亿元'] : m[9] === '千亿' ? [1000, '亿元'] : [100, '亿元'];
			mentions.push({ start, end: start + m[0].length, value, max: null, unit, words: true });
			continue;
		}
		if (m[8]) {
			const tier = tierValue(m[0]);
			if (tier) mentions.push({ start, end: start + m[0].length, value: tier.value, max: null, unit: tier.unit, words: true });
			continue;
		}
		const value = parseNumber(m[1].replace(/,/g, ''));
		const max = m[3] ? parseNumber(m[3].replace(/,/g, '')) : null;
		if (value === null || (m[3] && max === null)) continue;
		// "年均增长7.5%—8%": a % before the dash makes a range of percentages only.
		if (m[2] && m[4] !== '%') continue;
		const unit = m[4] === '个工作日' ? '工作日' : /^[∶：]1$/.test(m[4]) ? ':1' : m[4];
		const words = !/\d/.test(m[1]);
		if (isNotAQuantity(text, start, start + m[0].length, m[1], unit, words)) continue;
		mentions.push({ start, end: start + m[0].length, value, max, unit, words });
	}
	return mentions;
}

/** Ordinals, anniversaries, names in quotation marks and vague counts are not quantities. */
function isNotAQuantity(text: string, start: number, end: number, number: string, unit: string, words: boolean): boolean {
	const before = text.slice(Math.max(0, start - 1), start);
	const after = text.slice(end, end + 2);
	if (before === '第' || /[\d.]/.test(before)) return true;
	// "PM2.5", "CO2": digits in a Latin name are part of the name.
	if (/[A-Za-z]/.test(before)) return true;
	if (unit === '周' && after.startsWith('年')) return true; // 30周年
	// "2025年" is a date; "11.3年" (受教育年限) and "3年内" are spans of years.
	if (unit === '年' && (Number(number) >= 1000 || !/^\d/.test(number) || /^[前后底末度代初中级]/.test(after))) return true;
	// "力争用3年时间", "经过5年努力": the time the plan gives itself, not a goal.
	if (unit === '年' && /(用|经过|花)$/.test(text.slice(0, start))) return true;
	// "年均浓度5年下降18%": the years a change is measured over.
	if (unit === '年' && /^[内来间]?(下降|增长|提高|降低|减少|增加|累计)/.test(text.slice(end, end + 3))) return true;
	if (unit === '岁' && /^(以下|以上|及以上|及以下)[\u4e00-\u9fa5]/.test(text.slice(end, end + 4))) return true; // 3岁以下婴幼儿: an age group
	if (/每$/.test(text.slice(0, start))) return true; // 每千人口, 每10万人: the denominator of a rate
	if (/^[万亿]?人$/.test(unit) && /^[均口]/.test(after)) return true; // 千人均注册护士, 万人口: the denominator of a rate
	if (unit === '届' || (unit === '次' && /^会议/.test(after))) return true; // 十八届人大二次会议: sessions, not counts
	if (/^[级类期型]/.test(after)) return true; // 百亿级, 1类新药, 二期
	// "深入推进新兴产业百亿项目攻坚": 百亿 before a count word is a class of size (in 元), not a count.
	if (words && COUNT_UNITS.has(unit) && unit.startsWith('亿')) return true;
	// "张承地区百万千瓦风电基地": a bare magnitude before a base names its class, as 百万千瓦级 would.
	if (words && /^[十百千]$/.test(number) && /^[\u4e00-\u9fa5]{0,6}?基地/.test(text.slice(end, end + 8))) return true;
	if (unit === '条' && /^(措施|政策|举措|意见|具体|重点|任务|建议|规定)/.test(text.slice(end, end + 2))) return true; // 37条政策举措
	if (insideQuotes(text, start)) return true; // “4个100”, “四个论英雄”
	// "4个结构性指标均实现10%以上增长": the count names the things that each meet the goal after 均.
	if (COUNT_UNITS.has(unit) && /^[\u4e00-\u9fa5]{2,8}?均(?![衡等值匀化])/.test(text.slice(end, end + 10))) return true;
	// "一批", "一个", "十个" in prose are manners of speaking, not counts.
	if (words && number === '一') return true;
	if (words && (number === '两' || /^(个|批|种|项|件|次|处|部|名)$/.test(unit)) && !/(新增|新建|建设|建成|培育|打造|形成|引进|达到|推出|认定|创建)$/.test(text.slice(Math.max(0, start - 4), start))) return true;
	return false;
}

function insideQuotes(text: string, at: number): boolean {
	const open = text.lastIndexOf('“', at);
	if (open < 0) return false;
	const close = text.lastIndexOf('”', at);
	return close < open && text.indexOf('”', at) >= 0 && text.indexOf('”', at) - open < 20;
}

/** A span of the clause text: a piece between ，；。 (and 、 between numbers). */
export interface Piece {
	start: number;
	end: number;
	/** Start of the sentence holding the piece. */
	sentenceStart: number;
	/** Start of the comma segment holding the piece (a 、 list shares it). */
	segmentStart: number;
	mentions: Mention[];
}

/** Splits a clause's text into pieces with their mentions, offsets into the clause text. @example splitPieces('新增1家、累计5家。').length === 2 */
export function splitPieces(text: string): Piece[] {
	const pieces: Piece[] = [];
	let sentenceStart = 0;
	let segmentStart = 0;
	let pieceStart = 0;
	const close = (end: number) => {
		if (end > pieceStart) {
			const mentions = findMentions(text.slice(pieceStart, end)).map((m) => ({ ...m, start: m.start + pieceStart, end: m.end + pieceStart }));
			pieces.push({ start: pieceStart, end, sentenceStart, segmentStart, mentions });
		}
		pieceStart = end + 1;
	};
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '（' || ch === '“') depth++;
		else if ((ch === '）' || ch === '”') && depth > 0) depth--;
		// A quotation mark lost to mojibake must not swallow the rest of the clause.
		if (ch === '。' || ch === '\n') depth = 0;
		if (depth > 0) continue;
		if (ch === '。' || ch === '；' || ch === '\n' || ch === '！' || ch === '？') {
			close(i);
			sentenceStart = segmentStart = i + 1;
		} else if (ch === '，' || ch === '：') {
			close(i);
			segmentStart = i + 1;
		} else if (ch === '、' && listsNumbers(text, pieceStart, i)) {
			close(i);
		}
	}
	close(text.length);
	return pieces;
}

/** A 、 between two parts that each hold a number separates two targets, not two words of one name. */
function listsNumbers(text: string, pieceStart: number, at: number): boolean {
	if (findMentions(text.slice(pieceStart, at)).length === 0) return false;
	const next = text.slice(at + 1).match(/^[^，；。、\n]*/)![0];
	return findMentions(next).length > 0;
}

/** One reading of a mention: a target or a fact. */
export interface Reading {
	/** The number is the starting point of the next one ("由7.8%提高到10%"). */
	isBaseline?: boolean;
	target?: Omit<ProposedTarget, 'clause' | 'deadline' | 'deadlineBasis' | 'confidence'> & { confidence: number; deadline?: string | null };
	fact?: Omit<ExtractedFact, 'clause'>;
}

/**
 * Reads the targets and facts of one clause.
 * @example readClause({ path: '1.', text: '到2025年，产业规模达到4000亿元。', … }, ctx).targets[0].value === 4000
 */
export function readClause(clause: ExtractedClause, ctx: PlanContext): { targets: ProposedTarget[]; facts: ExtractedFact[] } {
	const targets: ProposedTarget[] = [];
	const facts: ExtractedFact[] = [];
	const text = clause.text;
	// Indicator table rows are read as rows; blanked out, their cells cannot pass for sentences.
	const tableRows = readIndicatorTables(text);
	// Rows come in document order: each is searched from where the last one was found, and the text is blanked in one pass.
	const blanks: Array<[number, number]> = [];
	let from = 0;
	for (const row of tableRows) {
		const next = text.indexOf(row.quote, from);
		// Sub-rows share their row's quote: not found further on, it is the one already found.
		const at = next >= 0 ? next : text.indexOf(row.quote);
		if (at >= 0) {
			blanks.push([at, at + row.quote.length]);
			from = at + 1;
		}
		const deadline = row.deadline ? { date: row.deadline, basis: row.deadlineBasis } : { date: ctx.planEnd, basis: ctx.planEnd ? ('plan_period' as const) : null };
		targets.push({ clause: clause.path, ...row, deadline: deadline.date, deadlineBasis: deadline.basis });
	}
	let masked = text;
	if (blanks.length > 0) {
		const chars = text.split('');
		for (const [start, end] of blanks) for (let k = start; k < end; k++) if (chars[k] !== '\n') chars[k] = ' ';
		masked = chars.join('');
	}
	const pieces = splitPieces(masked);
	for (const piece of pieces) {
		const listHead = pieces.find((other) => other.segmentStart === piece.segmentStart) ?? piece;
		let carry: number | null = null; // a baseline's start: "由2020年的7.8%提高到10%" is quoted whole
		for (let i = 0; i < piece.mentions.length; i++) {
			const mention = piece.mentions[i];
			const quoteStart: number = carry ?? (i === 0 ? piece.start : quoteEndOf(text, piece.mentions[i - 1], mention.start));
			carry = null;
			const quoteEnd = i === piece.mentions.length - 1 ? piece.end : quoteEndOf(text, mention, piece.mentions[i + 1].start);
			const quote = text.slice(quoteStart, quoteEnd).replace(/^[和及与、，\s]+/, '').replace(/^(其中|同时|此外|另外)/, '');
			const pre = text.slice(quoteStart, mention.start);
			const post = text.slice(mention.end, piece.end);
			const segment = text.slice(piece.segmentStart, piece.end);
			const sentence = text.slice(piece.sentenceStart, piece.end);
			const listPre = listHead !== piece ? text.slice(listHead.start, listHead.mentions[0]?.start ?? listHead.end) : '';
			const last = targets.at(-1);
			// "培育…企业1家，超100亿元企业3-5家，…": a verbless part after a target of its sentence, counted alike, continues it.
			const parallel = last !== undefined && last.clause === clause.path && last.unit === mention.unit && text.lastIndexOf(last.quote, piece.start) >= piece.sentenceStart;
			const reading = readMention({ mention, pre, post, segment, sentence, listPre, quote, clause, ctx, text, piece, parallel });
			// A baseline or a class ("超1000亿元的2个") belongs in the quote of the number it qualifies.
			if (reading.isBaseline || reading.fact?.kind === 'threshold') carry = quoteStart;
			if (reading.fact) facts.push({ clause: clause.path, ...reading.fact });
			if (reading.target) {
				const deadline = deadlineOf(text, piece, mention, clause, ctx);
				const previous = targets.at(-1);
				const sameSentence = previous && previous.clause === clause.path && text.indexOf(previous.quote, piece.sentenceStart) >= 0;
				targets.push({
					clause: clause.path,
					...reading.target,
					// A verbless part continuing a target counts the same way ("培育…1家，超100亿元企业3-5家").
					kind: parallel && reading.target.kind === 'level' && last && COUNT_UNITS.has(mention.unit) ? last.kind : reading.target.kind,
					indicator: nameInContext(reading.target.indicator, sameSentence ? previous.indicator : null, clause.heading),
					deadline: deadline.date,
					deadlineBasis: deadline.basis,
					confidence: Math.round(Math.min(0.95, reading.target.confidence + (deadline.basis === 'stated' ? 0.15 : 0)) * 100) / 100
				});
			}
		}
	}
	distributeRespectively(text, pieces, targets);
	facts.push(...referenceFacts(clause));
	return { targets, facts };
}

const DOC_NUMBER_IN_TEXT = /[\u4e00-\u9fa5]{1,10}[〔\[［]\d{4}[〕\]］]\d{1,4}号/g;
const DATE_IN_TEXT = /\d{4}年\d{1,2}月\d{1,2}日/g;

/** Document numbers and full dates a clause cites: facts to search by, never targets. */
function referenceFacts(clause: ExtractedClause): ExtractedFact[] {
	const facts: ExtractedFact[] = [];
	for (const m of clause.text.matchAll(DOC_NUMBER_IN_TEXT)) facts.push({ clause: clause.path, quote: m[0], kind: 'document_number', value: null, unit: null });
	for (const m of clause.text.matchAll(DATE_IN_TEXT)) facts.push({ clause: clause.path, quote: m[0], kind: 'date', value: null, unit: null });
	return facts;
}

/**
 * A name that leans on the target before it: "全国占比20%" after "获批上市10个以上国产1类新药" is
 * "国产1类新药全国占比"; no name at all takes the previous one, else the clause heading.
 */
function nameInContext(name: string, previous: string | null, heading: string | null): string {
	if (!name) return previous ?? heading ?? '';
	if (previous && (/^(全国|全省|全市|全区|全县|全球)?(占比|比重|份额)$/.test(name) || /^占/.test(name))) return `${previous}${name}`;
	return name;
}

/**
 * "化学需氧量、氨氮排放总量分别下降8%、10%": the names before 分别 go one to each number, in order.
 */
function distributeRespectively(text: string, pieces: Piece[], targets: ProposedTarget[]): void {
	const segments = new Set(pieces.map((piece) => piece.segmentStart));
	for (const segmentStart of segments) {
		const inSegment = pieces.filter((piece) => piece.segmentStart === segmentStart);
		const head = text.slice(segmentStart, inSegment.at(-1)!.end);
		const m = head.match(/^(.*?)(?:比\d{4}年|较\d{4}年)?(分别|各)/);
		if (!m) continue;
		const names = m[1].replace(LEADING, '').split(/[、和及与]/).filter(Boolean);
		const quotes = inSegment.flatMap((piece) => (piece.mentions.length > 0 ? [text.slice(piece.start, piece.end)] : []));
		const own = targets.filter((t) => quotes.some((q) => q.includes(t.quote) || t.quote.includes(q)));
		if (names.length < 2 || own.length === 0) continue;
		if (names.length === own.length) {
			own.forEach((target, i) => (target.indicator = names[i].replace(/(比|较)\d{4}年$/, '')));
		} else if (own.length === 1) {
			// "A、B、C分别增长5%", "开工、竣工各100万平方米": one number for each name.
			const at = targets.indexOf(own[0]);
			const copies = names.map((name) => ({ ...own[0], indicator: name.replace(/^(完成|实现)/, '') }));
			targets.splice(at, 1, ...copies);
		}
	}
}

/**
 * Where the quote of a number that another number follows in the same piece ends: after its
 * qualifier and the nouns it counts, before the next number's verb or connective.
 * "推动851个市重点项目年度实现投资3800亿元" -> "推动851个市重点项目年度".
 */
function quoteEndOf(text: string, mention: Mention, nextStart: number): number {
	const end = extendQualifier(text, mention.end);
	const between = text.slice(end, nextStart);
	const stop = between.search(/实现|达到|完成|增长|提高|提升|新增|突破|超过|累计|力争|和|与|及|、|的/);
	// "超1000亿元的2个": the class ends at its 的 and belongs to the next number.
	if (stop === 0) return end;
	return end + (stop < 0 ? 0 : stop);
}

/** "10个以上", "25周以内", "50%左右": the qualifier after a number belongs to it. */
function extendQualifier(text: string, end: number): number {
	const m = text.slice(end).match(/^(以上|以内|以下|之内|左右|内)/);
	return m ? end + m[0].length : end;
}

interface MentionContext {
	mention: Mention;
	pre: string;
	post: string;
	segment: string;
	sentence: string;
	listPre: string;
	quote: string;
	clause: ExtractedClause;
	ctx: PlanContext;
	text: string;
	piece: Piece;
	/** The previous target stands in the same sentence, in the same unit. */
	parallel?: boolean;
}

/** Decides whether a mention is a target or a fact, and reads its comparator, kind and name. */
function readMention(m: MentionContext): Reading {
	const { mention, pre, post, segment, sentence } = m;
	const factOf = (kind: ExtractedFact['kind']): Reading => ({
		fact: { quote: m.quote || m.text.slice(mention.start, mention.end), kind, value: mention.value, unit: mention.unit }
	});
	const money = /元$/.test(mention.unit);
	const sentenceBefore = m.text.slice(m.piece.sentenceStart, mention.start);
	// Support: "最高500万元", "给予…支持", "按…的30%给予补贴", "不超过研发投入的40%".
	// "按照每个项目不超过500万元给予补助": the grant may follow the amount.
	if (money && (SUPPORT.test(sentenceBefore) || /^(的)?((给予|予以)[^，。；]{0,4}?)?(支持|奖励|补贴|补助|资助|奖补)/.test(post))) return factOf('support_cap');
	if (mention.unit === '%' && /的$/.test(pre) && (SUPPORT.test(sentence) || /(不超过|不高于)[^，]*的$/.test(pre))) return factOf('support_rate');
	if (mention.unit === '%' && /^(给予|予以)/.test(post)) return factOf('support_rate');
	// "贷款贴息比例不超过50%", "给予实际利息50%的贴息": a rate of money given.
	if (mention.unit === '%' && /(补贴|补助|奖励|资助|贴息|给予|奖补)/.test(m.text.slice(m.piece.segmentStart, mention.start) + post)) return factOf('support_rate');
	// Eligibility: "首付款1亿元以上的", "年营收超过1亿元的企业".
	const segmentRest = m.text.slice(mention.end).match(/^[^，；。\n]*/)![0];
	// "1050个十亿元以上项目": an amount right after a count names the class counted.
	const classOfCount = money && /\d\s*[个项家]$/.test(m.text.slice(Math.max(0, mention.start - 8), mention.start)) && /^(以上|以下|及以上)[\u4e00-\u9fa5]/.test(post);
	if (classOfCount || isThreshold(pre, post, segment) || isConditionList(m.text.slice(m.piece.segmentStart, mention.start), segmentRest)) return factOf('threshold');
	// "由2020年的7.8%提高到10%": the first number is the baseline of the second.
	if (new RegExp(`^\\s*(?:${UNIT})?\\s*(?:提高|提升|增加|增长|扩大|下降|降低|减少|缩短|压缩|降)(?:到|至)`).test(post) && /(由|从)[^，]*$/.test(pre)) {
		return { fact: { quote: m.quote, kind: 'other', value: mention.value, unit: mention.unit }, isBaseline: true };
	}
	const baseline = readBaseline(m.text.slice(m.piece.start, mention.start), mention);
	// "在“十三五”下降16%的基础上": the number a new target builds on.
	if (/^[^，。；]{0,4}的基础上/.test(post)) return factOf('other');
	// The document describing itself: "系统谋划了…5方面24项重点任务", "提出了…4个方面18条具体任务", "提出3项指标".
	// "方案从8个方面提出了22项具体举措", "本方案共分为5个部分": the verb of describing may follow.
	if (/^(个)?(方面|部分|重点任务|具体任务|主要任务|任务|措施|具体举措|举措|政策措施|指标|主要指标|目标指标)/.test(post) && (/(提出|谋划|明确|部署|包括|涵盖|分为|《)/.test(sentenceBefore) || /^(个)?(方面|部分)[^，。；]{0,4}(提出|谋划|明确|部署|包括|涵盖)/.test(post) || /^(本)?(方案|规划|意见|计划|纲要)(共|从|分|围绕)/.test(sentence))) return factOf('other');
	// Past achievement: "2023年已达到…", "同比增长12%".
	const underGoals = goalLead(m.text, mention.start) || /(预期目标|主要目标|目标任务)/.test(headingsOf(m.clause, m.ctx));
	// "全国31个省份已全部出台实施方案": 已 after the things counted reports them.
	const doneAfter = /^[\u4e00-\u9fa5]{0,8}?已(?!于)/.test(post);
	if (!baseline && (doneAfter || isPast(sentenceBefore, m.ctx.referenceYear, underGoals) || pastParagraph(m.text, m.piece.sentenceStart, sentenceBefore, m.ctx.referenceYear) || reportsPast(m.text, mention.start) || REVIEW_HEADING.test(headingsOf(m.clause, m.ctx)))) return factOf('past_achievement');
	// "到“十四五”期末，全市人均期望寿命80岁": a scope phrase makes the sentence a list of goals.
	// "“十四五”时期，治理石漠化面积3550平方公里", "2026年—2035年，…": a period opening the sentence scopes it too.
	const scoped = /(到|至)[^，。；]{0,12}(年|期末|末)[底末]?，|^[^，。；]{0,6}(十[一二三四五六七八九]五[”"]?(时期|期间)|\d{4}\s*年?\s*[—–\-~至到]\s*\d{4}\s*年)，/.test(sentenceBefore);
	// "规划实施18项重点基础设施建设项目": a count of projects to carry out.
	// "年内实施总投资35亿元的80项城建重点工程": the projects' size may stand between verb and count.
	const carriedOut = COUNT_UNITS.has(mention.unit) && /(实施|推进)([^，。；]{0,14}的)?$/.test(m.text.slice(m.piece.segmentStart, mention.start)) && /^[^，。；]{0,12}(项目|工程|行动)/.test(post);
	// "突破发展5个新兴产业，包括…": 突破发展 is a way of developing, not exceeding a number.
	const cuePre = pre.replace(/突破(?=发展)/g, '');
	// "2026年，山西将推动能源转型全面提速：…安排风电光伏装机规模3000万千瓦": a paragraph opened on the
	// plan's year with 将 states what will be done.
	const paragraphBefore = m.text.slice(m.text.lastIndexOf('\n', mention.start - 1) + 1, mention.start);
	const willYear = paragraphBefore.match(/(?:^|[，。：:])[^，。；]{0,8}?(\d{4})\s*年[，,][^。；]{0,16}?将/);
	const willScope = willYear !== null && m.ctx.referenceYear !== null && Number(willYear[1]) >= m.ctx.referenceYear;
	// "本桓、凌绥、台黑4条高速公路提前建成通车": the counted things are finished, the verb after their name.
	const finished = COUNT_UNITS.has(mention.unit) && /^[^，。；]{0,8}?(建成|竣工|投产|通车|开工)/.test(post);
	const cue = willScope || carriedOut || finished || isAllocation(mention, pre) || TARGET_CUE.test(cuePre) || TARGET_CUE.test(post.slice(0, 6)) || TARGET_CUE.test(m.listPre) || /^(以上|以内|以下|左右|内)/.test(post) || /(超|逾)$/.test(pre) || scoped || (m.parallel === true && pre.length <= 12);
	const goalContext = /目标|指标/.test(headingsOf(m.clause, m.ctx));
	if (!cue && !goalContext) return factOf('other');
	return { target: buildTarget(m, baseline) };
}

/**
 * An eligibility condition names who qualifies: "首付款1亿元以上的交易", "对年营收超过1亿元的企业".
 * A bare "50%的城市社区建成…" is a share the plan commits to, not a condition.
 */
function isThreshold(pre: string, post: string, segment: string): boolean {
	// "培育营业收入超500亿元企业1家": an amount naming a class that is then counted.
	if (/(超过|超|逾)$/.test(pre) && /^(以上)?的?[\u4e00-\u9fa5]{1,6}(\d|[一二两三四五六七八九十]+[家个])/.test(post) && !/(提高到|提升到)$/.test(pre)) return true;
	// "力争公办幼儿园比例达到50%以上的建设目标": the goal itself, not who qualifies.
	if (/^(以上|以下|左右)?的[\u4e00-\u9fa5]{0,4}目标/.test(post)) return false;
	if (/^(以上|以下|及以上|及以下)的/.test(post)) return true;
	if (!/^(左右)?的/.test(post)) return false;
	// "打造总体规模超3000亿元的…基金集群": the size of what is made, when no count of a class follows.
	if (/(打造|建成|建设|形成|组建|设立)[^，]*规模[^，]*$/.test(pre) && !/\d/.test(post)) return false;
	// "力争儿童青少年达52.7%的总体近视率每年降0.5%以上": 达 X的 names what the target acts on.
	if (/(超过|超|逾|高于|低于|不低于|不少于|不足|达到|达|在)$/.test(pre)) return !/(提高到|提升到|降至)$/.test(pre);
	return /(^|[，；])(对|凡|对于)/.test(segment) || /^对/.test(pre);
}

/**
 * "对年主营业务收入首次突破10亿元、50亿元、100亿元的企业": numbers listed inside a condition that
 * opens with 对/凡 and closes with "的<noun>" all define who qualifies.
 */
function isConditionList(segmentBefore: string, segmentRest: string): boolean {
	return /^(对|凡|对于)/.test(segmentBefore) && /^[^，；。]*?的[\u4e00-\u9fa5]/.test(segmentRest) && !/(达到|提高到|压缩至)$/.test(segmentBefore);
}

/** The clause's own heading and its ancestors' headings. */
function headingsOf(clause: ExtractedClause, ctx: PlanContext): string {
	return ancestorsOf(clause, ctx.clauses).map((c) => c.heading ?? '').join(' ') + (clause.heading ?? '');
}

/**
 * Under a lead-in that names the goals ("2025年全区经济社会发展的主要预期目标是："), 同比 and 预计 frame
 * the growth the plan expects, not a result.
 */
function goalLead(text: string, at: number): boolean {
	const paragraph = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
	return /(预期目标|主要目标|目标是|目标为)[^。]*$/.test(paragraph);
}

/**
 * Results, whatever their grammar: a sentence that opens with "…以来，" (its parts after ；
 * included), one that ranks ("居全国第6位"), and lines under a heading of results ("2024年成绩单")
 * until a heading of goals.
 */
function reportsPast(text: string, at: number): boolean {
	const sentenceStart = Math.max(text.lastIndexOf('。', at - 1), text.lastIndexOf('\n', at - 1)) + 1;
	const sentenceEnd = text.slice(at).search(/[。\n]/);
	const sentence = text.slice(sentenceStart, sentenceEnd < 0 ? text.length : at + sentenceEnd);
	if (/以来，/.test(text.slice(sentenceStart, at)) || /居(全国|全省|全市|中部|西部|东部)?[^，。；]{0,6}第[\d一二三四五六七八九十]+位|较上年前移/.test(sentence)) return true;
	// The nearest heading-like line above decides; a few thousand characters back is far enough.
	const lines = text.slice(Math.max(0, sentenceStart - 3000), sentenceStart).split('\n').reverse();
	for (const line of lines) {
		if (line.length > 24 || /[，。；]/.test(line)) continue;
		// "2023年国民经济和社会发展计划执行情况" reviews, though it names a 计划.
		if (/(成绩单|主要成绩|工作回顾|回顾|执行情况|完成情况)/.test(line)) return true;
		// A line of goals, or any other numbered heading, ends the review.
		if (/(目标|任务|安排|计划|要点)/.test(line) || /^(第[一二三四五六七八九十]+[章节]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/.test(line)) return false;
	}
	return false;
}

/**
 * Figures so far this year open on the months they cover, counted from January ("1-2月，全市固定资产
 * 投资同比下降12.7%", "1—5月，"): a progress report, not a goal. A year before them is a schedule.
 */
const YEAR_TO_DATE = /(?:^|[。；\n])\s*1\s*[-—–~至]\s*(?:[2-9]|1[0-2])\s*月份?[，,]/;

/** A sentence about a year up to the year of issue, or with words of achievement, reports the past. */
function isPast(before: string, referenceYear: number | null, underGoals = false): boolean {
	// "截至“十四五”末，…将达1.7万亿元", "预计…全省将累计新增…": 将 before the verb looks ahead.
	const pastWord = before.match(PAST);
	const ahead = pastWord !== null && /(?<!已)将/.test(before.slice(pastWord.index! + pastWord[0].length));
	// "截至2024年底" is no deadline, though 至 stands before its year.
	if (pastWord && !ahead && !/(?<!截)(到|至)\s*\d{4}\s*年/.test(before) && !(underGoals && !/(已|截至|截止|去年|(?<![比较])上年|过去|以来)/.test(before))) return true;
	if (YEAR_TO_DATE.test(before)) return true;
	// "“十三五”时期，…累计建成…" in a plan issued after 2020 reports the previous five-year plan.
	const fiveYear = before.match(/十([一二三四五六七八九])五/);
	if (fiveYear && referenceYear !== null && 1955 + 5 * (11 + '一二三四五六七八九'.indexOf(fiveYear[1])) < referenceYear) return true;
	// "在2015年至2020年，从76.34岁提高至77.93岁": a span of years that ended before the plan.
	const span = before.match(/(?<![到至\d])\d{4}\s*年?\s*[—–\-~至到]\s*(\d{4})\s*年/);
	if (span && referenceYear !== null && Number(span[1]) < referenceYear) return true;
	if (/(由|从)[^，]*(提高|提升|增加|增长|下降|降低|减少|扩大|缩短|压缩|降)(到|至)/.test(before)) return false;
	// "在2020年基础上继续提高1岁左右": the year is a baseline, as 比2020年 is.
	const year = before.match(/(^|[^到至由从比较与])(\d{4})\s*年(?!底前|前|以前|之前|相比|的|基础上|水平上)/);
	// A year before the plan's first year reports; that year itself is an annual plan's target year.
	// Only a 到 / 至 / 力争 right before the year makes it a deadline: the 到 of "时提到，2025年全区…" does not.
	return year !== null && referenceYear !== null && Number(year[2]) < referenceYear && !/(到|至|力争)[^，。；\d]{0,2}$/.test(before.slice(0, year.index! + year[1].length));
}

/**
 * A paragraph that opens on a year before the plan's ("2024年，我省…态势。全年地区生产总值增长4.8%")
 * reports that year in its later sentences too, unless a sentence names a year of its own.
 */
function pastParagraph(text: string, sentenceStart: number, sentenceBefore: string, referenceYear: number | null): boolean {
	if (referenceYear === null || /\d{4}\s*年|十[一二三四五六七八九]五/.test(sentenceBefore)) return false;
	const paragraph = text.slice(text.lastIndexOf('\n', sentenceStart - 1) + 1, sentenceStart);
	// "五莲县2012年全年实现生产总值163亿元；…分别达到9807元": parts after ； share their sentence's year.
	const sentence = paragraph.slice(paragraph.lastIndexOf('。') + 1);
	if (/；$/.test(sentence) && isPast(sentence, referenceYear)) return true;
	if (/(到|至|力争|预计)\s*\d{4}\s*年/.test(paragraph)) return false;
	// "1-2月，全市…。4个结构性指标中，…投资增长12.5%": the months so far scope the paragraph.
	if (YEAR_TO_DATE.test(paragraph.slice(0, 12))) return true;
	// The last year or five-year period that opens a clause: "时表示，2025年，…。", "“十四五”期间，…。".
	const scopes = [...paragraph.matchAll(/(?:^|[。，：:；])[^。，；]{0,8}?(?:(\d{4})\s*年|[“"]?十([一二三四五六七八九])五[”"]?(?:期间|时期))[，,]/g)];
	const last = scopes.at(-1);
	if (!last) return false;
	const year = last[1] ? Number(last[1]) : 1955 + 5 * (11 + '一二三四五六七八九'.indexOf(last[2]));
	return year < referenceYear;
}

/** Sections that review the past: every number in them is an achievement, not a commitment. */
const REVIEW_HEADING = /(发展现状|发展基础|发展成就|发展环境|现状和形势|现状与形势|取得的成就|主要成效|工作回顾|过去五年|过去一年|规划实施情况|计划执行情况)/;

/** "由2020年的X提高到Y": the first number is the baseline of the second. */
function readBaseline(pre: string, mention: Mention): { value: number; date: string } | null {
	const m = pre.match(new RegExp(`(?:由|从)(?:(\\d{4})\\s*年(?:底|末)?的?)?(${NUM})\\s*${UNIT}?\\s*(?:提高|提升|增加|增长|扩大|下降|降低|减少|缩短|压缩|降)(?:到|至)$`));
	if (!m || !m[1]) return null;
	void mention;
	return { value: Number(m[2].replace(/,/g, '')), date: isoDate(Number(m[1]), 12, 31) };
}

function buildTarget(m: MentionContext, baseline: { value: number; date: string } | null): NonNullable<Reading['target']> {
	const { mention, pre, post } = m;
	const verbs = pre + (m.listPre ? ` ${m.listPre}` : '');
	const comparator = comparatorOf(mention, pre, post, verbs);
	const kind = kindOf(mention, verbs, post, comparator);
	const shareOf = kind === 'share' ? shareParent(pre) : null;
	let confidence = 0.55;
	if (/(达到|突破|超过|不低于|以上|以内|不超过|控制在|压缩|新增|累计|提高到|降至)/.test(pre + post.slice(0, 3))) confidence += 0.15;
	if (mention.words) confidence -= 0.1;
	if (kind === 'act') confidence -= 0.1;
	return {
		quote: m.quote,
		indicator: indicatorName(pre, post),
		comparator,
		value: mention.value,
		max: mention.max,
		unit: mention.unit,
		kind,
		baseline,
		shareOf,
		confidence
	};
}

function comparatorOf(mention: Mention, pre: string, post: string, verbs: string): Comparator {
	if (mention.max !== null) return 'between';
	// Nothing can fall below zero: a target of 0 ("劣V类水体比例为0") is a ceiling.
	if (mention.value === 0) return '<=';
	if (/(控制在|控制到|不超过|小于|(?<!不)低于)[^，]{0,4}$/.test(pre)) return '<=';
	// "增速保持在9%以上": a bound after the number outweighs the 保持在 before it.
	if (/^(左右)/.test(post) || (/(约|稳定在|保持在|维持在)$/.test(pre) && !/^(以上|以下|以内|之内)/.test(post)) || /约占[^，]*$/.test(pre)) return '=';
	if (/(下降|降低|减少)$/.test(pre) && mention.unit === '%') return '>=';
	if (/(不低于|不少于|不小于|以上|(?<!不)超过|突破|(?<!不)高于)/.test(pre.slice(-4) + post.slice(0, 2))) return '>=';
	if (/^(以内|以下|之内|内)/.test(post) || /(压缩|缩短|缩小到|缩小至|控制|降至|降到|降低到|下降到|减少到|减少至|不超过|不高于|少于|低于)[^，]{0,4}$/.test(pre)) return '<=';
	if (isAct(mention, verbs, post) && !/(达到|以上|提高|提升)/.test(verbs + post.slice(0, 2))) return '=';
	return '>=';
}

function kindOf(mention: Mention, verbs: string, post: string, comparator: Comparator): TargetKind {
	if (DURATION_UNITS.has(mention.unit) && comparator === '<=') return 'duration';
	if (isAct(mention, verbs, post)) return 'act';
	if (/(上限|额度|标准)[^，]*(提高|提升|调整)(至|到)/.test(verbs)) return 'act';
	// "…水体比例100%", "中等收入群体比例达到42%": a proportion is a share, as in indicator tables.
	if (mention.unit === '%' && /(占比|比重|比例|占[^，]{1,8}(的)?比例|占全[国省市区]|占[^，]{1,12}的$|达到[^，]{2,20}(总量|总数|总额|总规模)的$)/.test(verbs)) return 'share';
	if (/累计新增/.test(verbs)) return 'new_since_baseline';
	if (/(累计|合计|总数|总计|总量达)/.test(verbs + post.slice(0, 12))) return 'cumulative';
	if (mention.unit === '个百分点') return 'new_since_baseline';
	if (mention.unit === '%' || mention.unit === '‰') return 'level';
	if (CREATION.test(verbs)) return 'new_since_baseline';
	const object = post.replace(/（[^）]*）/g, '');
	if (COUNT_UNITS.has(mention.unit) && (/(建设|举办|组织|开展|实施|实现)/.test(verbs) || /^[^，]{0,20}(获批|开工|投产|落地|建成|竣工|上市)/.test(object))) return 'new_since_baseline';
	return 'level';
}

/** Verbs of making something new: what they count is added during the plan. */
const CREATION = /(争创|新增|新建|新引进|新培育|新落地|新组建|组建|引培|引育|引进|引入|招引|培育|获批|形成|打造|建成(?!区)|创建|认定|孵化|开工|竣工|新设|完成|改造)/;

/**
 * "聚焦100家重点企业", "利用18个优质科创空间载体", "推动851个市重点项目…": a count the measure works
 * on, not one it creates, is an act; "推动100个项目开工建设" creates, so it is not.
 */
function isAct(mention: Mention, verbs: string, post: string): boolean {
	if (/聚焦/.test(verbs)) return true;
	// "安排风电光伏装机规模3000万千瓦": a scale the plan sets out, as money it puts in.
	if (/安排[^，。；]{0,10}规模$/.test(verbs.trim().replace(/\s.*$/, ''))) return true;
	// "推进2400个亿元以上项目…建设": projects the plan pushes on with, counted as they are.
	if (COUNT_UNITS.has(mention.unit) && /推进$/.test(verbs.trim().replace(/\s.*$/, '')) && /^[^，。；]{0,12}项目/.test(post)) return true;
	if (isAllocation(mention, verbs)) return true;
	if (/(上限|额度|标准)/.test(verbs) && /(提高|提升|调整)(至|到)$/.test(verbs.trim().replace(/\s.*$/, ''))) return true;
	if (!COUNT_UNITS.has(mention.unit) || !/(利用|依托|围绕|推动|服务|盘活)$/.test(verbs.trim().replace(/\s.*$/, ''))) return false;
	return !/^[^，。；]{0,24}(开工|建设|投产|落地|建成|竣工|上市|完成|达产)/.test(post);
}

/** "安排省级财政资金1042.8亿元", "拟安排地方政府专项债券3.9万亿元": money the plan commits to put in. */
function isAllocation(mention: Mention, pre: string): boolean {
	if (!/元$/.test(mention.unit)) return false;
	// "拟发行超长期特别国债1.3万亿元": treasury bonds are issued as other bonds are.
	return /(拟安排|计划安排|统筹安排|安排|拟发行)[^，。；]{0,14}(资金|债券|国债|投资|经费|预算)[^，。；]{0,4}$/.test(pre) || /(资金|债券|国债|投资|经费|预算)[^，。；]{0,6}(拟安排|安排)$/.test(pre);
}

/** "全国占比20%" -> "全国"; "占全省的比重达到15%" -> "全省". */
function shareParent(pre: string): string | null {
	const before = pre.match(/([\u4e00-\u9fa5]{1,8}?)(?:占比|比重)/);
	const of =
		pre.match(/占([\u4e00-\u9fa5A-Za-z0-9]{1,10}?)(?:的)?(?:比重|比例|份额)/) ??
		pre.match(/占([\u4e00-\u9fa5A-Za-z0-9]{1,12}?)的$/) ??
		pre.match(/达到([\u4e00-\u9fa5A-Za-z0-9]{2,20}?(?:总量|总数|总额|总规模))的$/);
	if (of) return of[1];
	if (before && /^(全国|全省|全市|全区|全球|全县|全行业)$/.test(before[1])) return before[1];
	const whole = before?.[1].match(/(全国|全省|全市|全区|全县|全球|全行业)$/);
	return whole ? whole[1] : null;
}

const LEADING = /^(其中|即|同时|此外|另外|力争|争取|确保|努力|全力|推动|实现|全市首批|首批|到\d{4}年(底|末)?|\d{4}年(底|末)?前?|全年|鼓励|支持|将|使|让|按照|年均|每年)+/;
const VERB_TAIL =
	/(分别)?(达到|达|突破|超过|超|逾|不低于|不少于|提高到|提高至|提升到|提升至|增长到|增长至|增长|增加到|增加|下降到|下降至|下降|降低到|降低至|降低|降至|降到|减少到|减少|压缩至|压缩到|缩短至|缩短到|控制在|稳定在|保持在|维持在|提高|提升|累计达|累计|约|在)$/;

/**
 * A suggested indicator name from the words before the number ("生物医药产业规模达到" ->
 * "生物医药产业规模"), else the object after it ("获批上市10个以上国产1类新药" -> "国产1类新药").
 * @example indicatorName('生物医药产业规模达到', '') === '生物医药产业规模'
 */
export function indicatorName(pre: string, post: string): string {
	let subject = pre.replace(/（[^）]*）/g, '').trim().replace(LEADING, '').replace(/(由|从)[^，]*$/, '');
	for (let i = 0; i < 3; i++) {
		subject = subject.replace(VERB_TAIL, '').replace(/(的)$/, '').replace(/(比|较|与)\d{4}年(底|末)?(相比)?(的)?$/, '').replace(/(年均|平均|每年)$/, '');
	}
	// "每个县重点打造", "争创": a scope and a verb, no subject; the object after the number names it.
	if (new RegExp(`(${MAKING_VERBS})$`).test(subject)) subject = '';
	subject = subject.replace(new RegExp(`^(获批上市|${MAKING_VERBS}|利用|依托|推动|聚焦|设置|累计)+`), '');
	if (subject.length >= 2 && !/^[将在应]/.test(subject)) return subject;
	return objectName(post);
}

/** Verbs that make or gather what a count counts; before a number they name no indicator. */
const MAKING_VERBS =
	'新增|新建|新引进|新组建|组建|新落地|新认定|认定|引培|引进|引入|培育|争创|创建|储备|获批|形成|打造|建成(?!区)|建设|推出|布局|实施|开展|完成|组织|举办';

/** The object after a number: "个以上国产1类新药" -> "国产1类新药"; after "的", the head noun. */
function objectName(post: string): string {
	const object = post
		.replace(/^(以上|以内|以下|左右|之内|内)/, '')
		.replace(/（[^）]*）/g, '')
		.match(/^[的]?([^，。；]{2,40}?)(?:获批|实现|开展|全面建成|建成|投入使用|开工|并|，|。|$)/);
	if (!object) return '';
	const whole = object[1].replace(/^的/, '');
	// A long description ("在全国具有一定影响力的领军型县域冠军产业") is named by its head noun.
	const head = whole.split('的').at(-1)!;
	return whole.length > 12 && head.length >= 2 ? head : whole;
}
