/**
 * Every target as a row of the explorer, from the in-memory index of stored judgements: filters,
 * sorting and counting run over all rows; sparklines and comparison series are read only for the
 * rows a page shows.
 */
import { inLocale } from '../../domain/plan';
import type { ExploreRow } from '../../domain/explore';
import { progressShare } from '../../domain/explore';
import type { Locale } from '../../domain/plan';
import { aimFor } from '../../domain/progress';
import { clauseNumber } from '../../domain/clause-number';
import type { Database } from '../db/open';
import { storedSeries, syncJudgements } from './judgements';
import { planRows, type TargetSummary } from './plans';
import { targetIndex } from './target-index';

export interface ExploreListRow extends ExploreRow {
	planTitle: string;
	target: Pick<TargetSummary, 'comparator' | 'value' | 'maxValue' | 'unit' | 'latest'>;
	indicatorName: string;
}

export interface ExploreTarget extends ExploreListRow {
	spark: { date: string; value: number }[];
	/** Progress as % of the way from baseline to target, per figure: the comparison's scale. */
	shares: { date: string; share: number }[];
}

const lists = new WeakMap<Database, Map<string, ExploreListRow[]>>();

/** Every target's explorer row in the reader's language (kept per index version and language). */
export async function exploreTargets(db: Database, locale: Locale): Promise<ExploreListRow[]> {
	await syncJudgements(db);
	const index = await targetIndex(db);
	let cache = lists.get(db);
	if (!cache) lists.set(db, (cache = new Map()));
	const key = `${index.version}|${locale}`;
	const cached = cache.get(key);
	if (cached) return cached;
	const plans = new Map((await planRows(db)).map((p) => [p.id, inLocale(p.titleZh, p.titleEn, locale)]));
	const rows = index.targets.map(
		(t): ExploreListRow => ({
			id: t.id,
			planId: t.planId,
			planTitle: plans.get(t.planId) ?? t.planId,
			section: t.section,
			title: t.title[locale],
			searchText: t.searchText,
			status: t.status,
			basis: t.basis,
			provenance: t.latest?.provenance ?? null,
			unit: t.unit,
			deadline: t.deadline,
			probability: t.probability,
			gapShare: t.gapShare,
			target: { comparator: t.comparator, value: t.value, maxValue: t.maxValue, unit: t.unit, latest: t.latest },
			indicatorName: t.indicatorName[locale]
		})
	);
	for (const old of cache.keys()) if (!old.startsWith(`${index.version}|`)) cache.delete(old);
	cache.set(key, rows);
	return rows;
}

/** The rows with their sparklines and (for compared rows) comparison series, from the stored judgements. */
export async function withSeries(db: Database, rows: ExploreListRow[], options: { shares: boolean }): Promise<ExploreTarget[]> {
	const stored = await storedSeries(db, rows.map((r) => r.id));
	return rows.map((row) => {
		const e = stored.get(row.id);
		if (!e) return { ...row, spark: [], shares: [] };
		const observed = e.series.filter((p) => !p.baseline || e.series.length === 1);
		const baseline = e.baseline;
		// aimFor reads only the comparator and the bounds.
		const aim = aimFor({ ...row.target, kind: 'level', deadline: row.deadline }, row.target.latest?.value ?? row.target.value);
		return {
			...row,
			spark: observed.map(({ date, value }) => ({ date, value })),
			shares: baseline && options.shares
				? e.series.flatMap((p) => {
						const share = progressShare(baseline.value, aim, p.value);
						return share === null || p.date < baseline.date ? [] : [{ date: p.date, share }];
					})
				: []
		};
	});
}

export interface ExploreChoices {
	plans: { id: string; title: string }[];
	sections: { id: string; label: string; planId: string }[];
	units: string[];
	byId: Map<string, ExploreListRow>;
}

const choicesKept = new WeakMap<ExploreListRow[], ExploreChoices>();

/**
 * What the filters offer (every plan, section and unit of all rows, not only those shown) and the
 * rows by id: the same for every request on one list, so worked out once per list (20,000 rows at scale).
 */
export function exploreChoices(all: ExploreListRow[], locale: Locale): ExploreChoices {
	const kept = choicesKept.get(all);
	if (kept) return kept;
	const sections = new Map<string, { id: string; label: string; planId: string }>();
	for (const t of all) {
		const id = `${t.planId}:${t.section}`;
		if (!sections.has(id)) sections.set(id, { id, label: clauseNumber([t.section], locale), planId: t.planId });
	}
	const choices = {
		plans: [...new Map(all.map((t) => [t.planId, t.planTitle]))].map(([id, title]) => ({ id, title })),
		sections: [...sections.values()],
		units: [...new Set(all.map((t) => t.unit))],
		byId: new Map(all.map((t) => [t.id, t]))
	};
	choicesKept.set(all, choices);
	return choices;
}
