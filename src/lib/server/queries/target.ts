/** One target's page: its judgement (from the plans listing), the observations behind it with sources, and every version of each. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Frequency, Locale, ObservationBasis, ObservationFlag, Provenance } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { observationsAsOf } from './observations';
import { listPlansWithTargets, type PlanSummary, type TargetSummary } from './plans';

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
	source: { title: string; publisher: string; url: string; publishedOn: string } | null;
	history: { version: number; value: number | null; provenance: Provenance; recordedAt: string; recordedBy: string; reason: string | null; note: string | null }[];
}

export interface TargetDetail {
	plan: Pick<PlanSummary, 'id' | 'title' | 'effectiveFrom'>;
	target: TargetSummary;
	observations: ObservationRow[];
	/** The indicators figures can be entered for: the target's, and a share's parent. */
	indicators: { id: string; name: string; unit: string; frequency: Frequency }[];
	sources: { id: string; label: string }[];
}

export async function targetDetail(db: Database, id: string, locale: Locale): Promise<TargetDetail | null> {
	const plans = await listPlansWithTargets(db, locale);
	const plan = plans.find((p) => p.targets.some((t) => t.id === id));
	const target = plan?.targets.find((t) => t.id === id);
	if (!plan || !target) return null;
	const [row] = await db.select().from(s.targets).where(eq(s.targets.id, id));
	const indicatorIds = [row.indicatorId, ...(row.shareOfIndicatorId ? [row.shareOfIndicatorId] : [])];
	const indicators = new Map((await db.select().from(s.indicators).where(inArray(s.indicators.id, indicatorIds))).map((i) => [i.id, i]));
	const current = await observationsAsOf(db, indicatorIds);
	const ids = current.map((o) => o.observationId);
	const versions = ids.length
		? await db
				.select({ v: s.observationVersions, author: s.users.displayName })
				.from(s.observationVersions)
				.innerJoin(s.users, eq(s.users.id, s.observationVersions.recordedBy))
				.where(inArray(s.observationVersions.observationId, ids))
				.orderBy(asc(s.observationVersions.observationId), asc(s.observationVersions.version))
		: [];
	const sourceIds = [...new Set(current.map((o) => o.sourceId).filter((x): x is string => x !== null))];
	const sources = new Map(sourceIds.length ? (await db.select().from(s.sources).where(inArray(s.sources.id, sourceIds))).map((x) => [x.id, x]) : []);
	const allSources = await db.select().from(s.sources).orderBy(asc(s.sources.publisher), asc(s.sources.title));
	return {
		plan: { id: plan.id, title: plan.title, effectiveFrom: plan.effectiveFrom },
		target,
		indicators: indicatorIds.map((indicatorId) => {
			const i = indicators.get(indicatorId)!;
			return { id: i.id, name: locale === 'zh' ? i.nameZh : i.nameEn, unit: i.unit, frequency: i.frequency };
		}),
		sources: allSources.map((x) => ({ id: x.id, label: `${x.publisher}: ${x.title} (${x.publishedOn})` })),
		observations: current
			.sort((a, b) => a.indicatorId.localeCompare(b.indicatorId) || b.periodEnd.localeCompare(a.periodEnd))
			.map((o) => {
				const indicator = indicators.get(o.indicatorId)!;
				const source = o.sourceId ? sources.get(o.sourceId) : undefined;
				return {
					id: o.observationId,
					indicatorId: o.indicatorId,
					version: o.version,
					indicatorName: locale === 'zh' ? indicator.nameZh : indicator.nameEn,
					period: o.period,
					periodStart: o.periodStart,
					periodEnd: o.periodEnd,
					basis: o.basis,
					value: o.value,
					unit: indicator.unit,
					provenance: o.provenance,
					flags: o.flags,
					note: o.note,
					source: source ? { title: source.title, publisher: source.publisher, url: source.url, publishedOn: source.publishedOn } : null,
					history: versions
						.filter((x) => x.v.observationId === o.observationId)
						.reverse()
						.map(({ v, author }) => ({
							version: v.version,
							value: v.value,
							provenance: v.provenance,
							recordedAt: v.recordedAt.toISOString().slice(0, 10),
							recordedBy: author,
							reason: v.reason,
							note: v.note
						}))
				};
			})
	};
}
