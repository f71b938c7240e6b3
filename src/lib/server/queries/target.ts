/** One target's page: its judgement (judged here in full, from the same figures), the observations behind it with sources, and every version of each. */
import { inLocale } from '../../domain/plan';
import { sourceLabel } from '../../domain/import-rows';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { PLANS_PER_PAGE } from '../../domain/overview';
import type { Frequency, Locale } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { observationsAsOf } from './observation-reads';
import { todayIn } from '../../domain/dates';
import { deploymentTimeZone } from '../config';
import { judgeTargetRow } from './judge-input';
import { targetSummary, type PlanSummary, type TargetSummary } from './plans';
import { publishedPlan } from './published';
import { contextIndicators, statedShareIndicators, type BesideIndicator } from '../../domain/share';
import { figureRows, type FigureSource, type ObservationRow } from './figure-rows';

export type { ObservationRow } from './figure-rows';

export interface TargetDetail {
	/** `page`: the overview page that lists the plan. */
	plan: Pick<PlanSummary, 'id' | 'title' | 'effectiveFrom'> & { page: number };
	target: TargetSummary;
	/** The newest `shown` figures (all when not limited), with their histories. */
	observations: ObservationRow[];
	/** How many figures there are in all. */
	figureCount: number;
	/** The indicators figures can be entered for: the target's, and a share's parent. */
	indicators: { id: string; name: string; unit: string; frequency: Frequency }[];
	/** publishedOn: the confirmation rules compare it with a figure's period. */
	sources: { id: string; label: string; publishedOn: string }[];
	/** The names of the target's indicator and, for a share, of its whole: the series the verdict divides. */
	shareSeries: { part: string; whole: string } | null;
	/** Officials' own statements of a share target's share: shown beside the verdict, not used by it (domain/share.ts). */
	statedShares: BesideIndicator[];
	/** Figures of other scopes beside the target's indicator and its whole: shown, never counted. */
	context: BesideIndicator[];
}

export async function targetDetail(db: Database, id: string, locale: Locale, shown: number | null = null, timeZone = deploymentTimeZone()): Promise<TargetDetail | null> {
	const [found] = await db
		.select({ row: s.targets, clause: s.clauses, plan: { id: s.plans.id, titleZh: s.plans.titleZh, titleEn: s.plans.titleEn, effectiveFrom: s.plans.effectiveFrom } })
		.from(s.targets)
		.innerJoin(s.clauses, eq(s.clauses.id, s.targets.clauseId))
		.innerJoin(s.plans, eq(s.plans.id, s.targets.planId))
		.where(and(eq(s.targets.id, id), publishedPlan));
	if (!found) return null;
	const { row, clause } = found;
	const indicatorIds = [row.indicatorId, ...(row.shareOfIndicatorId ? [row.shareOfIndicatorId] : [])];
	// Independent reads, together (each is a round trip to the database).
	const [[before], indicatorRows, current, allSources, nearby] = await Promise.all([
		// Plans are listed by issue date then id, PLANS_PER_PAGE to a page.
		db
			.select({ n: sql<number>`count(*)` })
			.from(s.plans)
			.where(and(publishedPlan, sql`(${s.plans.issuedOn}, ${s.plans.id}) < (select issued_on, id from plans where id = ${found.plan.id})`)),
		db.select().from(s.indicators).where(inArray(s.indicators.id, indicatorIds)),
		observationsAsOf(db, indicatorIds),
		// Every source is listed for the entry form anyway: the figures' sources come from that one read.
		db.select().from(s.sources).orderBy(asc(s.sources.publisher), asc(s.sources.title)),
		// Indicators sitting beside others (a few dozen at most); the domain picks those beside this target's.
		db.select().from(s.indicators).where(isNotNull(s.indicators.contextOf))
	]);
	const plan = {
		id: found.plan.id,
		title: inLocale(found.plan.titleZh, found.plan.titleEn, locale),
		effectiveFrom: found.plan.effectiveFrom,
		page: Math.floor(Number(before.n) / PLANS_PER_PAGE) + 1
	};
	const indicators = new Map(indicatorRows.map((i) => [i.id, i]));
	// One target is judged in full here (the stored judgement keeps only recent points of the series).
	const asOf = todayIn(new Date(), timeZone);
	const { latest, evaluation } = judgeTargetRow(row, indicators.get(row.indicatorId)!, (id) => current.filter((o) => o.indicatorId === id), asOf, plan.effectiveFrom);
	const indicator = indicators.get(row.indicatorId)!;
	const target = targetSummary(row, clause, inLocale(indicator.nameZh, indicator.nameEn, locale), locale, latest, evaluation);
	const listed = [...current]
		.sort((a, b) => a.indicatorId.localeCompare(b.indicatorId) || b.periodEnd.localeCompare(a.periodEnd))
		.slice(0, shown ?? undefined);
	const sources = new Map<string, FigureSource>(allSources.map((x) => [x.id, { title: x.title, publisher: x.publisher, url: x.url, publishedOn: x.publishedOn }]));
	const sourceOf = (id: string | null) => (id && sources.get(id)) || null;
	const stated = statedShareIndicators(row, nearby);
	const context = contextIndicators(row, nearby);
	const besideIds = [...stated, ...context].map((i) => i.id);
	const nearbyFigures = besideIds.length ? await observationsAsOf(db, besideIds) : [];
	const beside = (list: typeof nearby): BesideIndicator[] =>
		list.map((i) => ({
			id: i.id,
			name: inLocale(i.nameZh, i.nameEn, locale),
			unit: i.unit,
			contextOf: i.contextOf!,
			figures: nearbyFigures
				.filter((o) => o.indicatorId === i.id)
				.sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))
				.map((o) => ({ period: o.period, basis: o.basis, value: o.value, provenance: o.provenance, flags: o.flags, note: o.note, source: sourceOf(o.sourceId) }))
		}));
	const whole = row.shareOfIndicatorId ? indicators.get(row.shareOfIndicatorId) : undefined;
	return {
		shareSeries: whole ? { part: inLocale(indicator.nameZh, indicator.nameEn, locale), whole: inLocale(whole.nameZh, whole.nameEn, locale) } : null,
		statedShares: beside(stated),
		context: beside(context),
		plan,
		target,
		indicators: indicatorIds.map((indicatorId) => {
			const i = indicators.get(indicatorId)!;
			return { id: i.id, name: inLocale(i.nameZh, i.nameEn, locale), unit: i.unit, frequency: i.frequency };
		}),
		sources: allSources.map((x) => ({ id: x.id, label: sourceLabel(x), publishedOn: x.publishedOn })),
		figureCount: current.length,
		observations: await figureRows(db, listed, { indicators, sources, locale, timeZone })
	};
}
