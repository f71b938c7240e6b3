/**
 * Indicator tables (主要指标表, 专栏) as text copies give them: a header naming the base and target
 * years ("指标 2020年 2025年 年均/累计 属性"), then one row per indicator, its cells separated by
 * tabs or spaces, one cell per line, or run together ("化学需氧量排放总量（万吨）2551.72347.6-8%").
 * The target is the target-year column; the base-year column is its baseline. Pure.
 */
import type { ProposedTarget } from './extraction';
import type { Comparator } from '../plan';
import { isoDate } from './numbers';

/** The columns a header names, in order. */
export interface TableHeader {
	baseYear: number | null;
	targetYear: number;
	/** Columns after the name (and unit), in order: 'base', 'target', 'change', 'attribute', 'unit'. */
	columns: Array<'base' | 'target' | 'change' | 'attribute' | 'unit' | 'other'>;
}

/** A header line or run of header cells: 指标 with years or 目标值. @example readTableHeader(['指标', '2020年', '2025年']) -> { baseYear: 2020, targetYear: 2025, … } */
export function readTableHeader(cells: string[]): TableHeader | null {
	if (!cells.some((cell) => /指标/.test(cell))) return null;
	const columns: TableHeader['columns'] = [];
	const years: number[] = [];
	let baseYear: number | null = null;
	let targetYear: number | null = null;
	for (const cell of cells) {
		const year = cell.match(/^(\d{4})年?(?:（|$|目标|预期|基期|现状|实际)/);
		// "基期值（2020年）", "目标值（2025年）": a named column with its year in parentheses.
		const inner = cell.match(/(\d{4})年/);
		if (year) {
			years.push(Number(year[1]));
			columns.push(years.length === 1 ? 'base' : 'target');
			if (years.length === 1) baseYear = Number(year[1]);
			else targetYear = Number(year[1]);
		} else if (/^(基期值|现状值|基准值|基数)/.test(cell)) {
			columns.push('base');
			if (inner) baseYear = Number(inner[1]);
		} else if (/^(目标值|规划目标|预期目标)/.test(cell)) {
			columns.push('target');
			if (inner) targetYear = Number(inner[1]);
		} else if (/(年均|累计|增长|增减|变化|增速)/.test(cell)) columns.push('change');
		else if (/^(属性|指标属性|性质)$/.test(cell)) columns.push('attribute');
		else if (/^(单位|计量单位)$/.test(cell)) columns.push('unit');
		else if (/^(类别|序号|领域|指标|指标名称|维度|主要指标|具体指标)$/.test(cell)) continue;
		else columns.push('other');
	}
	if (!columns.includes('target')) {
		// A single year column is the target ("指标 单位 2025年 属性").
		const only = columns.indexOf('base');
		if (only < 0 || years.length !== 1) return null;
		columns[only] = 'target';
		return { baseYear: null, targetYear: years[0], columns };
	}
	// No year for the target ("目标值"): 0, and the plan's end stands in (readClause).
	return { baseYear, targetYear: targetYear ?? 0, columns };
}

const NUMBER_CELL = /^[〔[［(（]?(约)?[<>≤≥＜＞]?[-+−]?\d+(\.\d+)?[%％]?\*?[〕\]］)）]?(以上|以下|以内|左右)?$/;

/** Reads a numeric cell: "65" -> 65, "〔13.5〕" -> 13.5 (a cumulative change), ">95" -> 95 with >=. @example readNumberCell('〔13.5〕') -> { value: 13.5, bracketed: true, … } */
export function readNumberCell(cell: string): { value: number; sign: Comparator | null; bracketed: boolean; percent: boolean } | null {
	if (!NUMBER_CELL.test(cell)) return null;
	const sign = /[<＜≤]|以下|以内/.test(cell) ? '<=' : /[>＞≥]|以上/.test(cell) ? '>=' : /左右|约/.test(cell) ? '=' : null;
	const bracketed = /^[〔[［(（]/.test(cell);
	const value = Number(cell.replace(/[^\d.\-−+]/g, '').replace('−', '-'));
	return Number.isFinite(value) ? { value, sign, bracketed, percent: /[%％]/.test(cell) } : null;
}

/**
 * Splits digits that a web copy ran together ("2551.72347.6") into base and target. Every split
 * into two well-formed numbers is tried (no leading zero, one decimal point each); the stated
 * change picks the split whose ratio fits it, as a total over the period or a yearly rate.
 * Without a change, the split whose halves have the same number of decimals and the closest size wins.
 * @example splitRunTogether('2551.72347.6', -8, 5) -> [2551.7, 2347.6]
 */
export function splitRunTogether(digits: string, changePercent: number | null, years: number | null): [number, number] | null {
	const candidates: Array<[number, number, number]> = [];
	for (let i = 1; i < digits.length; i++) {
		const left = digits.slice(0, i);
		const right = digits.slice(i);
		if (!/^(0|[1-9]\d*)(\.\d+)?$/.test(left) || !/^(0|[1-9]\d*)(\.\d+)?$/.test(right)) continue;
		const [a, b] = [Number(left), Number(right)];
		let score: number;
		if (changePercent !== null && a > 0) {
			const total = Math.abs(b / a - (1 + changePercent / 100));
			const yearly = years ? Math.abs(Math.pow(b / a, 1 / years) - (1 + changePercent / 100)) : Infinity;
			score = Math.min(total, yearly);
		} else {
			const decimals = (s: string) => (s.split('.')[1] ?? '').length;
			score = (decimals(left) === decimals(right) ? 0 : 10) + Math.abs(Math.log10((a || 0.1) / (b || 0.1)));
		}
		candidates.push([a, b, score]);
	}
	candidates.sort((x, y) => x[2] - y[2]);
	return candidates.length > 0 ? [candidates[0][0], candidates[0][1]] : null;
}

/** A row's name and unit: "4.化学需氧量排放总量（万吨）" -> 化学需氧量排放总量, 万吨. */
// The unit is the parenthesis right before the values: "执业（助理）医师数（人） 2.9 3.2" is 人.
const NAME_UNIT = /^(?:[\u4e00-\u9fa5]{2,6}\s+)?(?:\d{1,2}[.、．]\s*)?([^\d\s（(][^\t]*?[^\s\d（(]?)\s*[（(]([^）)]{1,12})[）)](?=[\s\d—\-−〔[［<>≤≥＜＞约.]|$)\s*(.*)$/;

/** The name, unit and value text of a row: the unit in parentheses after the name, or its own column. */
function splitNameUnit(row: string, header: TableHeader): { name: string; unit: string; rest: string } | null {
	const m = row.match(NAME_UNIT);
	if (m) return { name: m[1].trim().replace(CATEGORY, ''), unit: m[2].trim(), rest: m[3] };
	if (!header.columns.includes('unit')) return null;
	const cells = row.split(/\t+|\s{2,}|\s(?=\S)/).map((c) => c.trim()).filter(Boolean);
	const nameAt = cells.findIndex((cell) => /[\u4e00-\u9fa5]{2}/.test(cell) && !CATEGORY_ONLY.test(cell));
	if (nameAt < 0 || nameAt + 1 >= cells.length) return null;
	const name = cells[nameAt].replace(/^\d{1,2}[.、．]\s*/, '');
	return { name, unit: cells[nameAt + 1], rest: cells.slice(nameAt + 2).join('\t') };
}

const CATEGORY = /^(经济发展|创新驱动|民生福祉|绿色生态|安全保障|生态环境|经济增长|结构调整|社会发展|资源环境)\s*/;
const CATEGORY_ONLY = /^(经济发展|创新驱动|民生福祉|绿色生态|安全保障|生态环境|经济增长|结构调整|社会发展|资源环境)$/;

/** Splits a row's value cells, taking run-together numbers apart ("2347.6-8%" -> "2347.6", "-8%"). */
function valueCells(rest: string): string[] {
	return rest
		.split(/[\t ]+|\s{2,}/)
		.flatMap((cell) => cell.match(/[〔[［(（]?约?[<>≤≥＜＞]?[-+−]?[\d.]+[%％]?\*?[〕\]］)）]?(?:以上|以下|以内|左右)?|[^\d〔[［(（<>≤≥＜＞\-+−约]+|约/g) ?? [])
		.map((cell) => cell.trim())
		.filter((cell) => cell.length > 0);
}

/** Reads one table row into a target, null when the row states no target value. @example readTableRow('森林覆盖率（%）\t23.2\t24.1', header).value === 24.1 */
export function readTableRow(row: string, header: TableHeader): Omit<ProposedTarget, 'clause'> | null {
	const parts = splitNameUnit(row, header);
	if (!parts) return null;
	const { name, unit } = parts;
	let cells = valueCells(parts.rest);
	const valueColumns = header.columns.filter((c) => c !== 'unit');
	// Run-together: one cell with two decimal points holds base and target.
	const glued = cells.findIndex((cell) => /^\d+\.\d+\.?\d*\.\d+$|^\d+\.\d+\d*\.\d+$/.test(cell) && (cell.match(/\./g) ?? []).length === 2);
	if (glued >= 0 && header.baseYear !== null) {
		const change = cells.slice(glued + 1).map(readNumberCell).find((c) => c?.percent) ?? null;
		const years = header.targetYear - header.baseYear;
		const split = splitRunTogether(cells[glued], change ? change.value : null, years > 0 ? years : null);
		if (split) cells = [...cells.slice(0, glued), String(split[0]), String(split[1]), ...cells.slice(glued + 1)];
	}
	const at = (column: 'base' | 'target' | 'change') => {
		// Several year columns ("2023年 2024年 2025年"): the last is the target year.
		const i = column === 'target' ? valueColumns.lastIndexOf(column) : valueColumns.indexOf(column);
		return i >= 0 && i < cells.length ? readNumberCell(cells[i]) : null;
	};
	const target = at('target');
	const change = at('change');
	const base = at('base');
	const chosen = target ?? (change && changeIsTarget(change, name) ? change : null);
	if (!chosen) return null;
	const falling = /(降低|下降|减少)/.test(name) || (change !== null && change.value < 0 && chosen === target);
	const comparator: Comparator = chosen.sign ?? (falling && chosen === target && !/(降低|下降|减少)/.test(name) ? '<=' : '>=');
	return {
		quote: row,
		indicator: name,
		comparator,
		value: Math.abs(chosen.value) === chosen.value ? chosen.value : Math.abs(chosen.value),
		max: null,
		unit: unit === '％' ? '%' : unit,
		deadline: header.targetYear ? isoDate(header.targetYear, 12, 31) : null,
		deadlineBasis: header.targetYear ? 'stated' : null,
		kind: /(比重|占比|比例)/.test(name) && unit === '%' ? 'share' : 'level',
		baseline: base && header.baseYear && chosen === target ? { value: base.value, date: isoDate(header.baseYear, 12, 31) } : null,
		shareOf: null,
		confidence: 0.7
	};
}

/**
 * Finds indicator tables in a clause's text and reads their rows. A header may stand on one line
 * or one cell per line; rows may also come one cell per line, which are joined until the next name.
 * @example readIndicatorTables('指标 2010年 2015年 变化\n化学需氧量排放总量（万吨）2551.72347.6-8%')[0].value === 2347.6
 */
export function readIndicatorTables(text: string): Array<Omit<ProposedTarget, 'clause'>> {
	const lines = text.split('\n');
	const out: Array<Omit<ProposedTarget, 'clause'>> = [];
	let header: TableHeader | null = null;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].trim();
		if (NAME_HEADING.test(line)) {
			const column = readColumnTable(lines, i);
			if (column) {
				out.push(...column.rows);
				header = null;
				i = column.end;
				continue;
			}
		}
		// A header and rows whose cells are tab-separated: read cell by cell too, so a verb in a cell
		// ("提高1岁") or a second parenthesis in a name ("执业（助理）医师数（人）") cannot shift columns.
		const cellsOf = (row: string) => row.split(/\t+|\s*[|｜]\s*/).map((cell) => cell.trim()).filter(Boolean);
		const tabCells = cellsOf(line);
		if (tabCells.length >= 3 && tabCells.some((cell) => /指\s*标/.test(cell)) && cellsOf(lines[i + 1] ?? '').length >= 2) {
			const column = readColumnTable(lines, i, tabCells);
			if (column) {
				out.push(...column.rows);
				header = null;
				i = column.end;
				continue;
			}
		}
		// A table title ("…主要指标表") over a header given cell by cell is left to readColumnTable.
		if (/指标/.test(line) && line.length < 80 && !/[。；]/.test(line) && !lines.slice(i + 1, i + 3).some((next) => NAME_HEADING.test(next.trim()))) {
			// The header's cells, on this line or on the short lines after it.
			let cells = line.split(/[\t ]+/).filter(Boolean);
			let j = i;
			while (cells.length < 3 && j + 1 < lines.length && lines[j + 1].length <= 12 && !/[（(]/.test(lines[j + 1])) {
				cells = [...cells, lines[++j].trim()];
			}
			while (j + 1 < lines.length && lines[j + 1].length <= 12 && /^(\d{4}年|属性|单位|年均|累计|目标值|基期值|现状值|指标属性)/.test(lines[j + 1])) cells.push(lines[++j].trim());
			const found = readTableHeader(cells);
			if (found) {
				header = found;
				i = j;
				continue;
			}
		}
		if (!header) continue;
		if (/[。]$/.test(line) && line.length > 40) {
			header = null;
			continue;
		}
		// A row split over lines: its name line, then value cells, until the next name.
		let row = line;
		let rowEnd = i;
		const next = lines[i + 1]?.trim() ?? '';
		if (header.columns.includes('unit') && !/[（(]/.test(line) && next.length > 0 && next.length <= 8 && !isValueCell(next)) row = `${row}\n${lines[++rowEnd].trim()}`;
		// Join value cells up to the header's count, so the next row's number stays with its row.
		const wanted = header.columns.filter((c) => c !== 'unit').length;
		let joined = 0;
		while (rowEnd + 1 < lines.length && joined < wanted && isValueCell(lines[rowEnd + 1].trim())) {
			row = `${row}\n${lines[++rowEnd].trim()}`;
			joined++;
		}
		const target = readTableRow(row.replace(/\n/g, '\t'), header);
		if (target) {
			out.push({ ...target, quote: lines.slice(i, rowEnd + 1).join('\n') });
			i = rowEnd;
		}
	}
	return out;
}

/**
 * With no target-year value, the change column holds the commitment when it is a total over the
 * period ("〔13.5〕"), carries a sign ("<5.5", ">7"), or the row names a change ("地区生产总值增长（%）
 * — — 6左右").
 */
function changeIsTarget(change: { bracketed: boolean; sign: Comparator | null }, name: string): boolean {
	return change.bracketed || change.sign !== null || /(增长|增速|降低|下降|提高|减少)/.test(name);
}

function isValueCell(cell: string): boolean {
	return cell.length > 0 && (readNumberCell(cell) !== null || /^(预期性|约束性|—+|-+|…|[（(][^）)]{1,8}[）)])$/.test(cell));
}

// ---------------------------------------------------------------- one cell per line

/** The name column's heading standing alone on its line, as web copies give a table cell by cell ("指  标", "主要指标 |"). */
const NAME_HEADING = /^[|｜\s]*(指\s*标|主\s*要\s*指\s*标|指\s*标\s*名\s*称|具体指标|指标项)[|｜\s]*$/;
/** Header cells that may come before the name column ("类别", "序号"). */
const LEADING_HEADING = /^(类别|序号|领域|维度|分类|类型|板块)$/;
/** Header cells after it: years, base and target values, change, attribute, unit, and the source or owner. */
const HEADING = /^(\d{4}年.{0,6}|基期值?|现状值?|基准值?|基数|目标值?|规划目标|预期目标|年均.{0,6}|累计.{0,6}|.{0,8}增长.{0,4}|属性|指标属性|性质|单位|计量单位|来源|数据来源|责任单位|牵头单位|责任部门|牵头部门|备注)([（(][^（）()]{1,16}[）)])?$/;
const ATTRIBUTE_CELL = /^(预期性|约束性|预期|约束)(指标)?$/;
// "一" alone is a dash as an exam page or a scan retypes it (粮食综合生产能力 | 一 | >6.5).
const PLACEHOLDER_CELL = /^(\/|／|—+|-+|－+|…+|无|\*|×|一)$/;
/** A value cell: a number with its sign, bracket, range, unit and 以上 / 以下 ("12.3年以上", "〔13.5〕", "3-5", "≥95%"). */
const VALUE_CELL =
	/^([〔[［(（])?(约)?([<>≤≥＜＞])?([-+−]?\d+(?:\.\d+)?)(?:\s*[-~～至—]\s*(\d+(?:\.\d+)?))?\s*([%％‰‱]|(?!以上|以下|以内|左右|及以)[\u4e00-\u9fa5]{1,3}?(?:\/[\u4e00-\u9fa5]{1,3})?)?\*?(?:[〕\]］)）])?(以上|及以上|以下|及以下|以内|左右)?$/;

/** A unit column's cell: units only ("%", "亿元", "万吨标准煤", "微克/立方米", "个百分点"), so a row without one keeps its name. */
const UNIT_CELL = /^([%％‰‱℃㎡㎞a-zA-Z²³/·]|[个家项亿万千百十元米吨人张床所座台套户次条年天月日时小度顷亩里平方立克斤辆件块部本册标准煤瓦箱位名处只批篇秒分钟周岁倍栋间微毫升公点级类美元]){1,8}$/;

interface ValueCell {
	value: number;
	max: number | null;
	sign: Comparator | null;
	bracketed: boolean;
	unit: string | null;
}

/** Reads a value cell of a table given one cell per line. @example readValueCell('12.3年以上') -> { value: 12.3, unit: '年', sign: '>=', … } */
export function readValueCell(cell: string): ValueCell | null {
	// "提高1岁", "下降10%", "控制在5.5%以内": a change or a bound written with its verb.
	const verb = cell.match(/^(提高|提升|增加|增长|下降|降低|减少|达到|超过|不低于|不少于|不超过|控制在|稳定在|保持在|保持)/)?.[0] ?? '';
	const m = cell.slice(verb.length).replace(/\s+/g, '').match(VALUE_CELL);
	if (!m) return null;
	const [, bracket, about, sign, value, max, unit, words] = m;
	const verbSign: Comparator | null = /^(不超过|控制在)$/.test(verb) ? '<=' : /^(稳定在|保持在|保持)$/.test(verb) ? '=' : verb ? '>=' : null;
	const comparator: Comparator | null = max
		? 'between'
		: /[<＜≤]/.test(sign ?? '') || /以下|以内/.test(words ?? '')
			? '<='
			: /[>＞≥]/.test(sign ?? '') || /以上/.test(words ?? '')
				? '>='
				: about || words === '左右'
					? '='
					: verbSign;
	// A change ("提高1岁") counts from the base; it is not a level beside it.
	const change = /^(提高|提升|增加|增长|下降|降低|减少)$/.test(verb);
	return { value: Number(value.replace('−', '-')), max: max ? Number(max) : null, sign: comparator, bracketed: !!bracket || change, unit: unit ? unit.replace('％', '%') : null };
}

interface Cell {
	text: string;
	line: number;
}

/**
 * Reads a table a web copy gives one cell per line, starting at its name heading (line `at`): the
 * header's cells, then rows as name cells (a category or section cell before them is dropped), an
 * optional unit cell, value cells and attribute / source cells. A row holding more value cells than
 * the header has value columns is a row with sub-rows ("其中：小学 / 初中" with 4 values for 2 years):
 * its values run column by column. Null when no header with a target column stands there.
 */
function readColumnTable(lines: string[], at: number, lineCells: string[] | null = null): { rows: Array<Omit<ProposedTarget, 'clause'>>; end: number } | null {
	const bare = (line: string) => line.replace(/^[|｜\s]+|[|｜\s]+$/g, '').replace(/\s+/g, '');
	const headerCells: string[] = lineCells ? lineCells.map(bare) : [];
	let j = at;
	if (!lineCells) {
		for (let back = at - 1; back >= Math.max(0, at - 2) && LEADING_HEADING.test(bare(lines[back])); back--) headerCells.unshift(bare(lines[back]));
		headerCells.push('指标');
		while (j + 1 < lines.length && HEADING.test(bare(lines[j + 1]))) headerCells.push(bare(lines[++j]));
	}
	if (headerCells.length < 3) return null;
	const header = readTableHeader(headerCells);
	if (!header) return null;
	const valueColumns = header.columns.filter((c) => c === 'base' || c === 'target' || c === 'change');
	const lastValueColumn = Math.max(...header.columns.map((c, i) => (c === 'base' || c === 'target' || c === 'change' ? i : -1)));
	const trailing = header.columns.slice(lastValueColumn + 1).filter((c) => c === 'other').length;
	const hasUnit = header.columns.includes('unit');

	const rows: Array<Omit<ProposedTarget, 'clause'>> = [];
	let texts: Cell[] = [];
	let values: Cell[] = [];
	let end = j;
	const finish = (lastLine: number | null = null) => {
		if (values.length > 0) rows.push(...columnRows(texts, values, header, valueColumns, hasUnit, lines, lastLine ?? values.at(-1)!.line));
		texts = [];
		values = [];
	};
	for (let i = j + 1; i < lines.length; i++) {
		const line = lines[i].trim();
		// The table ends at prose: a sentence, or a long line that is not a row of cells.
		if (!/[\t|｜]/.test(line) && (/[。；]$/.test(line) || (line.length > 40 && /[，。]/.test(line)))) break;
		end = i;
		for (const whole of line.split(/\t+|\s*[|｜]\s*|\s{2,}/).map((cell) => cell.trim()).filter(Boolean)) {
			// ">7、力争投入强度高于…": the signed number leads; the words qualify it.
			const text = whole.match(/^[<>≤≥＜＞]\s*\d+(?:\.\d+)?[%％]?(?=[、，；])/)?.[0] ?? whole;
			const cell = { text, line: i };
			// The attribute closes its row and stands in its quote.
			if (ATTRIBUTE_CELL.test(text)) finish(i);
			else if (readValueCell(text) || PLACEHOLDER_CELL.test(text)) values.push(cell);
			else if (values.length > 0) {
				const owner = trailing > 0;
				finish();
				// A source or owner column after the values belongs to the row just read.
				if (!owner) texts.push(cell);
			} else texts.push(cell);
		}
	}
	finish();
	return rows.length > 0 ? { rows, end } : null;
}

/** The targets of one row read cell by cell (several when it has sub-rows). */
function columnRows(
	texts: Cell[],
	values: Cell[],
	header: TableHeader,
	valueColumns: TableHeader['columns'],
	hasUnit: boolean,
	lines: string[],
	lastLine: number
): Array<Omit<ProposedTarget, 'clause'>> {
	let unitCell: string | null = null;
	let names = texts;
	if (hasUnit && texts.length > 1 && UNIT_CELL.test(texts.at(-1)!.text)) {
		unitCell = texts.at(-1)!.text;
		names = texts.slice(0, -1);
	}
	if (names.length === 0) return [];
	const c = valueColumns.length;
	const k = values.length > c && values.length % c === 0 && values.length / c <= names.length ? values.length / c : 1;
	const subRows = names.slice(-k);
	// "其中：…" names a part: the quote starts at the whole it belongs to.
	const first = texts.indexOf(subRows[0]);
	const quoteFrom = /^其中/.test(subRows[0].text) && first > 0 ? texts[first - 1] : subRows[0];
	const quote = lines.slice(quoteFrom.line, lastLine + 1).join('\n');
	const parent = texts[Math.max(0, first - 1)];
	const out: Array<Omit<ProposedTarget, 'clause'>> = [];
	subRows.forEach((nameCell, r) => {
		const at = (column: 'base' | 'target' | 'change') => {
			const i = column === 'target' ? valueColumns.lastIndexOf(column) : valueColumns.indexOf(column);
			return i >= 0 && i * k + r < values.length ? readValueCell(values[i * k + r].text) : null;
		};
		const target = at('target');
		const change = at('change');
		const chosen = target ?? (change && changeIsTarget(change, nameCell.text) ? change : null);
		if (!chosen) return;
		const base = chosen === target && !chosen.bracketed ? at('base') : null;
		const nameUnit = (cell: Cell) => cell.text.match(/[（(]([^（）()]{1,10})[）)]\s*$/)?.[1] ?? null;
		// A rate or share with no unit written is a percentage.
		const unit = unitCell ?? nameUnit(nameCell) ?? nameUnit(parent) ?? chosen.unit ?? (/(率|比例|比重|占比)$/.test(nameCell.text) ? '%' : '');
		const name = nameCell.text
			.replace(/^(\d{1,2}[.、．]|[（(]\d{1,2}[）)])\s*/, '')
			.replace(/^其中[：:]?/, '')
			.replace(/\s*[（(][^（）()]{1,10}[）)]\s*$/, '')
			// A name wrapped inside its cell ("农产品质量安全例行监测合格 率").
			.replace(/(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])/g, '');
		const falling = /(降低|下降|减少|压减)/.test(name);
		// Below its baseline, a target is a ceiling (死亡率, 排放量), unless the name counts the fall.
		const ceiling = !falling && base !== null && chosen.value < base.value;
		out.push({
			quote,
			indicator: name,
			comparator: chosen.sign ?? (ceiling || chosen.value === 0 ? '<=' : '>='),
			value: Math.abs(chosen.value),
			max: chosen.max,
			unit: unit === '％' ? '%' : unit,
			// "目标值" with no year: the plan's end is filled in by the clause reader.
			deadline: header.targetYear ? isoDate(header.targetYear, 12, 31) : null,
			deadlineBasis: header.targetYear ? 'stated' : null,
			kind: /(比重|占比|比例)/.test(name) && unit === '%' ? 'share' : 'level',
			baseline: base && header.baseYear ? { value: base.value, date: isoDate(header.baseYear, 12, 31) } : null,
			shareOf: null,
			confidence: 0.7
		});
	});
	return out;
}
