/**
 * Every target's list fields (titles, status, probability, latest figure) held in memory per
 * process, read from the stored judgements. Only rows whose judgement changed are read again: each
 * stored judgement carries a revision from a sequence, so "revision > the newest seen" is what changed
 * on any instance. Overviews and the explorer filter, sort and count these rows; pages then read
 * the full judgements of the few targets they show.
 */
import { inLocale } from '../../domain/plan';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { LatestPoint } from '../../domain/judgement';
import type { Comparator, Locale } from '../../domain/plan';
import type { VerdictBasis, VerdictStatus } from '../../domain/verdict';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { inPublishedPlan } from './published';

export interface IndexedTarget {
	id: string;
	planId: string;
	position: number;
	section: string;
	title: { zh: string; en: string };
	indicatorName: { zh: string; en: string };
	quote: string;
	comparator: Comparator;
	value: number;
	maxValue: number | null;
	unit: string;
	deadline: string;
	/** The verdict and what it rests on (domain/verdict.ts). */
	status: VerdictStatus;
	basis: VerdictBasis;
	probability: number | null;
	gapShare: number | null;
	latest: LatestPoint | null;
	lastRecordedAt: Date | null;
	/** Titles and indicator names in both languages and the quote, lower case: what a search reads. */
	searchText: string;
}

export interface TargetIndex {
	/** Changes whenever any row changes: a key for results derived from the index. */
	version: string;
	targets: IndexedTarget[];
	byPlan: Map<string, IndexedTarget[]>;
}

const indexes = new WeakMap<Database, { revision: number; count: number; rows: Map<string, IndexedTarget>; index: TargetIndex | null; loading: Promise<TargetIndex> | null }>();

async function readRows(db: Database, sinceRevision: number | null): Promise<IndexedTarget[]> {
	const t = s.targets;
	const j = s.targetJudgements;
	const rows = await db
		.select({
			id: t.id,
			planId: t.planId,
			position: t.position,
			section: sql<string>`coalesce(${s.clauses.path}[1], '')`,
			titleZh: t.titleZh,
			titleEn: t.titleEn,
			nameZh: s.indicators.nameZh,
			nameEn: s.indicators.nameEn,
			quote: t.quote,
			comparator: t.comparator,
			value: t.value,
			maxValue: t.maxValue,
			unit: t.unit,
			deadline: t.deadline,
			status: j.status,
			basis: j.basis,
			probability: j.probability,
			gapShare: j.gapShare,
			latest: sql<LatestPoint | null>`${j.judgement}->'latest'`,
			lastRecordedAt: j.lastRecordedAt
		})
		.from(j)
		.innerJoin(t, eq(t.id, j.targetId))
		.innerJoin(s.clauses, eq(s.clauses.id, t.clauseId))
		.innerJoin(s.indicators, eq(s.indicators.id, t.indicatorId))
		.where(and(inPublishedPlan(t.planId), sinceRevision === null ? undefined : gt(j.revision, sinceRevision)));
	return rows.map((r) => ({
		id: r.id,
		planId: r.planId,
		position: r.position,
		section: r.section,
		title: { zh: r.titleZh, en: r.titleEn },
		indicatorName: { zh: r.nameZh, en: r.nameEn },
		quote: r.quote,
		comparator: r.comparator,
		value: r.value,
		maxValue: r.maxValue,
		unit: r.unit,
		deadline: r.deadline,
		status: r.status as VerdictStatus,
		basis: r.basis as VerdictBasis,
		probability: r.probability,
		gapShare: r.gapShare,
		// postgres.js parses jsonb; a driver handing back text would need this.
		latest: typeof r.latest === 'string' ? JSON.parse(r.latest) : r.latest,
		lastRecordedAt: r.lastRecordedAt ? new Date(r.lastRecordedAt) : null,
		searchText: `${r.titleZh} ${r.nameZh} ${r.quote} ${r.titleEn} ${r.nameEn}`.toLowerCase()
	}));
}

/** The index, brought up to date with the stored judgements (call syncJudgements first). */
export async function targetIndex(db: Database): Promise<TargetIndex> {
	let state = indexes.get(db);
	if (!state) indexes.set(db, (state = { revision: -1, count: -1, rows: new Map(), index: null, loading: null }));
	const [head] = await db
		.select({ revision: sql<number>`coalesce(max(${s.targetJudgements.revision}), 0)`, count: sql<number>`count(*)` })
		.from(s.targetJudgements);
	const revision = Number(head.revision);
	const count = Number(head.count);
	if (state.index && revision === state.revision && count === state.count) return state.index;
	if (state.loading) return state.loading;
	const current = state;
	current.loading = (async () => {
		// A deleted target changes the count: then everything is read again.
		const full = current.index === null || count !== current.count || revision < current.revision;
		const changed = await readRows(db, full ? null : current.revision);
		if (full) current.rows = new Map();
		for (const row of changed) current.rows.set(row.id, row);
		const targets = [...current.rows.values()].sort((a, b) => a.planId.localeCompare(b.planId) || a.position - b.position);
		const byPlan = new Map<string, IndexedTarget[]>();
		for (const row of targets) {
			let list = byPlan.get(row.planId);
			if (!list) byPlan.set(row.planId, (list = []));
			list.push(row);
		}
		current.revision = revision;
		current.count = full ? current.rows.size : count;
		current.index = { version: `${revision}|${current.rows.size}`, targets, byPlan };
		return current.index;
	})().finally(() => {
		current.loading = null;
	});
	return current.loading;
}

/** A title in the reader's language. */
export const pick = (text: { zh: string; en: string }, locale: Locale) => inLocale(text.zh, text.en, locale);
