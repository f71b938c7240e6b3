/**
 * The explorer's filters, sorting and comparison measure, pure so the URL alone decides a view:
 * a view can be bookmarked and shared.
 */
import type { Provenance } from './plan';
import { STATUS_RANK } from './rollup';
import type { VerdictBasis, VerdictStatus } from './verdict';

export interface ExploreRow {
	id: string;
	planId: string;
	section: string;
	title: string;
	/** Texts searched: titles and indicator names in both languages, and the quoted words. */
	searchText: string;
	status: VerdictStatus;
	/** What the verdict rests on (verdict.ts). */
	basis: VerdictBasis;
	provenance: Provenance | null;
	unit: string;
	deadline: string;
	probability: number | null;
	gapShare: number | null;
}

export const SORT_KEYS = ['risk', 'title', 'deadline', 'probability', 'gap'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The table's columns a person may hide; the target's title and the compare box always show. */
export const EXPLORE_COLUMNS = ['status', 'trend', 'progress', 'value', 'deadline', 'probability'] as const;
export type ExploreColumn = (typeof EXPLORE_COLUMNS)[number];

export interface ExploreFilters {
	q: string;
	plan: string[];
	section: string[];
	status: VerdictStatus[];
	provenance: Provenance[];
	unit: string[];
	sort: SortKey;
	desc: boolean;
	compare: string[];
	/** The columns shown, in the table's order; all of them unless the URL names some. */
	columns: ExploreColumn[];
	/** 1-based page of the results. */
	page: number;
}

/** Rows per page of the explorer: enough to scan, few enough to render fast with thousands of targets. */
export const PAGE_SIZE = 100;

const list = (params: URLSearchParams, name: string) => params.getAll(name).flatMap((v) => v.split(',')).filter(Boolean);

export function readFilters(params: URLSearchParams): ExploreFilters {
	const sort = params.get('sort') as SortKey;
	return {
		q: (params.get('q') ?? '').trim(),
		plan: list(params, 'plan'),
		section: list(params, 'section'),
		status: list(params, 'status') as VerdictStatus[],
		provenance: list(params, 'provenance') as Provenance[],
		unit: list(params, 'unit'),
		sort: SORT_KEYS.includes(sort) ? sort : 'risk',
		desc: params.get('desc') === '1',
		compare: list(params, 'compare'),
		columns: readColumns(list(params, 'cols')),
		page: Math.max(1, Math.floor(Number(params.get('page'))) || 1)
	};
}

/** Known columns in the table's order; none (or none known) means all, as an empty filter means any. */
function readColumns(named: string[]): ExploreColumn[] {
	const known = EXPLORE_COLUMNS.filter((c) => named.includes(c));
	return known.length ? known : [...EXPLORE_COLUMNS];
}

/** The URL query for filters, leaving out defaults so links stay short. */
export function filtersQuery(f: ExploreFilters): string {
	const p = new URLSearchParams();
	if (f.q) p.set('q', f.q);
	for (const [name, values] of [['plan', f.plan], ['section', f.section], ['status', f.status], ['provenance', f.provenance], ['unit', f.unit], ['compare', f.compare]] as const) {
		if (values.length) p.set(name, values.join(','));
	}
	if (f.columns.length < EXPLORE_COLUMNS.length) p.set('cols', f.columns.join(','));
	if (f.sort !== 'risk') p.set('sort', f.sort);
	if (f.desc) p.set('desc', '1');
	if (f.page > 1) p.set('page', String(f.page));
	const text = p.toString();
	return text ? `?${text}` : '';
}

/**
 * Whether a filter's option matches what was typed in its menu's search box: every word, in any
 * case, in the option's label or its group (a section's plan).
 * @example choiceMatches('浦东新区生物医药产业高质量发展行动方案', '浦东 行动') === true
 */
export function choiceMatches(label: string, typed: string, group = ''): boolean {
	const text = `${label} ${group}`.toLowerCase();
	return typed.toLowerCase().split(/\s+/).filter(Boolean).every((w) => text.includes(w));
}

export function filterRows<T extends ExploreRow>(rows: T[], f: ExploreFilters): T[] {
	const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
	const keep = <T>(chosen: T[], value: T) => chosen.length === 0 || chosen.includes(value);
	return rows.filter(
		(r) =>
			words.every((w) => r.searchText.includes(w)) &&
			keep(f.plan, r.planId) &&
			keep(f.section, `${r.planId}:${r.section}`) &&
			keep(f.status, r.status) &&
			(f.provenance.length === 0 || (r.provenance !== null && f.provenance.includes(r.provenance))) &&
			keep(f.unit, r.unit)
	);
}

export function sortRows<T extends ExploreRow>(rows: T[], key: SortKey, desc: boolean): T[] {
	const nullsLast = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b);
	// Targets without data carry no known risk: they sort after the judged ones.
	const risk = (s: VerdictStatus) => (s === 'insufficient_data' ? -1 : STATUS_RANK[s]);
	const compare: Record<SortKey, (a: T, b: T) => number> = {
		// Worst first, then least likely to be met.
		risk: (a, b) => risk(b.status) - risk(a.status) || nullsLast(a.probability, b.probability),
		title: (a, b) => a.title.localeCompare(b.title, 'zh-CN'),
		deadline: (a, b) => a.deadline.localeCompare(b.deadline),
		probability: (a, b) => nullsLast(a.probability, b.probability),
		gap: (a, b) => nullsLast(b.gapShare, a.gapShare)
	};
	const sorted = [...rows].sort(compare[key]);
	return desc ? sorted.reverse() : sorted;
}

/**
 * How much of the way from baseline to aim a value has come, in percent: 0 at the baseline, 100 at
 * the target (more is beyond it). The common scale on which different targets can be compared.
 * @example progressShare(2000, 4000, 3000) === 50
 */
export function progressShare(baseline: number, aim: number, value: number): number | null {
	return aim === baseline ? null : ((value - baseline) / (aim - baseline)) * 100;
}
