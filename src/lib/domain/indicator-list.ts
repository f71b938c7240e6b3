/**
 * The indicator list (/indicators): search and grouping, pure so the URL alone decides a view
 * (`?q=药&group=area`), as the explorer does.
 */
import type { Frequency, Provenance } from './plan';

export interface IndicatorListRow {
	id: string;
	name: string;
	unit: string;
	frequency: Frequency;
	area: string;
	/** The published plans whose targets use it (for an indicator of another scope: those of the one it sits beside). */
	plans: { id: string; title: string }[];
	targetCount: number;
	figureCount: number;
	/** The newest figure's period label and provenance, or null without figures. */
	latest: { period: string; provenance: Provenance } | null;
	/** Names in both languages, id, area and definition, lower case: what a search reads. */
	searchText: string;
}

export const INDICATOR_GROUPINGS = ['plan', 'area'] as const;
export type IndicatorGrouping = (typeof INDICATOR_GROUPINGS)[number];

export interface IndicatorListView {
	q: string;
	group: IndicatorGrouping;
}

/** The view from the URL; anything unknown falls back to grouping by plan. */
export function readIndicatorView(params: URLSearchParams): IndicatorListView {
	const group = params.get('group') as IndicatorGrouping;
	return { q: (params.get('q') ?? '').trim(), group: INDICATOR_GROUPINGS.includes(group) ? group : 'plan' };
}

/**
 * Rows whose search text holds every word of the query (spaces separate words; case is ignored).
 * @example filterIndicators(rows, '1类 新药') // rows naming both "1类" and "新药"
 */
export function filterIndicators<T extends Pick<IndicatorListRow, 'searchText'>>(rows: T[], q: string): T[] {
	const words = q.toLowerCase().split(/\s+/).filter(Boolean);
	return rows.filter((r) => words.every((w) => r.searchText.includes(w)));
}

export interface IndicatorGroup<T> {
	/** A plan id, or the area's name. */
	key: string;
	title: string;
	indicators: T[];
}

/**
 * Rows under each plan that uses them (an indicator two plans use is under both) or under their area,
 * groups and rows in the order given; an indicator of no plan is left out of the plan grouping.
 * @example groupIndicators([{ area: '浦东新区', plans: [p1] }], 'area') // [{ key: '浦东新区', title: '浦东新区', indicators: [...] }]
 */
export function groupIndicators<T extends Pick<IndicatorListRow, 'area' | 'plans'>>(rows: T[], group: IndicatorGrouping): IndicatorGroup<T>[] {
	const groups = new Map<string, IndicatorGroup<T>>();
	const add = (key: string, title: string, row: T) => {
		let g = groups.get(key);
		if (!g) groups.set(key, (g = { key, title, indicators: [] }));
		g.indicators.push(row);
	};
	for (const row of rows) {
		if (group === 'area') add(row.area, row.area, row);
		else for (const plan of row.plans) add(plan.id, plan.title, row);
	}
	return [...groups.values()];
}
