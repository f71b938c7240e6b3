/**
 * Checking an import table row by row, before anything is written: which column is which (Chinese
 * or English headers, with a suggestion for a typo), and for each row whether it is new, a
 * correction, unchanged, or an error pinned to its row and column. Pure: the database's current
 * figures come in as a lookup.
 */
import { parsePeriod, parseQuantity, type EntryError } from './entry';
import { OBSERVATION_BASES, PROVENANCES, type Frequency, type ObservationBasis, type Provenance } from './plan';

export const IMPORT_COLUMNS = ['indicator', 'period', 'basis', 'value', 'provenance', 'source', 'note', 'reason'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: ImportColumn[] = ['indicator', 'period', 'value', 'provenance'];

/** Header words accepted for each column, in both languages. */
const HEADER_WORDS: Record<ImportColumn, string[]> = {
	indicator: ['indicator', '指标', '指标代码'],
	period: ['period', '时期', '期间'],
	basis: ['basis', '口径'],
	value: ['value', '数值', '值'],
	provenance: ['provenance', '数据性质', '性质'],
	source: ['source', '来源', '来源代码'],
	note: ['note', '备注'],
	reason: ['reason', '原因', '修正原因']
};

export interface ImportIssue {
	/** 1-based row of the file (the header is row 1); 0 for the file as a whole. */
	row: number;
	column: ImportColumn | string | null;
	code: EntryError['code'] | 'unknown_column' | 'missing_column' | 'duplicate_column' | 'unknown_indicator' | 'unknown_basis' | 'unknown_provenance' | 'unknown_source' | 'duplicate_row' | 'no_rows';
	params?: Record<string, string>;
}

function editDistance(a: string, b: string): number {
	const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
	for (let j = 1; j <= b.length; j++) d[0][j] = j;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
	}
	return d[a.length][b.length];
}

/** Maps header cells to columns; unknown headers are errors with the nearest known word suggested. */
export function readHeader(cells: string[]): { columns: (ImportColumn | null)[]; issues: ImportIssue[] } {
	const issues: ImportIssue[] = [];
	const seen = new Set<ImportColumn>();
	const columns = cells.map((raw, index) => {
		const cell = raw.trim().toLowerCase();
		if (!cell) return null;
		const column = IMPORT_COLUMNS.find((c) => HEADER_WORDS[c].includes(cell));
		if (!column) {
			const nearest = IMPORT_COLUMNS.flatMap((c) => HEADER_WORDS[c].map((w) => ({ c, w, d: editDistance(cell, w) }))).sort((x, y) => x.d - y.d)[0];
			issues.push({ row: 1, column: raw, code: 'unknown_column', params: { header: raw, position: String(index + 1), suggestion: nearest.d <= 2 ? nearest.w : 'none' } });
			return null;
		}
		if (seen.has(column)) issues.push({ row: 1, column, code: 'duplicate_column', params: { header: raw } });
		seen.add(column);
		return column;
	});
	for (const c of REQUIRED) if (!seen.has(c)) issues.push({ row: 1, column: c, code: 'missing_column', params: { column: c } });
	return { columns, issues };
}

export interface IndicatorLookup {
	unit: string;
	frequency: Frequency;
}

export interface CurrentFigure {
	observationId: number;
	version: number;
	value: number | null;
	provenance: Provenance;
	sourceId: string | null;
}

export type RowStatus = 'new' | 'correction' | 'unchanged' | 'error';

export interface CheckedRow {
	row: number;
	status: RowStatus;
	cells: Partial<Record<ImportColumn, string>>;
	issues: ImportIssue[];
	figure?: {
		indicatorId: string;
		period: string;
		periodStart: string;
		periodEnd: string;
		basis: ObservationBasis;
		value: number;
		provenance: Provenance;
		sourceId: string | null;
		note: string | null;
		reason: string | null;
		/** For a correction: the version it replaces (checked again at commit). */
		replaces?: { observationId: number; version: number };
	};
}

export interface RowContext {
	indicators: Map<string, IndicatorLookup>;
	sources: Set<string>;
	/** The current figure for indicator|periodStart|periodEnd|basis, if any. */
	current: (key: string) => CurrentFigure | undefined;
}

export const figureKey = (indicatorId: string, periodStart: string, periodEnd: string, basis: string) => `${indicatorId}|${periodStart}|${periodEnd}|${basis}`;

/** Checks data rows (after the header); row numbers count the header as row 1. */
export function checkRows(rows: string[][], columns: (ImportColumn | null)[], context: RowContext): CheckedRow[] {
	const firstRowOf = new Map<string, number>();
	const checked: CheckedRow[] = [];
	rows.forEach((cellsIn, index) => {
		const row = index + 2;
		const cells: Partial<Record<ImportColumn, string>> = {};
		columns.forEach((c, i) => {
			if (c) cells[c] = (cellsIn[i] ?? '').trim();
		});
		if (Object.values(cells).every((v) => !v)) return; // blank line
		const issues: ImportIssue[] = [];
		const issue = (column: ImportColumn, code: ImportIssue['code'], params?: Record<string, string>) => issues.push({ row, column, code, params });
		for (const [column, value] of Object.entries(cells)) if (value?.startsWith('=')) issue(column as ImportColumn, 'formula');
		const indicatorId = cells.indicator ?? '';
		const indicator = context.indicators.get(indicatorId);
		if (!indicatorId) issue('indicator', 'empty');
		else if (!indicator) issue('indicator', 'unknown_indicator', { indicator: indicatorId });
		const basis = (cells.basis || 'period') as ObservationBasis;
		if (!OBSERVATION_BASES.includes(basis)) issue('basis', 'unknown_basis', { basis: cells.basis ?? '' });
		const provenance = cells.provenance as Provenance;
		if (!PROVENANCES.includes(provenance)) issue('provenance', cells.provenance ? 'unknown_provenance' : 'empty', { provenance: cells.provenance ?? '' });
		const sourceId = cells.source || null;
		if (sourceId && !context.sources.has(sourceId)) issue('source', 'unknown_source', { source: sourceId });
		if (!sourceId && (provenance === 'official' || provenance === 'provisional')) issue('source', 'source_required');
		const period = indicator && OBSERVATION_BASES.includes(basis) ? parsePeriod(cells.period ?? '', indicator.frequency, basis) : null;
		if (period && !period.ok && !issues.some((i) => i.column === 'period')) issue('period', period.error.code, period.error.params);
		const value = indicator ? parseQuantity(cells.value ?? '', indicator.unit) : null;
		if (value && !value.ok && !issues.some((i) => i.column === 'value')) issue('value', value.error.code, value.error.params);

		if (issues.length || !indicator || !period?.ok || !value?.ok) {
			checked.push({ row, status: 'error', cells, issues });
			return;
		}
		const key = figureKey(indicatorId, period.value.periodStart, period.value.periodEnd, basis);
		const earlier = firstRowOf.get(key);
		if (earlier) {
			checked.push({ row, status: 'error', cells, issues: [{ row, column: 'period', code: 'duplicate_row', params: { row: String(earlier) } }] });
			return;
		}
		firstRowOf.set(key, row);
		const figure = { indicatorId, ...period.value, basis, value: value.value, provenance, sourceId, note: cells.note || null, reason: cells.reason || null };
		const current = context.current(key);
		if (!current || current.value === null) {
			checked.push({ row, status: 'new', cells, issues, figure: current ? { ...figure, replaces: { observationId: current.observationId, version: current.version } } : figure });
		} else if (current.value === figure.value && current.provenance === figure.provenance && current.sourceId === figure.sourceId) {
			checked.push({ row, status: 'unchanged', cells, issues, figure });
		} else {
			checked.push({ row, status: 'correction', cells, issues, figure: { ...figure, replaces: { observationId: current.observationId, version: current.version } } });
		}
	});
	return checked;
}

/** A spreadsheet column's letters. @example columnLetters(1) === 'A'; columnLetters(16384) === 'XFD' */
export function columnLetters(column: number): string {
	let letters = '';
	for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	return letters;
}
