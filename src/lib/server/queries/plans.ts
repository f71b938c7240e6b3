/** Plans with their targets, the clauses the targets quote, and each target's latest figure. */
import { inLocale } from '../../domain/plan';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Comparator, DeadlineBasis, Locale, ObservationFlag, Provenance, TargetKind } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { versionsForJudging } from './observation-reads';
import type { TargetEvaluation } from '../../domain/evaluate';
import type { QuarterVerdict, StoredJudgement } from '../../domain/judgement';
import { figuresByIndicatorAt, previousQuarterEnd } from '../../domain/history';
import { judgeTargetWithQuarter, targetBaseline } from './judge-input';
import { syncJudgements } from './judgements';
import { summarizeStatuses, type StatusSummary } from '../../domain/rollup';
import { endOfLocalDay, localDay } from '../../domain/dates';
import { deploymentTimeZone } from '../config';
import type { PlanSummary, SectionSummary, TargetSummary } from '../../domain/summary';
import { inPublishedPlan, publishedPlan } from './published';
import { planFromBundle, revisionBundles, revisionsAsOf } from '../plans/as-of';

export type { PlanSummary, SectionSummary, TargetSummary } from '../../domain/summary';




/** Every plan's id and title in the reader's language, oldest first: for choosing plans, without judging them. */
export async function planTitles(db: Database, locale: Locale): Promise<{ id: string; title: string }[]> {
	const rows = await db
		.select({ id: s.plans.id, titleZh: s.plans.titleZh, titleEn: s.plans.titleEn })
		.from(s.plans)
		.where(publishedPlan)
		.orderBy(asc(s.plans.issuedOn));
	return rows.map((p) => ({ id: p.id, title: inLocale(p.titleZh, p.titleEn, locale) }));
}

/** A target row's baseline as one value, or null when the plan implies none. */

/** Plan rows without their full text, in the order pages list them. */
export async function planRows(db: Database, planIds?: string[]) {
	const p = s.plans;
	return db
		.select({
			id: p.id,
			titleZh: p.titleZh,
			titleEn: p.titleEn,
			issuerZh: p.issuerZh,
			issuerEn: p.issuerEn,
			documentNumber: p.documentNumber,
			issuedOn: p.issuedOn,
			effectiveFrom: p.effectiveFrom,
			effectiveTo: p.effectiveTo,
			sourceNoteZh: p.sourceNoteZh,
			sourceNoteEn: p.sourceNoteEn
		})
		.from(p)
		.where(and(publishedPlan, planIds ? inArray(p.id, planIds) : undefined))
		.orderBy(asc(p.issuedOn), asc(p.id));
}

/** Targets with their stored judgements (see judgements.ts), in plan and document order. */
export async function storedTargets(
	db: Database,
	locale: Locale,
	where: { planIds?: string[]; targetIds?: string[] },
	options: { series: boolean } = { series: true }
): Promise<TargetSummary[]> {
	if (!where.planIds?.length && !where.targetIds?.length) return [];
	const t = s.targets;
	const j = s.targetJudgements.judgement;
	// Lists that draw no chart leave the series and the forecast path in the database.
	const judgement = options.series
		? j
		: sql<StoredJudgement>`jsonb_build_object('latest', ${j}->'latest', 'previousQuarter', ${j}->'previousQuarter', 'evaluation', jsonb_set((${j}->'evaluation') - 'series', '{series}', '[]'::jsonb) #- '{forecast,points}')`;
	const rows = await db
		.select({ target: t, clause: s.clauses, nameZh: s.indicators.nameZh, nameEn: s.indicators.nameEn, judgement })
		.from(t)
		.innerJoin(s.clauses, eq(s.clauses.id, t.clauseId))
		.innerJoin(s.indicators, eq(s.indicators.id, t.indicatorId))
		.innerJoin(s.targetJudgements, eq(s.targetJudgements.targetId, t.id))
		.where(and(where.targetIds?.length ? inArray(t.id, where.targetIds) : inArray(t.planId, where.planIds!), inPublishedPlan(t.planId)))
		.orderBy(asc(t.planId), asc(t.position));
	return rows.map(({ target, clause, nameZh, nameEn, judgement }) =>
		targetSummary(target, clause, inLocale(nameZh, nameEn, locale), locale, judgement.latest, judgement.evaluation, judgement.previousQuarter ?? null)
	);
}

/** The summary of one target from its rows and its judgement. */
export function targetSummary(
	t: typeof s.targets.$inferSelect,
	clause: typeof s.clauses.$inferSelect,
	indicatorName: string,
	locale: Locale,
	latest: TargetSummary['latest'],
	evaluation: TargetEvaluation,
	previousQuarter: QuarterVerdict | null = null
): TargetSummary {
	return {
		id: t.id,
		planId: t.planId,
		title: inLocale(t.titleZh, t.titleEn, locale),
		quote: t.quote,
		comparator: t.comparator,
		value: t.value,
		maxValue: t.maxValue,
		unit: t.unit,
		kind: t.kind,
		deadline: t.deadline,
		deadlineBasis: t.deadlineBasis,
		baseline: targetBaseline(t),
		indicatorName,
		indicatorId: t.indicatorId,
		shareOfIndicatorId: t.shareOfIndicatorId,
		section: clause.path[0] ?? '',
		clause: { path: clause.path, heading: inLocale(clause.headingZh, clause.headingEn, locale), textZh: clause.textZh, textEn: clause.textEn },
		latest,
		evaluation,
		previousQuarter
	};
}

/**
 * Plans with every target and its stored judgement (judged today, brought up to date first): for
 * the wall screen and other views of a few plans. `planIds` limits it to those plans.
 */
export async function listPlansWithTargets(db: Database, locale: Locale, planIds?: string[]): Promise<PlanSummary[]> {
	await syncJudgements(db);
	const plans = await planRows(db, planIds);
	const targets = await storedTargets(db, locale, { planIds: plans.map((p) => p.id) });
	const lastRecorded = await db
		.select({ planId: s.targetJudgements.planId, at: sql<string | null>`max(${s.targetJudgements.lastRecordedAt})` })
		.from(s.targetJudgements)
		.where(inArray(s.targetJudgements.planId, plans.map((p) => p.id).concat([''])))
		.groupBy(s.targetJudgements.planId);
	const lastOf = new Map(lastRecorded.map((r) => [r.planId, r.at ? new Date(r.at) : null]));
	const byPlan = new Map<string, TargetSummary[]>(plans.map((p) => [p.id, []]));
	for (const t of targets) byPlan.get(t.planId)?.push(t);
	return plans.map((p) => planSummary(p, byPlan.get(p.id) ?? [], locale, lastOf.get(p.id) ?? null));
}

/** A plan's summary from its judged targets. */
export function planSummary(p: Awaited<ReturnType<typeof planRows>>[number], targets: TargetSummary[], locale: Locale, lastUpdate: Date | null): PlanSummary {
	const pick = (zh: string, en: string) => inLocale(zh, en, locale);
	const sectionNames = [...new Set(targets.map((t) => t.section))];
	return {
		id: p.id,
		title: pick(p.titleZh, p.titleEn),
		titleZh: p.titleZh,
		issuer: pick(p.issuerZh, p.issuerEn),
		documentNumber: p.documentNumber,
		issuedOn: p.issuedOn,
		effectiveFrom: p.effectiveFrom,
		effectiveTo: p.effectiveTo,
		sourceNote: pick(p.sourceNoteZh, p.sourceNoteEn),
		targets,
		summary: summarizeStatuses(targets.map((t) => t.evaluation.verdict)),
		lastUpdate,
		sections: sectionNames.map((section) => ({
			section,
			summary: summarizeStatuses(targets.filter((t) => t.section === section).map((t) => t.evaluation.verdict))
		}))
	};
}

/**
 * The plans judged as of a moment: only figures recorded by then (used for books and as-of views).
 * The as-of day is the moment's calendar day in the deployment's zone (a cutoff is the last instant of a local day).
 */
export async function judgePlans(db: Database, locale: Locale, asOf: Date, planIds?: string[], timeZone = deploymentTimeZone()): Promise<PlanSummary[]> {
	const current = await db.query.plans.findMany({
		where: and(publishedPlan, planIds ? inArray(s.plans.id, planIds) : undefined),
		orderBy: [asc(s.plans.issuedOn), asc(s.plans.id)],
		with: {
			targets: {
				orderBy: asc(s.targets.position),
				with: { clause: true, indicator: true }
			}
		}
	});
	// Each plan as it stood then: not yet published, the current rows, or an older revision's bundle.
	const standing = await revisionsAsOf(db, current.map((p) => p.id), asOf);
	const older = current.filter((p) => {
		const r = standing.get(p.id);
		return r && r.revision < p.revision;
	});
	const bundles = await revisionBundles(db, older.map((p) => ({ planId: p.id, revision: standing.get(p.id)!.revision })));
	const planRows = current
		.filter((p) => standing.get(p.id) !== null)
		.map((p) => {
			const bundle = bundles.get(p.id);
			return bundle ? planFromBundle(bundle) : p;
		})
		.sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const indicatorIds = [
		...new Set(planRows.flatMap((p) => p.targets.flatMap((t) => [t.indicatorId, t.shareOfIndicatorId ?? t.indicatorId])))
	];
	// One read of every version: the figures as of the cut-off, and at the last quarter end before the as-of day.
	const versions = await versionsForJudging(db, indicatorIds);
	const byIndicator = figuresByIndicatorAt(versions, asOf);
	const asOfDate = localDay(asOf, timeZone);
	const atQuarterEnd = figuresByIndicatorAt(versions, endOfLocalDay(previousQuarterEnd(asOfDate), timeZone));
	return planRows.map((p) => {
		const targets = p.targets.map((t): TargetSummary => {
			const { latest, evaluation, previousQuarter } = judgeTargetWithQuarter(t, t.indicator, (id) => byIndicator.get(id) ?? [], (id) => atQuarterEnd.get(id) ?? [], asOfDate, p.effectiveFrom);
			return targetSummary(t, t.clause, inLocale(t.indicator.nameZh, t.indicator.nameEn, locale), locale, latest, evaluation, previousQuarter);
		});
		const recorded = p.targets
			.flatMap((t) => [...(byIndicator.get(t.indicatorId) ?? []), ...(t.shareOfIndicatorId ? (byIndicator.get(t.shareOfIndicatorId) ?? []) : [])])
			.reduce((newest, o) => Math.max(newest, o.recordedAt.getTime()), -Infinity);
		return planSummary(p, targets, locale, Number.isFinite(recorded) ? new Date(recorded) : null);
	});
}
