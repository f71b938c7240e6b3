/**
 * Reads commentary on targets: the note current at a moment (now for pages and the wall, a book's
 * data cutoff for books: versions recorded later do not count, so a re-made book says the same),
 * and a target's whole history.
 */
import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import type { TargetComment } from '../../domain/commentary';
import type { Database } from '../db/open';
import * as s from '../db/schema';

const c = s.targetComments;
const COLUMNS = { targetId: c.targetId, version: c.version, text: c.text, asOf: c.asOf, author: s.users.displayName, recordedAt: c.recordedAt };

const comment = (r: { version: number; text: string; asOf: string | null; author: string; recordedAt: Date }): TargetComment => ({
	version: r.version,
	text: r.text,
	asOf: r.asOf,
	author: r.author,
	recordedAt: r.recordedAt.toISOString()
});

/**
 * Each target's newest commentary version recorded by `cutoff` (default: now); targets without one are absent.
 * @example (await currentComments(db, ['pd-industry-scale'], bookCutoff)).get('pd-industry-scale')?.version
 */
export async function currentComments(db: Database, targetIds: string[], cutoff?: Date): Promise<Map<string, TargetComment>> {
	if (!targetIds.length) return new Map();
	const rows = await db
		.selectDistinctOn([c.targetId], COLUMNS)
		.from(c)
		.innerJoin(s.users, eq(s.users.id, c.recordedBy))
		.where(and(inArray(c.targetId, targetIds), cutoff ? lte(c.recordedAt, cutoff) : undefined))
		.orderBy(c.targetId, desc(c.version));
	return new Map(rows.map((r) => [r.targetId, comment(r)]));
}

/** Every version of one target's commentary, newest first. */
export async function commentHistory(db: Database, targetId: string): Promise<TargetComment[]> {
	const rows = await db.select(COLUMNS).from(c).innerJoin(s.users, eq(s.users.id, c.recordedBy)).where(eq(c.targetId, targetId)).orderBy(desc(c.version));
	return rows.map(comment);
}
