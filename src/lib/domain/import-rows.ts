/**
 * Checking an import table row by row, before anything is written: which column is which (Chinese
 * or English headers, with a suggestion for a typo), and for each row whether it is new, a
 * correction, unchanged, or an error pinned to its row and column. Pure: the database's current
 * figures come in as a lookup.
 *
 * A file says things the way Pacer's pages show them or by code, in either language: an indicator
 * by id or by name, basis, provenance and flags by code or by label, a source by id, by the label
 * the pages show or by its link. So a target's figures export (figures.csv/xlsx) imports as it is,
 * and editing one value in it corrects exactly that figure (see README "Importing figures").
 */
import { entryConfirmations, FIRST_YEAR, LAST_YEAR, parsePeriod, parseQuantity, type EntryConfirmation, type EntryError } from './entry';
import { keptNote } from './provenance';
import { OBSERVATION_BASES, OBSERVATION_FLAGS, PROVENANCES, type Frequency, type Locale, type ObservationBasis, type ObservationFlag, type Provenance } from './plan';

/** The template's columns: what a person writes by hand. */
export const IMPORT_COLUMNS = ['indicator', 'period', 'basis', 'value', 'provenance', 'source', 'note', 'reason'] as const;
/** Columns a target's figures export adds; read back so the exported file imports unedited. */
export const EXPORT_COLUMNS = ['start', 'end', 'unit', 'sourceLink', 'flags', 'version'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number] | (typeof EXPORT_COLUMNS)[number];
const ALL_COLUMNS: readonly ImportColumn[] = [...IMPORT_COLUMNS, ...EXPORT_COLUMNS];
const REQUIRED: ImportColumn[] = ['indicator', 'period', 'value', 'provenance'];

/** The header Pacer writes for each column (template and figures export), per language. */
export const COLUMN_HEADERS: Record<Locale, Record<ImportColumn, string>> = {
	zh: { indicator: '指标', period: '时期', basis: '口径', value: '数值', provenance: '数据性质', source: '来源', note: '备注', reason: '原因', start: '开始', end: '结束', unit: '单位', sourceLink: '来源链接', flags: '注记', version: '版本' },
	en: { indicator: 'indicator', period: 'period', basis: 'basis', value: 'value', provenance: 'provenance', source: 'source', note: 'note', reason: 'reason', start: 'start', end: 'end', unit: 'unit', sourceLink: 'source link', flags: 'flags', version: 'version' }
};

/** Other header words people use for the same columns. */
const SYNONYMS: Partial<Record<ImportColumn, string[]>> = {
	indicator: ['指标代码', '指标名称', 'indicator id', 'indicator name'],
	period: ['期间'],
	value: ['值'],
	provenance: ['性质'],
	source: ['来源代码', 'source id'],
	reason: ['修正原因'],
	start: ['开始日期', 'period start'],
	end: ['结束日期', 'period end'],
	sourceLink: ['链接', 'source url', 'url']
};

const HEADER_WORDS = Object.fromEntries(ALL_COLUMNS.map((c) => [c, [COLUMN_HEADERS.zh[c], COLUMN_HEADERS.en[c], ...(SYNONYMS[c] ?? [])]])) as Record<ImportColumn, string[]>;

/** Headers of the explorer's export: a table of targets, not of figures, so it cannot be imported. */
export const EXPLORE_EXPORT_HEADERS: Record<Locale, string[]> = {
	zh: ['目标代码', '目标', '规划', '部分', '状态', '判断依据', '最新值', '单位', '数据性质', '目标值', '期限', '达标概率'],
	en: ['target id', 'target', 'plan', 'section', 'status', 'verdict basis', 'latest value', 'unit', 'provenance', 'target value', 'deadline', 'probability of meeting']
};

export interface ImportIssue {
	/** 1-based row of the file (the header is row 1); 0 for the file as a whole. */
	row: number;
	column: ImportColumn | string | null;
	code:
		| EntryError['code']
		| 'unknown_column'
		| 'missing_column'
		| 'duplicate_column'
		| 'unknown_indicator'
		| 'unknown_basis'
		| 'unknown_provenance'
		| 'unknown_source'
		| 'duplicate_row'
		| 'no_rows'
		| 'ambiguous_indicator'
		| 'ambiguous_source'
		| 'unknown_flag'
		| 'bad_date'
		| 'period_mismatch'
		| 'bad_version'
		| 'changed_since_export'
		| 'explore_export';
	params?: Record<string, string>;
}

/** Issue codes whose messages came with the export round trip: they live under their own prefix. */
export const ROUND_TRIP_ISSUES: readonly ImportIssue['code'][] = [
	'ambiguous_indicator',
	'ambiguous_source',
	'unknown_flag',
	'bad_date',
	'period_mismatch',
	'bad_version',
	'changed_since_export',
	'explore_export',
	'unknown_basis',
	'unknown_provenance'
];

function editDistance(a: string, b: string): number {
	const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
	for (let j = 1; j <= b.length; j++) d[0][j] = j;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
	}
	return d[a.length][b.length];
}

/** How cells are compared with names and labels: case, outer and repeated spaces do not count. */
export const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** Maps header cells to columns; unknown headers are errors with the nearest known word suggested. */
export function readHeader(cells: string[]): { columns: (ImportColumn | null)[]; issues: ImportIssue[] } {
	const words = cells.map(normalise);
	// The explorer's export lists targets; said plainly rather than as a dozen unknown columns.
	if (words.some((w) => w === EXPLORE_EXPORT_HEADERS.zh[0] || w === EXPLORE_EXPORT_HEADERS.en[0])) {
		return { columns: cells.map(() => null), issues: [{ row: 1, column: null, code: 'explore_export' }] };
	}
	const issues: ImportIssue[] = [];
	const seen = new Set<ImportColumn>();
	const columns = cells.map((raw, index) => {
		const cell = words[index];
		if (!cell) return null;
		const column = ALL_COLUMNS.find((c) => HEADER_WORDS[c].includes(cell));
		if (!column) {
			const nearest = ALL_COLUMNS.flatMap((c) => HEADER_WORDS[c].map((w) => ({ c, w, d: editDistance(cell, w) }))).sort((x, y) => x.d - y.d)[0];
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

export interface SourceLookup {
	publishedOn: string;
}

/** Everything a cell may name, read once per file: ids, names and labels in both languages. */
export interface ImportVocabulary {
	indicators: Map<string, IndicatorLookup>;
	/** A normalised indicator name (zh or en) to the ids that carry it: two ids make it ambiguous. */
	indicatorNames: Map<string, string[]>;
	basis: Map<string, ObservationBasis>;
	provenance: Map<string, Provenance>;
	flags: Map<string, ObservationFlag>;
	sources: Map<string, SourceLookup>;
	/** A normalised source label (as pages show it) or link to the source ids that carry it. */
	sourceLabels: Map<string, string[]>;
	sourceLinks: Map<string, string[]>;
}

/** The labels pages show for each code, in every language (from the message catalogue). */
export interface ImportLabels {
	basis: Record<ObservationBasis, string[]>;
	provenance: Record<Provenance, string[]>;
	flags: Record<ObservationFlag, string[]>;
}

/** How the pages name a source; the figures export writes the same. */
export const sourceLabel = (s: { publisher: string; title: string; publishedOn: string }) => `${s.publisher}: ${s.title} (${s.publishedOn})`;

function addTo(map: Map<string, string[]>, key: string, id: string) {
	const k = normalise(key);
	if (!k) return;
	const ids = map.get(k) ?? [];
	if (!ids.includes(id)) ids.push(id);
	map.set(k, ids);
}

/** Codes and their labels, one map: a label is read as its code. */
function codesAndLabels<T extends string>(codes: readonly T[], labels: Record<T, string[]>): Map<string, T> {
	const map = new Map<string, T>();
	for (const code of codes) for (const word of [code, ...labels[code]]) map.set(normalise(word), code);
	return map;
}

/**
 * The vocabulary of a file's cells.
 * @example importVocabulary(indicators, sources, labels).indicatorNames.get('浦东生物医药产业规模') -> ['pd.scale']
 */
export function importVocabulary(
	indicators: { id: string; nameZh: string; nameEn: string | null; unit: string; frequency: Frequency }[],
	sources: { id: string; publisher: string; title: string; publishedOn: string; url: string }[],
	labels: ImportLabels
): ImportVocabulary {
	const indicatorNames = new Map<string, string[]>();
	for (const i of indicators) for (const name of [i.nameZh, i.nameEn ?? '']) addTo(indicatorNames, name, i.id);
	const sourceLabels = new Map<string, string[]>();
	const sourceLinks = new Map<string, string[]>();
	for (const s of sources) {
		addTo(sourceLabels, sourceLabel(s), s.id);
		addTo(sourceLinks, s.url, s.id);
	}
	return {
		indicators: new Map(indicators.map((i) => [i.id, { unit: i.unit, frequency: i.frequency }])),
		indicatorNames,
		basis: codesAndLabels(OBSERVATION_BASES, labels.basis),
		provenance: codesAndLabels(PROVENANCES, labels.provenance),
		flags: codesAndLabels(OBSERVATION_FLAGS, labels.flags),
		sources: new Map(sources.map((s) => [s.id, { publishedOn: s.publishedOn }])),
		sourceLabels,
		sourceLinks
	};
}

type Named = { id: string } | { error: 'unknown' } | { error: 'ambiguous'; ids: string[] };

/** An id first (ids are exact), then a name or label; two matches are refused, never guessed. */
function lookUp(cell: string, ids: { has(id: string): boolean }, names: Map<string, string[]>): Named {
	if (ids.has(cell)) return { id: cell };
	const found = names.get(normalise(cell));
	if (!found) return { error: 'unknown' };
	return found.length === 1 ? { id: found[0] } : { error: 'ambiguous', ids: found };
}

/** The indicator a cell names, when it names exactly one: which figures to read before checking. */
export function indicatorIdOf(vocabulary: ImportVocabulary, cell: string): string | null {
	const named = lookUp(cell.trim(), vocabulary.indicators, vocabulary.indicatorNames);
	return 'id' in named ? named.id : null;
}

export interface CurrentFigure {
	observationId: number;
	version: number;
	value: number | null;
	provenance: Provenance;
	sourceId: string | null;
	flags: ObservationFlag[];
	note: string | null;
}

export type RowStatus = 'new' | 'correction' | 'unchanged' | 'error';

export interface CheckedRow {
	row: number;
	status: RowStatus;
	cells: Partial<Record<ImportColumn, string>>;
	issues: ImportIssue[];
	/** What the entry rules would ask to confirm (period not ended, source too early); committing confirms. */
	warnings: EntryConfirmation[];
	figure?: {
		indicatorId: string;
		period: string;
		periodStart: string;
		periodEnd: string;
		basis: ObservationBasis;
		value: number;
		provenance: Provenance;
		sourceId: string | null;
		flags: ObservationFlag[];
		note: string | null;
		reason: string | null;
		/** For a correction: the version it replaces (checked again at commit). */
		replaces?: { observationId: number; version: number };
	};
}

export interface RowContext {
	vocabulary: ImportVocabulary;
	/** The current figure for indicator|periodStart|periodEnd|basis, if any. */
	current: (key: string) => CurrentFigure | undefined;
	/** Whether the importing user may record figures of this provenance (illustrative: admins only). */
	mayRecord: (provenance: Provenance) => boolean;
	/** Today in the deployment's zone, for the warnings. */
	today: string;
}

export const figureKey = (indicatorId: string, periodStart: string, periodEnd: string, basis: string) => `${indicatorId}|${periodStart}|${periodEnd}|${basis}`;

/** A day as spreadsheets write it: 2024-01-01, 2024/1/1 or 2024.1.1. */
function readDay(text: string): string | null {
	const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
	if (!m) return null;
	const [y, mo, d] = [+m[1], +m[2], +m[3]];
	const day = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	const valid = new Date(`${day}T00:00:00Z`);
	if (y < FIRST_YEAR || y > LAST_YEAR || Number.isNaN(valid.getTime()) || valid.toISOString().slice(0, 10) !== day) return null;
	return day;
}

const NO_IDS: ReadonlySet<string> = new Set();

const sameFlags = (a: ObservationFlag[], b: ObservationFlag[]) => a.length === b.length && a.every((f) => b.includes(f));

/** Checks data rows (after the header); row numbers count the header as row 1. */
export function checkRows(rows: string[][], columns: (ImportColumn | null)[], context: RowContext): CheckedRow[] {
	const { vocabulary } = context;
	const has = new Set(columns.filter((c): c is ImportColumn => c !== null));
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
		const error = () => checked.push({ row, status: 'error', cells, issues, warnings: [] });
		for (const [column, value] of Object.entries(cells)) if (value?.startsWith('=')) issue(column as ImportColumn, 'formula');

		const indicatorCell = cells.indicator ?? '';
		const named = indicatorCell ? lookUp(indicatorCell, vocabulary.indicators, vocabulary.indicatorNames) : null;
		const indicatorId = named && 'id' in named ? named.id : null;
		const indicator = indicatorId ? vocabulary.indicators.get(indicatorId) : undefined;
		if (!named) issue('indicator', 'empty');
		else if ('error' in named) {
			if (named.error === 'ambiguous') issue('indicator', 'ambiguous_indicator', { indicator: indicatorCell, ids: named.ids.join(', ') });
			else issue('indicator', 'unknown_indicator', { indicator: indicatorCell });
		}
		const basis = cells.basis ? vocabulary.basis.get(normalise(cells.basis)) : 'period';
		if (!basis) issue('basis', 'unknown_basis', { basis: cells.basis ?? '' });
		const provenance = cells.provenance ? vocabulary.provenance.get(normalise(cells.provenance)) : undefined;
		if (!provenance) issue('provenance', cells.provenance ? 'unknown_provenance' : 'empty', { provenance: cells.provenance ?? '' });

		// A source by id or label; failing that, by its link (the export writes both).
		let sourceId: string | null = null;
		const bySourceName = cells.source ? lookUp(cells.source, vocabulary.sources, vocabulary.sourceLabels) : null;
		// A link pasted into the source column is read as a link.
		const bySource = bySourceName && 'error' in bySourceName && bySourceName.error === 'unknown' ? lookUp(cells.source!, NO_IDS, vocabulary.sourceLinks) : bySourceName;
		const byLink = cells.sourceLink ? lookUp(cells.sourceLink, NO_IDS, vocabulary.sourceLinks) : null;
		const chosen = bySource && 'id' in bySource ? bySource : byLink && 'id' in byLink ? byLink : (bySource ?? byLink);
		if (chosen && 'id' in chosen) sourceId = chosen.id;
		else if (chosen?.error === 'ambiguous') issue(bySource ? 'source' : 'sourceLink', 'ambiguous_source', { source: (bySource ? cells.source : cells.sourceLink) ?? '', ids: chosen.ids.join(', ') });
		else if (chosen) issue(bySource ? 'source' : 'sourceLink', 'unknown_source', { source: (bySource ? cells.source : cells.sourceLink) ?? '' });
		if (!chosen && (provenance === 'official' || provenance === 'provisional')) issue('source', 'source_required');

		const period = indicator && basis ? readRowPeriod(cells, indicator.frequency, basis, issue) : null;
		const value = indicator ? parseQuantity(cells.value ?? '', indicator.unit) : null;
		if (value && !value.ok && !issues.some((i) => i.column === 'value')) issue('value', value.error.code, value.error.params);
		if (indicator && cells.unit && cells.unit !== indicator.unit) issue('unit', 'wrong_unit', { written: cells.unit, unit: indicator.unit });

		const flags: ObservationFlag[] = [];
		for (const word of (cells.flags ?? '').split(/[;；,，、]/).map((w) => w.trim()).filter(Boolean)) {
			const flag = vocabulary.flags.get(normalise(word));
			if (!flag) issue('flags', 'unknown_flag', { flag: word });
			else if (!flags.includes(flag)) flags.push(flag);
		}
		const version = cells.version ? Number(cells.version) : null;
		if (version !== null && !(Number.isInteger(version) && version > 0)) issue('version', 'bad_version', { version: cells.version ?? '' });

		if (issues.length || !indicatorId || !basis || !provenance || !period || !value?.ok) return error();
		const key = figureKey(indicatorId, period.periodStart, period.periodEnd, basis);
		const earlier = firstRowOf.get(key);
		if (earlier) {
			checked.push({ row, status: 'error', cells, issues: [{ row, column: 'period', code: 'duplicate_row', params: { row: String(earlier) } }], warnings: [] });
			return;
		}
		firstRowOf.set(key, row);
		const current = context.current(key);
		// What the file leaves out (no flags or note column) a correction keeps from the current figure.
		const figure = {
			indicatorId,
			...period,
			basis,
			value: value.value,
			provenance,
			sourceId,
			flags: has.has('flags') ? flags : (current?.flags ?? []),
			note: has.has('note') ? cells.note || null : current ? keptNote(current, provenance) : null,
			reason: cells.reason || null
		};
		const replaces = current ? { observationId: current.observationId, version: current.version } : undefined;
		const unchanged = current && current.value === figure.value && current.provenance === figure.provenance && current.sourceId === figure.sourceId && (!has.has('flags') || sameFlags(current.flags, figure.flags));
		if (unchanged) {
			checked.push({ row, status: 'unchanged', cells, issues, warnings: [], figure });
			return;
		}
		if (!context.mayRecord(provenance)) issue('provenance', 'illustrative_admin_only');
		// A figure corrected since the file was exported is not overwritten with the file's older view of it.
		if (current && current.value !== null && version !== null && version !== current.version) {
			issue('version', 'changed_since_export', { version: String(version), current: String(current.version) });
		}
		if (issues.length) return error();
		const warnings = entryConfirmations(figure.periodEnd, sourceId ? (vocabulary.sources.get(sourceId)?.publishedOn ?? null) : null, context.today);
		const status = !current || current.value === null ? 'new' : 'correction';
		checked.push({ row, status, cells, issues, warnings, figure: replaces ? { ...figure, replaces } : figure });
	});
	return checked;
}

/**
 * The row's period. With start and end columns (a figures export) the dates decide, and a period
 * that reads as one ("2024") must agree with them; one that does not ("2024 (to mid-November)") is
 * kept as the label. Without them the period is read in the indicator's frequency.
 */
function readRowPeriod(
	cells: Partial<Record<ImportColumn, string>>,
	frequency: Frequency,
	basis: ObservationBasis,
	issue: (column: ImportColumn, code: ImportIssue['code'], params?: Record<string, string>) => void
): { period: string; periodStart: string; periodEnd: string } | null {
	const parsed = parsePeriod(cells.period ?? '', frequency, basis);
	if (!cells.start && !cells.end) {
		if (!parsed.ok) issue('period', parsed.error.code, parsed.error.params);
		return parsed.ok ? parsed.value : null;
	}
	const start = readDay(cells.start ?? '');
	const end = readDay(cells.end ?? '');
	if (!start) issue('start', 'bad_date', { date: cells.start ?? '' });
	if (!end) issue('end', 'bad_date', { date: cells.end ?? '' });
	if (!start || !end) return null;
	if (start > end) {
		issue('end', 'bad_date', { date: cells.end ?? '' });
		return null;
	}
	if (!cells.period) {
		issue('period', 'empty');
		return null;
	}
	if (parsed.ok && (parsed.value.periodStart !== start || parsed.value.periodEnd !== end)) {
		issue('period', 'period_mismatch', { period: cells.period, start, end });
		return null;
	}
	return { period: parsed.ok ? parsed.value.period : cells.period, periodStart: start, periodEnd: end };
}

/** A spreadsheet column's letters. @example columnLetters(1) === 'A'; columnLetters(16384) === 'XFD' */
export function columnLetters(column: number): string {
	let letters = '';
	for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	return letters;
}
