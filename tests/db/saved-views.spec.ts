/**
 * Saved views in the database: each person's own, names unique per person, the per-person limit
 * held under concurrent saves, every change in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { CONSOLE_USER_ID, createUser, ensureConsoleUser } from '../../src/lib/server/auth/accounts';
import * as s from '../../src/lib/server/db/schema';
import { deleteView, listSavedViews, renameView, saveView } from '../../src/lib/server/views/saved-views';
import { VIEWS_PER_PERSON } from '../../src/lib/domain/saved-views';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

describe(`saved views on ${backend}`, () => {
	let t: TestDatabase;
	let ann: string;
	let bo: string;
	beforeAll(async () => {
		t = await createMigratedDatabase();
		await ensureConsoleUser(t.handle.db);
		ann = await createUser(t.handle.db, { username: 'ann', role: 'viewer', password: 'ann-password-1', mustChangePassword: false }, CONSOLE_USER_ID);
		bo = await createUser(t.handle.db, { username: 'bo', role: 'analyst', password: 'bo-password-1', mustChangePassword: false }, CONSOLE_USER_ID);
	});
	afterAll(async () => {
		await t?.drop();
	});

	const audit = (entityId: number) =>
		t.handle.db
			.select({ action: s.auditLog.action, userId: s.auditLog.userId, detail: s.auditLog.detail })
			.from(s.auditLog)
			.where(and(eq(s.auditLog.entity, 'saved_view'), eq(s.auditLog.entityId, String(entityId))))
			.orderBy(s.auditLog.id);

	it('saves, lists by name, renames and deletes a person’s own views, each change audited', async () => {
		const db = t.handle.db;
		const missed = await saveView(db, ann, { name: '未完成', query: '?status=missed' });
		const ethics = await saveView(db, ann, { name: 'Ethics', query: '?q=ethics&cols=status%2Cdeadline' });
		if (!('id' in missed) || !('id' in ethics)) throw new Error('not saved');
		expect((await listSavedViews(db, ann)).map((v) => v.name)).toEqual(['Ethics', '未完成']);
		expect(await listSavedViews(db, bo)).toEqual([]);

		expect(await renameView(db, ann, missed.id, '未完成的目标')).toBe('ok');
		expect(await renameView(db, ann, missed.id, 'Ethics')).toBe('duplicate');
		expect(await deleteView(db, ann, ethics.id)).toBe('ok');
		expect(await listSavedViews(db, ann)).toEqual([{ id: missed.id, name: '未完成的目标', query: '?status=missed' }]);

		expect(await audit(missed.id)).toEqual([
			{ action: 'create', userId: ann, detail: { name: '未完成', query: '?status=missed' } },
			{ action: 'rename', userId: ann, detail: { from: '未完成', to: '未完成的目标' } }
		]);
		expect((await audit(ethics.id)).map((a) => a.action)).toEqual(['create', 'delete']);
	});

	it('refuses a name the person already uses, but not one another person uses', async () => {
		const db = t.handle.db;
		expect(await saveView(db, ann, { name: '未完成的目标', query: '' })).toEqual({ refused: 'duplicate' });
		expect(await saveView(db, bo, { name: '未完成的目标', query: '?status=missed' })).toMatchObject({ id: expect.any(Number) });
	});

	it('lets no one rename or delete another person’s view', async () => {
		const db = t.handle.db;
		const [view] = await listSavedViews(db, ann);
		expect(await renameView(db, bo, view.id, 'mine now')).toBe('not_found');
		expect(await deleteView(db, bo, view.id)).toBe('not_found');
		expect(await deleteView(db, ann, 999_999)).toBe('not_found');
		expect((await listSavedViews(db, ann))[0].name).toBe('未完成的目标');
	});

	it(`holds the limit of ${VIEWS_PER_PERSON} views per person, even when saves arrive at once`, async () => {
		const db = t.handle.db;
		const before = (await listSavedViews(db, ann)).length;
		const outcomes = await Promise.all(
			Array.from({ length: VIEWS_PER_PERSON + 5 - before }, (_, i) => saveView(db, ann, { name: `view ${i}`, query: `?q=${i}` }))
		);
		expect(outcomes.filter((o) => 'refused' in o)).toEqual(Array(5).fill({ refused: 'limit' }));
		expect(await listSavedViews(db, ann)).toHaveLength(VIEWS_PER_PERSON);
		// Another person's views do not count against hers, nor hers against theirs.
		expect(await saveView(db, bo, { name: 'one more', query: '' })).toMatchObject({ id: expect.any(Number) });
	});

	it('refuses an empty or overlong name in the database too', async () => {
		const db = t.handle.db;
		await expect(db.insert(s.savedViews).values({ userId: bo, name: '', query: '' })).rejects.toThrow();
		await expect(db.insert(s.savedViews).values({ userId: bo, name: 'x'.repeat(61), query: '' })).rejects.toThrow();
	});

});
