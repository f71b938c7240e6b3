/**
 * What a briefing book says: the chosen plans judged from the figures recorded by the book's data
 * cutoff, and for every target the figures behind it with their sources, as they stood then.
 */
import { inArray } from 'drizzle-orm';
import type { Locale, Provenance } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { observationsAsOf } from '../queries/observations';
import { judgePlans, type PlanSummary } from '../queries/plans';

export interface BookFigure {
	indicatorName: string;
	period: string;
	value: number;
	unit: string;
	provenance: Provenance;
	source: { title: string; publisher: string; url: string; publishedOn: string } | null;
}

export interface BookContent {
	asOf: string;
	dataCutoff: string;
	locale: Locale;
	plans: PlanSummary[];
	/** Target id -> the figures its series is built from, oldest first. */
	figures: Record<string, BookFigure[]>;
	/** Whether any figure in the book is illustrative: then every page says so. */
	illustrative: boolean;
}

export class UnknownPlanError extends Error {
	constructor(readonly planIds: string[]) {
		super(`no plan with id ${planIds.map((id) => `"${id}"`).join(', ')}`);
	}
}

export async function bookContent(
	db: Database,
	request: { asOf: string; dataCutoff: Date; planIds: string[]; locale: Locale }
): Promise<BookContent> {
	const all = await judgePlans(db, request.locale, request.dataCutoff);
	const unknown = request.planIds.filter((id) => !all.some((p) => p.id === id));
	if (unknown.length) throw new UnknownPlanError(unknown);
	const plans = request.planIds.length ? all.filter((p) => request.planIds.includes(p.id)) : all;

	const targetIds = plans.flatMap((p) => p.targets.map((t) => t.id));
	const targetRows = targetIds.length ? await db.select().from(s.targets).where(inArray(s.targets.id, targetIds)) : [];
	const indicatorsOf = new Map(targetRows.map((t) => [t.id, [t.indicatorId, ...(t.shareOfIndicatorId ? [t.shareOfIndicatorId] : [])]]));
	const indicatorIds = [...new Set([...indicatorsOf.values()].flat())];
	const indicators = new Map(
		indicatorIds.length ? (await db.select().from(s.indicators).where(inArray(s.indicators.id, indicatorIds))).map((i) => [i.id, i]) : []
	);
	const observations = await observationsAsOf(db, indicatorIds, request.dataCutoff);
	const sourceIds = [...new Set(observations.map((o) => o.sourceId).filter((id): id is string => id !== null))];
	const sources = new Map(sourceIds.length ? (await db.select().from(s.sources).where(inArray(s.sources.id, sourceIds))).map((x) => [x.id, x]) : []);

	const figures: Record<string, BookFigure[]> = {};
	for (const [targetId, ids] of indicatorsOf) {
		figures[targetId] = observations
			.filter((o) => ids.includes(o.indicatorId))
			.map((o) => {
				const indicator = indicators.get(o.indicatorId)!;
				const source = o.sourceId ? sources.get(o.sourceId) : undefined;
				return {
					indicatorName: request.locale === 'zh' ? indicator.nameZh : indicator.nameEn,
					period: o.period,
					value: o.value,
					unit: indicator.unit,
					provenance: o.provenance,
					source: source ? { title: source.title, publisher: source.publisher, url: source.url, publishedOn: source.publishedOn } : null
				};
			});
	}
	return {
		asOf: request.asOf,
		dataCutoff: request.dataCutoff.toISOString(),
		locale: request.locale,
		plans,
		figures,
		illustrative: Object.values(figures).some((list) => list.some((f) => f.provenance === 'illustrative'))
	};
}
