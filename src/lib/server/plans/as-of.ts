/**
 * A plan as it stood at a moment: the latest revision published at or before it. Books and the
 * overview as of a past day read plans this way, so a later revision does not rewrite the past.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import type { PlanBundle } from '../../domain/intake/bundle-schema';

type Db = Database | Transaction;

export interface RevisionAsOf {
	revision: number;
	publishedAt: Date;
}

/**
 * For each plan that has revisions: the revision standing at `cutoff`, or null when the plan was
 * not yet published then. Plans without any revision row (loaded before revisions were kept) are
 * absent: they stand as they are now.
 */
export async function revisionsAsOf(db: Db, planIds: string[], cutoff: Date): Promise<Map<string, RevisionAsOf | null>> {
	if (planIds.length === 0) return new Map();
	const r = s.planRevisions;
	const rows = await db
		.select({
			planId: r.planId,
			standing: sql<number | null>`max(${r.revision}) filter (where ${r.publishedAt} <= ${cutoff.toISOString()})`,
			publishedAt: sql<string | null>`max(${r.publishedAt}) filter (where ${r.publishedAt} <= ${cutoff.toISOString()})`
		})
		.from(r)
		.where(inArray(r.planId, planIds))
		.groupBy(r.planId);
	return new Map(
		rows.map((row) => [row.planId, row.standing === null ? null : { revision: Number(row.standing), publishedAt: new Date(row.publishedAt!) }])
	);
}

/** The bundles of the given revisions. */
export async function revisionBundles(db: Db, wanted: { planId: string; revision: number }[]): Promise<Map<string, PlanBundle>> {
	if (wanted.length === 0) return new Map();
	const r = s.planRevisions;
	const rows = await db
		.select({ planId: r.planId, bundle: r.bundle })
		.from(r)
		.where(sql`(${r.planId}, ${r.revision}) in (${sql.join(wanted.map((w) => sql`(${w.planId}, ${w.revision}::int)`), sql`, `)})`);
	return new Map(rows.map((row) => [row.planId, row.bundle as unknown as PlanBundle]));
}

/** The rows judgePlans reads for a plan, rebuilt from a revision's bundle. */
export function planFromBundle(b: PlanBundle) {
	const clauses = new Map(
		b.clauses.map((c, position) => [
			c.id,
			{ id: c.id, planId: b.plan.id, position, path: c.path, headingZh: c.heading?.zh ?? null, headingEn: c.heading?.en ?? null, textZh: c.text.zh, textEn: c.text.en }
		])
	);
	const indicators = new Map(
		b.indicators.map((i) => [
			i.id,
			{
				id: i.id,
				nameZh: i.name.zh,
				nameEn: i.name.en,
				unit: i.unit,
				frequency: i.frequency,
				measure: i.measure,
				areaZh: i.area.zh,
				areaEn: i.area.en,
				definitionZh: i.definition.zh,
				definitionEn: i.definition.en,
				direction: i.direction
			}
		])
	);
	const p = b.plan;
	return {
		id: p.id,
		titleZh: p.title.zh,
		titleEn: p.title.en,
		issuerZh: p.issuer.zh,
		issuerEn: p.issuer.en,
		documentNumber: p.documentNumber,
		areaZh: p.area.zh,
		areaEn: p.area.en,
		issuedOn: p.issuedOn,
		effectiveFrom: p.effectiveFrom,
		effectiveTo: p.effectiveTo,
		sourceNoteZh: p.sourceNote.zh,
		sourceNoteEn: p.sourceNote.en,
		targets: b.targets.map((t, position) => ({
			id: t.id,
			planId: p.id,
			clauseId: t.clause,
			position,
			quote: t.quote,
			titleZh: t.title.zh,
			titleEn: t.title.en,
			indicatorId: t.indicator,
			comparator: t.comparator,
			value: t.value,
			maxValue: t.max,
			unit: t.unit,
			kind: t.kind,
			baselineValue: t.baseline?.value ?? null,
			baselineDate: t.baseline?.date ?? null,
			baselineImplied: t.baseline?.implied ?? false,
			deadline: t.deadline,
			deadlineBasis: t.deadlineBasis,
			shareOfIndicatorId: t.shareOf,
			noteZh: t.note?.zh ?? null,
			noteEn: t.note?.en ?? null,
			clause: clauses.get(t.clause)!,
			indicator: indicators.get(t.indicator)!
		}))
	};
}
