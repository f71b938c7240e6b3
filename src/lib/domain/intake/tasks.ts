/**
 * Tasks of a plan: rows of a task table (任务分解表: 序号, 任务, 责任单位, 完成时限) and measures that
 * name their responsible units. Pure.
 *
 * In text copies of a table the cells come one per line, or several to a line separated by tabs or
 * runs of spaces. A row starts with its number alone; the cells after it are, in order, the task
 * text, the units (short, a list of organisations) and the deadline (a date or "持续推进"). Lines
 * between rows that are none of these are group headings (the 重点任务 column), which title the
 * rows under them.
 */
import type { ExtractedClause, ExtractedTask } from './extraction';
import { findDeadlines } from './deadlines';
import { chineseNumeral } from './numbers';

const HEADER_CELL = /^(序号|编号|重点任务|主要任务|任务|具体工作|工作任务|任务内容|工作内容|工作措施|主要内容|责任单位|责任部门|牵头单位|牵头部门|配合单位|配合部门|完成时限|完成时间|时间节点|时间安排|进度安排|备注)$/;
const ORG = /(委|局|办|政府|中心|公司|集团|院|所|部|厅|会|室|处|署|行|队|站|街道|镇|园区|新片区)(等)?$/;
const DEADLINE_CELL = /^(\d{4}年.*|持续推进|长期坚持|长期|持续开展|每年|逐年推进|.*(底前|年前|月前|以前))$/;

/** True for a cell that lists organisations: "区科经委、张江管理局、保税区管理局等". @example isUnitsCell('区科经委、张江管理局等') === true */
export function isUnitsCell(cell: string): boolean {
	if (cell.length > 120 || /[。；]/.test(cell)) return false;
	const parts = cell.split(/[、，,；;\s]+/).filter(Boolean);
	return parts.length > 0 && parts.every((part) => part.length <= 24 && ORG.test(part.replace(/^(牵头|配合|责任)(单位|部门)?[：:]/, '')));
}

/**
 * Reads the rows of task tables in a clause's text (usually an appendix).
 * @example readTaskTable({ path: '附件', text: '序号\n任务\n责任单位\n1\n推进X建设。\n区科经委、区发改委', … })[0].units -> ['区科经委', '区发改委']
 */
export function readTaskTable(clause: ExtractedClause): ExtractedTask[] {
	const lines = clause.text.split('\n').flatMap((line) => line.split(/\t+|\s{2,}/)).map((c) => c.trim()).filter(Boolean);
	const headerAt = lines.findIndex((line, i) => line === '序号' && lines.slice(i + 1, i + 5).some((cell) => HEADER_CELL.test(cell)));
	if (headerAt < 0) return [];
	const tasks: ExtractedTask[] = [];
	let group: string | null = null;
	let row: { number: number; cells: string[] } | null = null;
	const finish = () => {
		if (row) tasks.push(rowToTask(clause, row.number, row.cells, group));
		row = null;
	};
	let expected = 1;
	for (const cell of lines.slice(headerAt + 1)) {
		if (HEADER_CELL.test(cell) && row === null) continue;
		const number = /^\d{1,3}$/.test(cell) ? Number(cell) : null;
		if (number === expected) {
			finish();
			row = { number, cells: [] };
			expected++;
			continue;
		}
		// A run-together row: "1推进…。区科经委、区发改委".
		const glued = cell.match(/^(\d{1,3})([^\d年].*)$/);
		if (glued && Number(glued[1]) === expected && !row?.cells.length) {
			finish();
			row = { number: expected, cells: [glued[2]] };
			expected++;
			continue;
		}
		if (row === null) {
			group = cell;
			continue;
		}
		const filled: { number: number; cells: string[] } = row;
		const done = filled.cells.some(isUnitsCell) && (filled.cells.some((c) => DEADLINE_CELL.test(c)) || !DEADLINE_CELL.test(cell));
		if (done && !isUnitsCell(cell) && !DEADLINE_CELL.test(cell) && filled.cells.length >= 2) {
			finish();
			group = cell;
			continue;
		}
		filled.cells.push(cell);
	}
	finish();
	return tasks;
}

function rowToTask(clause: ExtractedClause, number: number, cells: string[], group: string | null): ExtractedTask {
	const unitsCell = [...cells].reverse().find(isUnitsCell) ?? null;
	const deadlineCell = cells.find((c) => DEADLINE_CELL.test(c) && c !== unitsCell) ?? null;
	const textCells = cells.filter((c) => c !== unitsCell && c !== deadlineCell);
	const text = textCells.join('');
	const deadline = deadlineCell ? (findDeadlines(deadlineCell).at(-1)?.date ?? findDeadlines(`到${deadlineCell}`).at(-1)?.date ?? null) : null;
	return {
		clause: `${clause.path}`,
		number,
		title: textCells.length > 1 ? textCells[0] : (group ?? firstSentence(text)),
		text,
		units: unitsCell ? splitUnits(unitsCell) : [],
		deadline
	};
}

function firstSentence(text: string): string {
	const stop = text.search(/[。；]/);
	return stop > 0 ? text.slice(0, stop) : text;
}

/** "区科经委、张江管理局等" -> ["区科经委", "张江管理局"]. @example splitUnits('区科经委、区财政局等') -> ['区科经委', '区财政局'] */
export function splitUnits(cell: string): string[] {
	return cell
		.split(/[、，,；;\s]+/)
		.map((part) => part.replace(/^(牵头|配合|责任)(单位|部门)?[：:]/, '').replace(/等$/, ''))
		.filter(Boolean);
}

/** The number a label carries: "（三十七）" -> 37, "5." -> 5, "第三条" -> 3. */
function labelNumber(label: string): number | null {
	const digits = label.match(/\d+/);
	if (digits) return Number(digits[0]);
	const numeral = label.match(/[一二三四五六七八九十百]+/);
	return numeral ? chineseNumeral(numeral[0]) : null;
}

/** A measure that names its responsible units becomes a task of its clause. @example measureTasks([clause with units ['市科委']])[0].units -> ['市科委'] */
export function measureTasks(clauses: ExtractedClause[]): ExtractedTask[] {
	return clauses
		.filter((clause) => clause.units.length > 0)
		.map((clause) => ({
			clause: clause.path,
			number: labelNumber(clause.labels.at(-1) ?? ''),
			title: clause.heading ?? firstSentence(clause.text),
			text: clause.text.replace(/（(?:责任|牵头|配合)(?:单位|部门)[：:][^）]*）/g, '').trim(),
			units: clause.units,
			deadline: findDeadlines(clause.text).at(-1)?.date ?? null
		}));
}
