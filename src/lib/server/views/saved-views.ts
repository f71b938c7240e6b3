/**
 * Saved views: each person's named explorer queries. A person reads and changes only their own;
 * every change is audited. Limits (domain/saved-views.ts) are checked in the write's transaction.
 */
import { and, asc, count, eq, ne } from 'drizzle-orm';
import { VIEWS_PER_PERSON } from '../../domain/saved-views';
import type { Database } from '../db/open';
import * as s from '../db/schema';

export interface SavedView {
	id: number;
	name: string;
	query: string;
}

/** Why a write was refused: a name the person already uses, too many views, or not their view. */
export type ViewRefusal = 'duplicate' | 'limit' | 'not_found';

export async function listSavedViews(db: Database, userId: string): Promise<SavedView[]> {
	return db
		.select({ id: s.savedViews.id, name: s.savedViews.name, query: s.savedViews.query })
		.from(s.savedViews)
		.where(eq(s.savedViews.userId, userId))
		.orderBy(asc(s.savedViews.name), asc(s.savedViews.id));
}

/** Saves a view under a new name; the query is already normalised (viewQuery). */
export async function saveView(db: Database, userId: string, view: { name: string; query: string }): Promise<{ id: number } | { refused: ViewRefusal }> {
	return db.transaction(async (tx) => {
		// The person's row is the lock: two saves at once cannot both pass the count.
		await tx.select({ id: s.users.id }).from(s.users).where(eq(s.users.id, userId)).for('update');
		const [{ n }] = await tx.select({ n: count() }).from(s.savedViews).where(eq(s.savedViews.userId, userId));
		if (n >= VIEWS_PER_PERSON) return { refused: 'limit' as const };
		const same = await tx
			.select({ id: s.savedViews.id })
			.from(s.savedViews)
			.where(and(eq(s.savedViews.userId, userId), eq(s.savedViews.name, view.name)));
		if (same.length) return { refused: 'duplicate' as const };
		const [row] = await tx.insert(s.savedViews).values({ userId, ...view }).returning({ id: s.savedViews.id });
		await tx.insert(s.auditLog).values({ userId, action: 'create', entity: 'saved_view', entityId: String(row.id), detail: { ...view } });
		return { id: row.id };
	});
}

export async function renameView(db: Database, userId: string, id: number, name: string): Promise<'ok' | ViewRefusal> {
	return db.transaction(async (tx) => {
		await tx.select({ id: s.users.id }).from(s.users).where(eq(s.users.id, userId)).for('update');
		const [view] = await tx
			.select()
			.from(s.savedViews)
			.where(and(eq(s.savedViews.id, id), eq(s.savedViews.userId, userId)));
		if (!view) return 'not_found';
		if (view.name === name) return 'ok';
		const same = await tx
			.select({ id: s.savedViews.id })
			.from(s.savedViews)
			.where(and(eq(s.savedViews.userId, userId), eq(s.savedViews.name, name), ne(s.savedViews.id, id)));
		if (same.length) return 'duplicate';
		await tx.update(s.savedViews).set({ name, updatedAt: new Date() }).where(eq(s.savedViews.id, id));
		await tx.insert(s.auditLog).values({ userId, action: 'rename', entity: 'saved_view', entityId: String(id), detail: { from: view.name, to: name } });
		return 'ok';
	});
}

export async function deleteView(db: Database, userId: string, id: number): Promise<'ok' | 'not_found'> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.delete(s.savedViews)
			.where(and(eq(s.savedViews.id, id), eq(s.savedViews.userId, userId)))
			.returning({ name: s.savedViews.name, query: s.savedViews.query });
		if (!rows.length) return 'not_found';
		await tx.insert(s.auditLog).values({ userId, action: 'delete', entity: 'saved_view', entityId: String(id), detail: { ...rows[0] } });
		return 'ok';
	});
}
