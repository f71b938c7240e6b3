/**
 * What the read API answers, as of a day. Today's answers read the stored judgements (as pages do);
 * a past day's are judged from the figure versions recorded by its end, with each plan as it stood
 * then (judgePlans, as briefing books and the past overview do). Lists are paged here so that
 * today's target list reads the full judgements of one page only.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Locale } from '../../domain/plan';
import { inLocale } from '../../domain/plan';
import { summarizeStatuses } from '../../domain/rollup';
import { apiPath, apiTargetOf, type ApiFigure, type ApiIndicator, type ApiPlan, type ApiPlanDetail, type ApiSource, type ApiTarget } from '../../domain/api';
import type { PlanSummary, TargetSummary } from '../../domain/summary';
import type { VerdictBasis, VerdictStatus } from '../../domain/verdict';
import { route } from '../../route';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { dataVersion } from '../queries/data-version';
import { syncJudgements } from '../queries/judgements';
import { latestVersions } from '../queries/observation-reads';
import { judgePlans, storedTargets } from '../queries/plans';
import { targetIndex } from '../queries/target-index';
import { planFromBundle, revisionBundles, revisionsAsOf } from '../plans/as-of';

/** The moment an answer is as of: today (stored judgements, figures up to now) or the end of a past day. */
export interface AsOf {
	day: string;
	cutoff: Date;
	past: boolean;
}

export interface Paging {
	limit: number;
	offset: number;
}

// --- Plans ---------------------------------------------------------------------------------------

type PlanRow = Pick<typeof s.plans.$inferSelect, 'id' | 'titleZh' | 'titleEn' | 'issuerZh' | 'issuerEn' | 'documentNumber' | 'issuedOn' | 'effectiveFrom' | 'effectiveTo' | 'sourceNoteZh' | 'sourceNoteEn'>;

function apiPlanOf(p: PlanRow, status: 'published' | 'draft', revision: number | null, locale: Locale): ApiPlan {
	return {
		id: p.id,
		status,
		title: inLocale(p.titleZh, p.titleEn, locale),
		issuer: inLocale(p.issuerZh, p.issuerEn, locale),
		documentNumber: p.documentNumber,
		issuedOn: p.issuedOn,
		effectiveFrom: p.effectiveFrom,
		effectiveTo: p.effectiveTo,
		revision,
		sourceNote: inLocale(p.sourceNoteZh, p.sourceNoteEn, locale),
		links: { self: apiPath.plan(p.id), targets: apiPath.planTargets(p.id), page: status === 'draft' ? route.planReview(p.id) : route.plan(p.id, 1) }
	};
}

const planColumns = {
	id: s.plans.id,
	titleZh: s.plans.titleZh,
	titleEn: s.plans.titleEn,
	issuerZh: s.plans.issuerZh,
	issuerEn: s.plans.issuerEn,
	documentNumber: s.plans.documentNumber,
	issuedOn: s.plans.issuedOn,
	effectiveFrom: s.plans.effectiveFrom,
	effectiveTo: s.plans.effectiveTo,
	sourceNoteZh: s.plans.sourceNoteZh,
	sourceNoteEn: s.plans.sourceNoteEn,
	status: s.plans.status,
	revision: s.plans.revision
};

/**
 * The published plans as they stood at the moment, oldest issue first: not yet published then are
 * left out, an older revision is read from its bundle. Drafts (when asked for) as they are now.
 */
export async function plansAsOf(db: Database, at: AsOf, locale: Locale, which: 'published' | 'draft' | 'all'): Promise<ApiPlan[]> {
	const rows = await db
		.select(planColumns)
		.from(s.plans)
		.where(which === 'all' ? undefined : eq(s.plans.status, which))
		.orderBy(asc(s.plans.issuedOn), asc(s.plans.id));
	const published = rows.filter((p) => p.status === 'published');
	const standing = await revisionsAsOf(db, published.map((p) => p.id), at.cutoff);
	const older = published.filter((p) => {
		const r = standing.get(p.id);
		return r && r.revision < p.revision;
	});
	const bundles = await revisionBundles(db, older.map((p) => ({ planId: p.id, revision: standing.get(p.id)!.revision })));
	return rows.flatMap((p) => {
		if (p.status === 'draft') return [apiPlanOf(p, 'draft', null, locale)];
		const r = standing.get(p.id);
		if (r === null) return [];
		const bundle = bundles.get(p.id);
		return [apiPlanOf(bundle ? planFromBundle(bundle) : p, 'published', r?.revision ?? null, locale)];
	});
}

/** One plan with every target judged as of the moment; null when unknown, not published then, or a draft the reader may not see. */
export async function planAsOf(db: Database, at: AsOf, locale: Locale, planId: string, mayReadDrafts: boolean): Promise<ApiPlanDetail | null> {
	const plan = (await plansAsOf(db, at, locale, mayReadDrafts ? 'all' : 'published')).find((p) => p.id === planId);
	if (!plan) return null;
	// A draft has no targets yet: publishing makes them.
	const targets = plan.status === 'draft' ? [] : (await judgedTargets(db, at, locale, [planId])).map((t) => apiTargetOf(t, route.target(t.id)));
	const summary = summarizeStatuses(targets.map((t) => ({ status: t.verdict.status, basis: t.verdict.basis })));
	return { ...plan, summary: { total: summary.total, counts: summary.counts, illustrative: summary.illustrative }, targets };
}

// --- Targets -------------------------------------------------------------------------------------

/** Past judgements: the same day, plans and data version give the same result, so a few are kept. */
const pastJudgements = new Map<string, Promise<PlanSummary[]>>();
const PAST_KEPT = 20;

async function judgedPlansAsOf(db: Database, at: AsOf, locale: Locale, planIds: string[] | undefined): Promise<PlanSummary[]> {
	const key = `${(await dataVersion(db)).key}|${locale}|${at.day}|${planIds?.join(',') ?? '*'}`;
	let result = pastJudgements.get(key);
	if (!result) {
		result = judgePlans(db, locale, at.cutoff, planIds);
		result.catch(() => pastJudgements.delete(key));
		pastJudgements.set(key, result);
		while (pastJudgements.size > PAST_KEPT) pastJudgements.delete(pastJudgements.keys().next().value!);
	}
	return result;
}

/** Every target of the plans (all published ones when none given), judged as of the moment, in plan and document order. */
async function judgedTargets(db: Database, at: AsOf, locale: Locale, planIds?: string[]): Promise<TargetSummary[]> {
	if (at.past) return (await judgedPlansAsOf(db, at, locale, planIds)).flatMap((p) => p.targets);
	await syncJudgements(db);
	const index = await targetIndex(db);
	const ids = (planIds ? planIds.flatMap((id) => index.byPlan.get(id) ?? []) : index.targets).map((t) => t.id);
	return storedTargets(db, locale, { targetIds: ids }, { series: false });
}

export interface TargetFilter {
	plan?: string;
	status?: VerdictStatus;
	basis?: VerdictBasis;
}

/** A page of targets with their verdicts as of the moment, and how many match in all. */
export async function targetsAsOf(db: Database, at: AsOf, locale: Locale, filter: TargetFilter, paging: Paging): Promise<{ total: number; items: ApiTarget[] }> {
	const matches = (v: { status: VerdictStatus; basis: VerdictBasis }) => (!filter.status || v.status === filter.status) && (!filter.basis || v.basis === filter.basis);
	let page: TargetSummary[];
	let total: number;
	if (at.past) {
		const all = (await judgedTargets(db, at, locale, filter.plan ? [filter.plan] : undefined)).filter((t) => matches(t.evaluation.verdict));
		total = all.length;
		page = all.slice(paging.offset, paging.offset + paging.limit);
	} else {
		// Today: filter and count in the in-memory index, then read the full judgements of the page only.
		await syncJudgements(db);
		const index = await targetIndex(db);
		const all = (filter.plan ? (index.byPlan.get(filter.plan) ?? []) : index.targets).filter(matches);
		total = all.length;
		const ids = all.slice(paging.offset, paging.offset + paging.limit).map((t) => t.id);
		const byId = new Map((await storedTargets(db, locale, { targetIds: ids }, { series: false })).map((t) => [t.id, t]));
		page = ids.flatMap((id) => byId.get(id) ?? []);
	}
	return { total, items: page.map((t) => apiTargetOf(t, route.target(t.id))) };
}

/** One target judged as of the moment; null when unknown or its plan did not have it then. */
export async function targetAsOf(db: Database, at: AsOf, locale: Locale, targetId: string): Promise<ApiTarget | null> {
	const [row] = await db.select({ planId: s.targets.planId }).from(s.targets).where(eq(s.targets.id, targetId));
	if (!row) return null;
	const found = (await judgedTargets(db, at, locale, [row.planId])).find((t) => t.id === targetId);
	return found ? apiTargetOf(found, route.target(found.id)) : null;
}

// --- Indicators, figures, sources ----------------------------------------------------------------

/** How many figures stand at the cutoff (newest version recorded by then not withdrawn), per indicator. */
async function figureCounts(db: Database, cutoff: Date, indicatorIds?: string[]): Promise<Map<string, number>> {
	const rows = await db
		.select({ indicatorId: s.observations.indicatorId, n: sql<number>`count(*)` })
		.from(s.observations)
		.where(
			and(
				indicatorIds ? inArray(s.observations.indicatorId, indicatorIds.concat([''])) : undefined,
				sql`(select v.value from observation_versions v where v.observation_id = ${s.observations.id} and v.recorded_at <= ${cutoff.toISOString()}
					order by v.recorded_at desc, v.version desc limit 1) is not null`
			)
		)
		.groupBy(s.observations.indicatorId);
	return new Map(rows.map((r) => [r.indicatorId, Number(r.n)]));
}

function apiIndicatorOf(i: typeof s.indicators.$inferSelect, figureCount: number, locale: Locale): ApiIndicator {
	return {
		id: i.id,
		name: inLocale(i.nameZh, i.nameEn, locale),
		unit: i.unit,
		frequency: i.frequency,
		measure: i.measure,
		direction: i.direction,
		area: inLocale(i.areaZh, i.areaEn, locale),
		definition: inLocale(i.definitionZh, i.definitionEn, locale),
		contextOf: i.contextOf,
		shareIn: i.shareIn,
		figureCount,
		links: { self: apiPath.indicator(i.id), figures: apiPath.figures(i.id) }
	};
}

/** Every indicator (definitions are not versioned: as they are now), with the figures standing as of the moment. */
export async function indicatorsAsOf(db: Database, at: AsOf, locale: Locale, indicatorId?: string): Promise<ApiIndicator[]> {
	const rows = await db
		.select()
		.from(s.indicators)
		.where(indicatorId === undefined ? undefined : eq(s.indicators.id, indicatorId))
		.orderBy(asc(s.indicators.id));
	const counts = await figureCounts(db, at.cutoff, indicatorId === undefined ? undefined : [indicatorId]);
	return rows.map((i) => apiIndicatorOf(i, counts.get(i.id) ?? 0, locale));
}

/** An indicator's figures standing as of the moment, newest period first, each with its provenance, caveats and source. */
export async function figuresAsOf(db: Database, at: AsOf, indicatorId: string, unit: string): Promise<ApiFigure[]> {
	const standing = (await latestVersions(db, [indicatorId], at.cutoff))
		.filter((f): f is typeof f & { value: number } => f.value !== null)
		.sort((a, b) => b.periodEnd.localeCompare(a.periodEnd) || b.periodStart.localeCompare(a.periodStart) || a.basis.localeCompare(b.basis));
	const sourceIds = [...new Set(standing.flatMap((f) => (f.sourceId ? [f.sourceId] : [])))];
	const userIds = [...new Set(standing.map((f) => f.recordedBy))];
	const sources = new Map((sourceIds.length ? await db.select().from(s.sources).where(inArray(s.sources.id, sourceIds)) : []).map((x) => [x.id, x]));
	const users = new Map(
		(userIds.length ? await db.select({ id: s.users.id, name: s.users.displayName }).from(s.users).where(inArray(s.users.id, userIds)) : []).map((u) => [u.id, u.name])
	);
	return standing.map((f) => {
		const source = f.sourceId ? sources.get(f.sourceId) : undefined;
		return {
			observationId: f.observationId,
			indicatorId: f.indicatorId,
			period: f.period,
			periodStart: f.periodStart,
			periodEnd: f.periodEnd,
			basis: f.basis,
			value: f.value,
			unit,
			provenance: f.provenance,
			flags: [...f.flags],
			note: f.note,
			version: f.version,
			recordedAt: f.recordedAt.toISOString(),
			recordedBy: users.get(f.recordedBy) ?? f.recordedBy,
			source: source ? { id: source.id, title: source.title, publisher: source.publisher, url: source.url, publishedOn: source.publishedOn } : null
		};
	});
}

/**
 * Sources with the figures standing as of the moment that cite them. As of a past day only the
 * sources cited then are listed (sources carry no date of their own); today every source is.
 */
export async function sourcesAsOf(db: Database, at: AsOf): Promise<ApiSource[]> {
	const cited = await db
		.select({ sourceId: s.observationVersions.sourceId, n: sql<number>`count(*)` })
		.from(s.observationVersions)
		.where(
			sql`${s.observationVersions.sourceId} is not null and ${s.observationVersions.value} is not null and ${s.observationVersions.id} = (
				select v.id from observation_versions v where v.observation_id = ${s.observationVersions.observationId} and v.recorded_at <= ${at.cutoff.toISOString()}
				order by v.recorded_at desc, v.version desc limit 1)`
		)
		.groupBy(s.observationVersions.sourceId);
	const counts = new Map(cited.map((c) => [c.sourceId!, Number(c.n)]));
	const rows = await db.select().from(s.sources).orderBy(desc(s.sources.publishedOn), asc(s.sources.id));
	return rows
		.filter((x) => !at.past || counts.has(x.id))
		.map((x) => ({ id: x.id, title: x.title, publisher: x.publisher, url: x.url, publishedOn: x.publishedOn, figureCount: counts.get(x.id) ?? 0 }));
}

/** An example path with the {…} of an endpoint filled by the first published plan's first target and its indicator. */
export async function examplePath(db: Database, template: string): Promise<string> {
	if (!template.includes('{')) return template;
	const [first] = await db
		.select({ targetId: s.targets.id, planId: s.targets.planId, indicatorId: s.targets.indicatorId })
		.from(s.targets)
		.innerJoin(s.plans, eq(s.plans.id, s.targets.planId))
		.where(eq(s.plans.status, 'published'))
		.orderBy(asc(s.plans.issuedOn), asc(s.plans.id), asc(s.targets.position))
		.limit(1);
	if (!first) return template;
	return template
		.replace('{planId}', encodeURIComponent(first.planId))
		.replace('{targetId}', encodeURIComponent(first.targetId))
		.replace('{indicatorId}', encodeURIComponent(first.indicatorId));
}
