/**
 * A plan as it stood at a moment: the latest revision published at or before it. Books and the
 * overview as of a past day read plans this way, so a later revision does not rewrite the past.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import type { PlanBundle } from '../../domain/intake/bundle-schema';
import { clauseRow, indicatorRow, planRow, targetRow } from './bundle-rows';

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
	const clauses = new Map(b.clauses.map((c, position) => [c.id, clauseRow(c, b.plan.id, position)]));
	const indicators = new Map(b.indicators.map((i) => [i.id, indicatorRow(i)]));
	return {
		...planRow(b.plan),
		targets: b.targets.map((t, position) => ({ ...targetRow(t, b.plan.id, position), clause: clauses.get(t.clause)!, indicator: indicators.get(t.indicator)! }))
	};
}
