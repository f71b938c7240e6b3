/** One target's page: its judgement (judged here in full, from the same figures), the observations behind it with sources, and every version of each. */
import { inLocale } from '../../domain/plan';
import { sourceLabel } from '../../domain/import-rows';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { PLANS_PER_PAGE } from '../../domain/overview';
import type { Frequency, Locale, ObservationBasis, ObservationFlag, Provenance } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { observationsAsOf } from './observation-reads';
import { localDay, todayIn } from '../../domain/dates';
import { deploymentTimeZone } from '../config';
import { judgeTargetRow } from './judge-input';
import { targetSummary, type PlanSummary, type TargetSummary } from './plans';
import { publishedPlan } from './published';
import { contextIndicators, statedShareIndicators, type BesideIndicator } from '../../domain/share';

export interface ObservationRow {
	id: number;
	indicatorId: string;
	/** The newest version: a correction must name it (optimistic lock). */
	version: number;
	indicatorName: string;
	period: string;
	periodStart: string;
	periodEnd: string;
	basis: ObservationBasis;
	value: number;
	unit: string;
	provenance: Provenance;
	flags: ObservationFlag[];
	note: string | null;
	/** The current version's source, which a correction keeps unless another is chosen. */
	sourceId: string | null;
	source: { title: string; publisher: string; url: string; publishedOn: string } | null;
	history: {
		version: number;
		value: number | null;
		provenance: Provenance;
		recordedAt: string;
		recordedBy: string;
		/** Recorded by the catalogue loader (a system account, named in the reader's language). */
		recordedBySystem: boolean;
		reason: string | null;
		note: string | null;
		/** A figure that came in through a data round: who reported it, for which unit (recordedBy approved it). */
		reportedBy: { name: string; unit: string } | null;
	}[];
}

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
	// Plans are listed by issue date then id, PLANS_PER_PAGE to a page.
	const [before] = await db
		.select({ n: sql<number>`count(*)` })
		.from(s.plans)
		.where(and(publishedPlan, sql`(${s.plans.issuedOn}, ${s.plans.id}) < (select issued_on, id from plans where id = ${found.plan.id})`));
	const plan = {
		id: found.plan.id,
		title: inLocale(found.plan.titleZh, found.plan.titleEn, locale),
		effectiveFrom: found.plan.effectiveFrom,
		page: Math.floor(Number(before.n) / PLANS_PER_PAGE) + 1
	};
	const indicatorIds = [row.indicatorId, ...(row.shareOfIndicatorId ? [row.shareOfIndicatorId] : [])];
	const indicators = new Map((await db.select().from(s.indicators).where(inArray(s.indicators.id, indicatorIds))).map((i) => [i.id, i]));
	const current = await observationsAsOf(db, indicatorIds);
	// One target is judged in full here (the stored judgement keeps only recent points of the series).
	const asOf = todayIn(new Date(), timeZone);
	const { latest, evaluation } = judgeTargetRow(row, indicators.get(row.indicatorId)!, (id) => current.filter((o) => o.indicatorId === id), asOf, plan.effectiveFrom);
	const indicator = indicators.get(row.indicatorId)!;
	const target = targetSummary(row, clause, inLocale(indicator.nameZh, indicator.nameEn, locale), locale, latest, evaluation);
	const listed = [...current]
		.sort((a, b) => a.indicatorId.localeCompare(b.indicatorId) || b.periodEnd.localeCompare(a.periodEnd))
		.slice(0, shown ?? undefined);
	const ids = listed.map((o) => o.observationId);
	// The approved round submission behind a version, if any: its reporter and the unit that was asked.
	const reportedBy = db
		.select({ versionId: s.roundSubmissions.observationVersionId, name: s.users.displayName, unitZh: s.organisations.nameZh, unitEn: s.organisations.nameEn })
		.from(s.roundSubmissions)
		.innerJoin(s.users, eq(s.users.id, s.roundSubmissions.submittedBy))
		.innerJoin(s.roundRequests, eq(s.roundRequests.id, s.roundSubmissions.requestId))
		.innerJoin(s.organisations, eq(s.organisations.id, s.roundRequests.organisationId))
		.where(isNotNull(s.roundSubmissions.observationVersionId))
		.as('reported_by');
	const versions = ids.length
		? await db
				.select({ v: s.observationVersions, author: s.users.displayName, authorIsSystem: s.users.isSystem, reporter: reportedBy.name, reporterUnitZh: reportedBy.unitZh, reporterUnitEn: reportedBy.unitEn })
				.from(s.observationVersions)
				.innerJoin(s.users, eq(s.users.id, s.observationVersions.recordedBy))
				.leftJoin(reportedBy, eq(reportedBy.versionId, s.observationVersions.id))
				.where(inArray(s.observationVersions.observationId, ids))
				.orderBy(asc(s.observationVersions.observationId), asc(s.observationVersions.version))
		: [];
	// Every source is listed for the entry form anyway: the figures' sources come from that one read.
	const allSources = await db.select().from(s.sources).orderBy(asc(s.sources.publisher), asc(s.sources.title));
	const sources = new Map(allSources.map((x) => [x.id, x]));
	const sourceOf = (id: string | null) => {
		const x = id ? sources.get(id) : undefined;
		return x ? { title: x.title, publisher: x.publisher, url: x.url, publishedOn: x.publishedOn } : null;
	};
	// Indicators sitting beside others (a few dozen at most); the domain picks those beside this target's.
	const nearby = await db.select().from(s.indicators).where(isNotNull(s.indicators.contextOf));
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
		observations: listed.map((o) => {
			const indicator = indicators.get(o.indicatorId)!;
			const source = o.sourceId ? sources.get(o.sourceId) : undefined;
			return {
				id: o.observationId,
				indicatorId: o.indicatorId,
				version: o.version,
				indicatorName: inLocale(indicator.nameZh, indicator.nameEn, locale),
				period: o.period,
				periodStart: o.periodStart,
				periodEnd: o.periodEnd,
				basis: o.basis,
				value: o.value,
				unit: indicator.unit,
				provenance: o.provenance,
				flags: o.flags,
				note: o.note,
				sourceId: o.sourceId,
				source: source ? { title: source.title, publisher: source.publisher, url: source.url, publishedOn: source.publishedOn } : null,
				history: versions
					.filter((x) => x.v.observationId === o.observationId)
					.reverse()
					.map(({ v, author, authorIsSystem, reporter, reporterUnitZh, reporterUnitEn }) => ({
						version: v.version,
						value: v.value,
						provenance: v.provenance,
						// The day it was recorded where the deployment is, not in UTC.
						recordedAt: localDay(v.recordedAt, timeZone),
						recordedBy: author,
						recordedBySystem: authorIsSystem,
						reason: v.reason,
						note: v.note,
						reportedBy: reporter ? { name: reporter, unit: inLocale(reporterUnitZh ?? '', reporterUnitEn ?? '', locale) } : null
					}))
			};
		})
	};
}
