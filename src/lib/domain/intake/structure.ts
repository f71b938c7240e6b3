/**
 * The structure of a cleaned plan: its title, issuer, document number, dates of issue and validity,
 * and its clauses along the document's own numbering. Pure.
 */
import type { ExtractedClause, Extraction } from './extraction';
import { chineseNumeral, isoDate } from './numbers';
import { monthEnd } from '../dates';

/** The document's own facts as the extraction reports them, and where its text starts. */
export interface PlanHeader extends Pick<Extraction, 'title' | 'issuer' | 'docNumber' | 'issued' | 'effectiveFrom' | 'effectiveTo'> {
	/** The last day of the period in the title ("（2022-2024年）" -> 2024-12-31), null when none. */
	periodEnd: string | null;
	/** Index of the line holding the plan's own title (where its text starts), -1 when not found. */
	titleLine: number;
}

const CN = '一二三四五六七八九十';
const DATE_CN = '〇零一二三四五六七八九十';

/** The kinds of documents whose title names them; a line ending so, without a full stop, is a title. */
const TITLE_END =
	/(方案|规划|意见|计划|办法|通知|措施|纲要|细则|规定|决定|要点|政策|条例|指引|指南|行动|举措|若干措施|工作方案)(（(试行|征求意见稿|修订|\d{4}\s*[-—–~至]\s*\d{4}\s*年?|\d{4}年|\d{4}—\d{4}年)）)*$/;
const TRANSMITTAL = /^(.*?)关于(?:印发|转发|下发|公布)《?(.+?)》?的通知$/;
const ORG_END = /(人民政府|政府|办公厅|办公室|委员会|管委会|领导小组|局|厅|部|委|署|院|中心)$/;
const DOC_NUMBER =
	/([\u4e00-\u9fa5]{1,10}(?:发|办|函|字|规|文|〔|\[|［)?)\s*[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*(\d{1,4})\s*号/;

/**
 * Reads a date written "2022年1月14日" or "二〇二二年一月十四日"; null when the text is not one.
 * @example readDate('2022年1月14日') === '2022-01-14'
 */
export function readDate(text: string): string | null {
	const m = text.match(new RegExp(`^([\\d${DATE_CN}]{4})\\s*年\\s*([\\d${DATE_CN}]{1,3})\\s*月\\s*([\\d${DATE_CN}]{1,3})\\s*日$`));
	if (!m) return null;
	const [year, month, day] = [m[1], m[2], m[3]].map((part) => (/^\d+$/.test(part) ? Number(part) : chineseNumeral(part)));
	if (month < 1 || month > 12 || day < 1 || day > 31) return null;
	return isoDate(year, month, day);
}

/** True for a line that reads as a document title: short, no full stop, ends with the document's kind. */
function isTitleLine(line: string): boolean {
	return line.length >= 6 && line.length <= 90 && !/[。；：]/.test(line) && TITLE_END.test(line) && !/^[《“]/.test(line) && !/^附件/.test(line);
}

/** The first body line: a first-level number or chapter. */
function isBodyStart(line: string): boolean {
	return new RegExp(`^(第[${CN}]+[章条]|[${CN}]+、|（[${CN}]+）)`).test(line);
}

/** The end of the period in a title: "（2022-2024年）" -> 2024-12-31; "2025年" plans end that year. @example periodEndOf('X行动方案（2022-2024年）') === '2024-12-31' */
export function periodEndOf(title: string | null): string | null {
	if (!title) return null;
	const range = title.match(/(\d{4})\s*[-—–~至到]\s*(\d{4})\s*年/);
	if (range) return isoDate(Number(range[2]), 12, 31);
	const single = title.match(/^(\d{4})年(?:度)?.{0,30}?(?:方案|计划|要点|安排|任务|目标|重点工作)$/) ?? title.match(/(\d{4})年(?:度)?(?:工作)?(?:行动|实施|工作)?(?:方案|计划|要点)/);
	if (single) return isoDate(Number(single[1]), 12, 31);
	const edition = title.match(/（(\d{4})年版）/);
	if (edition) return isoDate(Number(edition[1]), 12, 31);
	const fiveYear = title.match(/[“"]?十([一二三四五六七八九])五[”"]?/);
	if (fiveYear) return isoDate(1955 + 5 * (10 + chineseNumeral(fiveYear[1])), 12, 31); // 十四五 is 2021-2025
	return null;
}

/**
 * The year of an annual plan or work report that has no title period: its first lines or a heading
 * name the year ("2026年广州市经济社会发展的主要预期目标是：", "二、2025年主要任务").
 * @example annualYearEnd(['二、2025年主要任务']) === '2025-12-31'
 */
export function annualYearEnd(lines: string[]): string | null {
	const pattern = new RegExp(`^(?:[${CN}]+、|（[${CN}]+）)?\\s*(\\d{4})年(?:度)?[^。；]{0,30}?(目标|任务|安排|计划|要点|重点工作)(?!执行情况|完成情况)`);
	// In a title or lead the year of the plan may stand mid-line: "下达2025年国民经济和社会发展计划",
	// "2023年…计划执行情况及2024年…计划草案的报告" (the year reviewed is not the plan's).
	const named = /(\d{4})年(?:度)?[^。；，\d]{0,16}?(国民经济和社会发展计划|政府工作报告|工作要点|重点工作)(?!执行情况|完成情况)/g;
	for (const [i, line] of lines.entries()) {
		const m = line.match(pattern);
		if (m && !/^[^。；]*?(执行情况|完成情况|工作回顾)/.test(line.slice(m.index! + m[0].length - m[2].length))) return isoDate(Number(m[1]), 12, 31);
		// A year alone on its line under a heading of goals ("工作目标" / "2025年" / "全市地区生产总值增长5.6%").
		const bare = line.match(/^(\d{4})\s*年$/);
		if (bare && i > 0 && /(目标|任务)$/.test(lines[i - 1])) return isoDate(Number(bare[1]), 12, 31);
		if (i < 12) {
			const years = [...line.matchAll(named)].map((n) => Number(n[1]));
			if (years.length > 0) return isoDate(Math.max(...years), 12, 31);
		}
	}
	return reportYear(lines);
}

/**
 * A news copy of a work report names the year it plans for as the one the government "will" act in
 * ("在作政府工作报告时表示，2025年，…。" then "2026年，山西将推动能源转型全面提速"): the latest such year.
 * @example reportYear(['省长在作政府工作报告时表示', '2026年，西藏将全面加强生态修复治理。']) === '2026-12-31'
 */
function reportYear(lines: string[]): string | null {
	const text = lines.join('\n');
	if (!/政府工作报告/.test(text)) return null;
	const years = [...text.matchAll(/(\d{4})\s*年[，,]\s*[\u4e00-\u9fa5]{0,8}?(将|要|力争)/g)].map((m) => Number(m[1]));
	return years.length > 0 ? isoDate(Math.max(...years), 12, 31) : null;
}

/**
 * A copy without its title (a page cut before it, a news report) may still name its five-year plan
 * as its subject ("“十四五”教育事业发展主要指标表", "《福州市“十四五”卫生健康事业发展专项规划》"):
 * that period's end, when the text names no other five-year plan that way.
 * @example fiveYearPlanEnd(['“十四五”教育事业发展主要指标表']) === '2025-12-31'
 */
export function fiveYearPlanEnd(lines: string[]): string | null {
	const named = new Set<string>();
	for (const line of lines) {
		// "第十五个五年规划纲要" is 十五五 written out.
		const text = line.replace(/第十([一二三四五六七八九])个五年/g, '十$1五');
		for (const m of text.matchAll(/十([一二三四五六七八九])五[”"]?[^，。；：“”]{0,14}?(规划|主要指标|发展目标)/g)) {
			// "并与“十四五”规划…相衔接": a plan the text aligns with is not its subject.
			if (/与[“"]?$/.test(text.slice(Math.max(0, m.index! - 2), m.index!))) continue;
			named.add(m[1]);
		}
	}
	if (named.size !== 1) return null;
	return isoDate(1955 + 5 * (10 + chineseNumeral([...named][0])), 12, 31);
}

/** Adds whole years to a start date, ending the day before: (2024-08-01, 5) -> 2029-07-31. */
function yearsFrom(start: string, years: number): string {
	const [y, m, d] = start.split('-').map(Number);
	const end = new Date(Date.UTC(y + years, m - 1, d - 1));
	return end.toISOString().slice(0, 10);
}

/** Validity as stated: "自2024年8月1日起施行，有效期至2029年7月31日", "有效期5年", "自印发之日起施行". @example readValidity('有效期至2029年7月31日', null).to === '2029-07-31' */
export function readValidity(text: string, issued: string | null): { from: string | null; to: string | null } {
	let from: string | null = null;
	let to: string | null = null;
	const start = text.match(/自\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*起(?:施行|实施|执行|生效)/);
	if (start) from = readDate(start[1]);
	else if (/自(?:印发|发布|公布)之日起(?:施行|实施|执行|生效)/.test(text)) from = issued;
	const until = text.match(/有效期(?:至|到)\s*(\d{4}年\d{1,2}月\d{1,2}日)/);
	if (until) to = readDate(until[1]);
	const untilMonth = !until && text.match(/有效期(?:至|到)\s*(\d{4})年(\d{1,2})月(?:底|末)?/);
	if (untilMonth) to = monthEnd(Number(untilMonth[1]), Number(untilMonth[2]));
	const untilYear = !until && !untilMonth && text.match(/有效期(?:至|到)\s*(\d{4})年(?:底|末)?/);
	if (untilYear) to = isoDate(Number(untilYear[1]), 12, 31);
	const years = text.match(/有效期(?:为)?\s*([\d一二两三四五六七八九十]+)\s*年/);
	if (!to && years && (from ?? issued)) {
		const n = /^\d+$/.test(years[1]) ? Number(years[1]) : chineseNumeral(years[1]);
		to = yearsFrom((from ?? issued)!, n);
	}
	return { from, to };
}

/** The issuer in a title "上海市人民政府办公厅关于…" or a transmittal notice. */
function issuerOfTitle(line: string): string | null {
	const m = line.match(/^(.{2,120}?)关于/);
	return m ? issuersOf(m[1]) : null;
}

/** One issuer, or joint issuers separated by spaces or 、 ("成都市发展和改革委员会 成都市规划和自然资源局"). */
function issuersOf(prefix: string): string | null {
	const names = prefix.trim().split(/[\s、]+/).filter(Boolean);
	if (names.length === 0 || !names.every((name) => name.length <= 30 && ORG_END.test(name))) return null;
	return names.join('、');
}

/**
 * Reads the document's header and signature.
 * @example readHeader(['浦东新区人民政府办公室关于印发《X行动方案（2022-2024年）》的通知', '浦府办〔2022〕2号', '2022年1月14日']).docNumber === '浦府办〔2022〕2号'
 */
export function readHeader(lines: string[]): PlanHeader {
	const bodyStart = Math.max(0, lines.findIndex(isBodyStart));
	const head = lines.slice(0, bodyStart || lines.length);
	let title: string | null = null;
	let issuer: string | null = null;
	let titleLine = -1;
	for (let i = 0; i < head.length && title === null; i++) {
		const transmittal = head[i].match(TRANSMITTAL);
		if (transmittal) {
			title = transmittal[2];
			issuer = issuersOf(transmittal[1]);
			// The plan's own title line, when the copy repeats it, is where the plan starts.
			const own = head.findIndex((line, j) => j > i && line === title);
			titleLine = own >= 0 ? own : i;
		} else if (isTitleLine(head[i])) {
			// "关于推动经济高质量发展若干政策" with "（2025年版）" on the next line: one title.
			const continued = /^（[^）]{2,12}）$/.test(head[i + 1] ?? '');
			title = continued ? `${head[i]}${head[i + 1]}` : head[i];
			issuer = issuerOfTitle(head[i]);
			titleLine = continued ? i + 1 : i;
		}
	}
	const portal = readPortalFields(head);
	if (title === null && portal.title) {
		const transmittal = portal.title.match(TRANSMITTAL);
		title = transmittal ? transmittal[2] : portal.title;
		issuer = transmittal ? issuersOf(transmittal[1]) : issuerOfTitle(portal.title);
	}
	const numberLine = head.find((line) => DOC_NUMBER.test(line) && (line.length < 40 || /文号/.test(line))) ?? null;
	const docNumber = numberLine ? normaliseDocNumber(numberLine.match(DOC_NUMBER)!) : null;
	const signature = readSignature(lines, bodyStart || lines.length);
	const issued = signature.issued ?? portal.issued ?? null;
	const signer = signature.signer ?? (issuer ? null : (portal.issuer ?? null));
	const validity = readValidity(lines.join('\n'), issued);
	const periodEnd = periodEndOf(title);
	return {
		title,
		issuer: signer ?? issuer,
		docNumber,
		issued,
		effectiveFrom: validity.from ?? issued,
		effectiveTo: validity.to ?? periodEnd,
		periodEnd,
		titleLine
	};
}

/**
 * The metadata block government portals put above a document: "名称：…", "文号：…", "[发文机构] …",
 * "[成文日期] 2024-05-15", as "label：value" or "label | value" cells.
 * @example readPortalFields(['[成文日期] 2024-05-15']).issued === '2024-05-15'
 */
export function readPortalFields(head: string[]): { title?: string; issuer?: string; issued?: string } {
	const fields: { title?: string; issuer?: string; issued?: string } = {};
	const cells = head.flatMap((line) => line.split(/\s*[|｜\t]\s*/)).map((cell) => cell.trim()).filter(Boolean);
	for (let i = 0; i < cells.length; i++) {
		const m = cells[i].match(/^(?:\d{1,2}\.\s*)?[\[【]?\s*(名\s*称|标\s*题|发文机构|发文机关|发布机构|成文日期|发文日期)\s*[\]】]?\s*[：:]?\s*(.*)$/);
		if (!m) continue;
		const value = m[2] || cells[i + 1] || '';
		const label = m[1].replace(/\s/g, '');
		if ((label === '名称' || label === '标题') && value.length >= 6) fields.title ??= value;
		else if (/^(发文机构|发文机关|发布机构)$/.test(label) && ORG_END.test(value)) fields.issuer ??= value;
		else if (/^(成文日期|发文日期)$/.test(label)) {
			const date = value.match(/^(\d{4})[-.\/年](\d{1,2})[-.\/月](\d{1,2})/);
			if (date) fields.issued ??= isoDate(Number(date[1]), Number(date[2]), Number(date[3]));
		}
	}
	return fields;
}

/** "浦府办[2022]2号" -> "浦府办〔2022〕2号": the official brackets are 〔〕. */
function normaliseDocNumber(m: RegExpMatchArray): string {
	return `${m[1].replace(/[〔\[［]$/, '')}〔${m[2]}〕${m[3]}号`;
}

/** The signature: a date alone on its line, and the organisation on the line above it. */
function readSignature(lines: string[], bodyStart: number): { issued: string | null; signer: string | null } {
	const at = (i: number) => {
		const issued = readDate(lines[i].replace(/^[（(]|[)）]$/g, ''));
		if (!issued) return null;
		const above = lines[i - 1] ?? '';
		const signer = above.length <= 30 && ORG_END.test(above) && !/[，。：]/.test(above) ? above : null;
		return { issued, signer };
	};
	// A notice signs above the plan; a plan signs at its end, where a table's date cell has no signer above it.
	for (let i = 0; i < bodyStart; i++) {
		const found = at(i);
		if (found) return found;
	}
	for (let i = lines.length - 1; i >= Math.max(bodyStart, lines.length - 12); i--) {
		const found = at(i);
		if (found?.signer) return found;
	}
	return { issued: null, signer: null };
}

/** A numbering label at the start of a line, its kind (one per numbering style) and the rest. */
export interface Label {
	kind: string;
	label: string;
	rest: string;
}

const LABELS: Array<[kind: string, pattern: RegExp]> = [
	['chapter', new RegExp(`^(第[${CN}百]+章)\\s*(.*)$`)],
	['section', new RegExp(`^(第[${CN}百]+节)\\s*(.*)$`)],
	['article', new RegExp(`^(第[${CN}百]+条)\\s*(.*)$`)],
	['cn', new RegExp(`^([${CN}]+、)(.*)$`)],
	['paren-cn', new RegExp(`^(（[${CN}]+）)(.*)$`)],
	['arabic', /^(\d{1,2}[.．、])(?!\d)(.*)$/],
	['paren-arabic', /^(（\d{1,2}）)(.*)$/],
	['circled', /^([①-⑳])(.*)$/]
];

/** Reads the numbering label a line starts with, null for an unnumbered paragraph. @example readLabel('（二）行动目标') -> { kind: 'paren-cn', label: '（二）', rest: '行动目标' } */
export function readLabel(line: string): Label | null {
	// "（9） |": a table cell in brackets (a change over the period), not a numbered paragraph.
	if (/^\S{1,8}\s*[|｜]$/.test(line)) return null;
	for (const [kind, pattern] of LABELS) {
		const m = line.match(pattern);
		if (m) return { kind, label: m[1].replace('．', '.'), rest: m[2].trim() };
	}
	return null;
}

/** "创新能级显著提升。新靶点…" -> "创新能级显著提升"; a line with no 。 is a heading only. */
function headingOf(rest: string): string | null {
	const stop = rest.search(/[。！]/);
	if (stop < 0) return rest.length > 0 && rest.length <= 60 ? rest : null;
	return stop <= 40 ? rest.slice(0, stop) : null;
}

/** Responsible units the text names: "（责任单位：区科经委、区发改委）", "牵头单位：…；配合单位：…". @example readUnits('（责任单位：区科经委、区发改委）') -> ['区科经委', '区发改委'] */
export function readUnits(text: string): string[] {
	const units: string[] = [];
	const pattern = /(?:责任|牵头|配合|协同|参与|主责|实施)(?:单位|部门)[：:]\s*((?:(?![，,]?(?:责任|牵头|配合|协同|参与|主责)(?:单位|部门))[^）)\n；;。：])+)/g;
	const lists = [...text.matchAll(pattern)].map((m) => m[1]);
	// "（省发展改革委牵头负责）", "（区科技局牵头）", "（…等省有关部门按职责分工负责）".
	for (const m of text.matchAll(/（([^（）]{2,120}?)(?:牵头负责|牵头落实|牵头实施|牵头|按职责分工负责|分别负责|负责)）/g)) lists.push(m[1].replace(/^由/, ''));
	for (const list of lists) {
		for (const unit of list.split(/[、，,；;]|和(?=[^和]{2,}(?:政府|委|局|办|部门)$)/)) {
			const name = unit.replace(/\s+/g, '').replace(/等(省|市|区|县)?有关部门$|等$/, '');
			if (name && !units.includes(name)) units.push(name);
		}
	}
	return units;
}

/** An appendix opens with "附件", "附件1", "附件一：" or "附表2" on its own line. */
const APPENDIX = new RegExp(`^(附件|附表)\\s*([\\d${CN}]*)\\s*[：:]?$`);
/** Paragraphs after the last measure that speak of the document itself close it. */
const CLOSING = /^本(意见|方案|办法|规划|通知|措施|细则|计划|规定|政策|实施方案|行动方案)(自|由|的|支持范围|适用|所称|有效期|执行|从)/;

/**
 * Splits the plan's lines into clauses along its own numbering. Numbering styles nest in the order
 * they first appear: a style already open closes everything below it; a new style opens a child.
 * @example splitPlanClauses(['一、总体要求', '（一）目标', '到2025年，…'])[1].path === '一、（一）'
 */
export function splitPlanClauses(lines: string[], bodyFrom = 0): ExtractedClause[] {
	const clauses: ExtractedClause[] = [];
	let stack: Label[] = [];
	let appendix: string | null = null;
	let current: ExtractedClause | null = null;
	let inTable = false;
	const open = (path: string, labels: string[], heading: string | null, text: string) => {
		current = { path: uniquePath(clauses, path), labels, heading, text, units: [] };
		clauses.push(current);
	};
	const body = lines.slice(bodyFrom);
	for (let at = 0; at < body.length; at++) {
		const line = body[at];
		const appendixMatch = line.match(APPENDIX);
		if (appendixMatch) {
			appendix = `${appendixMatch[1]}${appendixMatch[2]}`;
			stack = [];
			open(appendix, [appendix], null, '');
			continue;
		}
		const label = readLabel(line);
		const section = inTable && label !== null && /^(cn|paren-cn)$/.test(label.kind) && isTableSection(label.rest, body[at + 1] ?? '', body[at + 2] ?? '');
		if (isTableHeader(line, body.slice(at + 1, at + 8))) inTable = true;
		else if (inTable && ((label && label.kind !== 'arabic' && label.kind !== 'paren-arabic' && !section) || (line.length > 60 && /。/.test(line)))) inTable = false;
		// Rows of an indicator table ("3.常住人口城镇化率（%）…") and its sections ("一、发展水平") are cells, not numbered clauses.
		if (label && !(appendix && label.kind === 'arabic' && label.rest === '') && !(inTable && (/^(arabic|paren-arabic)$/.test(label.kind) || section))) {
			const depth = stack.findIndex((open) => open.kind === label.kind);
			stack = depth >= 0 ? stack.slice(0, depth) : stack;
			stack.push(label);
			const labels = [...(appendix ? [appendix] : []), ...stack.map((l) => l.label)];
			open(labels.join(''), labels, headingOf(label.rest), label.rest);
			continue;
		}
		if (current === null) {
			open('前言', ['前言'], null, line);
		} else if (CLOSING.test(line) && !appendix && stack.length > 0) {
			stack = [];
			open('附则', ['附则'], null, line);
		} else {
			const target: ExtractedClause = current;
			target.text = target.text ? `${target.text}\n${line}` : line;
		}
	}
	for (const clause of clauses) clause.units = readUnits(clause.text);
	return clauses;
}

/**
 * A table header: 指标 with a year or 目标值, short, no full stop; web copies put one cell per line
 * ("指  标" / "2020年" / "2025年" / "属性"), so the year may stand on the lines after it.
 */
function isTableHeader(line: string, after: string[] = []): boolean {
	const HEADER_VALUE = /(\d{4}年|目标值|基期值|现状值)/;
	if (line.length >= 80 || !/指\s*标/.test(line) || /[。；]/.test(line)) return false;
	if (HEADER_VALUE.test(line)) return true;
	if (line.replace(/[\s|｜]/g, '').length > 12) return false;
	const cells = after.slice(0, 6).filter((cell) => cell.replace(/[\s|｜]/g, '').length <= 8);
	return cells.some((cell) => HEADER_VALUE.test(cell));
}

/**
 * A section row inside an indicator table ("一、发展水平", "二、优质资源建设"): a short name, no
 * punctuation, followed by a row ("1.学前教育毛入园率（%）", or a name whose next cell is short: a
 * unit or a value), not by a clause or prose.
 */
function isTableSection(rest: string, next: string, afterNext: string): boolean {
	if (rest.length === 0 || rest.length > 12 || /[，。；：、\d]/.test(rest)) return false;
	const nextLabel = readLabel(next);
	if (nextLabel && nextLabel.kind !== 'arabic' && nextLabel.kind !== 'paren-arabic') return false;
	if (next.length > 40 || /[。；]/.test(next)) return false;
	return /[（(][^（）()]{1,10}[）)]$/.test(next) || afterNext.replace(/[\s|｜]/g, '').length <= 8;
}

/** A second "附件" or a restarted numbering gets a suffix so that paths stay unique: "一、#2". */
function uniquePath(clauses: ExtractedClause[], path: string): string {
	if (!clauses.some((c) => c.path === path)) return path;
	let n = 2;
	while (clauses.some((c) => c.path === `${path}#${n}`)) n++;
	return `${path}#${n}`;
}

/** Ancestors of a clause: the clauses whose labels are a prefix of its labels, outermost first. @example ancestorsOf(clause '一、（二）1.', clauses) -> [一、, 一、（二）] */
export function ancestorsOf(clause: ExtractedClause, clauses: ExtractedClause[]): ExtractedClause[] {
	const out: ExtractedClause[] = [];
	for (let n = 1; n < clause.labels.length; n++) {
		const path = clause.labels.slice(0, n).join('');
		const found = clauses.find((c) => c.path === path);
		if (found) out.push(found);
	}
	return out;
}
