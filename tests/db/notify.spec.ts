/**
 * Committed changes of the data are announced to every listening process (trigger on audit_log,
 * migration 0006): the wall screens of every instance update at once rather than at the next poll.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_USER_ID, ensureConsoleUser } from '../../src/lib/server/auth/accounts';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/open';
import * as s from '../../src/lib/server/db/schema';
import { createBoard } from '../../src/lib/server/queries/boards';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

/** Counts calls of a watchData callback, and waits for the count to reach a number. */
function counter() {
	let calls = 0;
	const waiters: (() => void)[] = [];
	return {
		bump: () => {
			calls++;
			waiters.splice(0).forEach((w) => w());
		},
		get calls() {
			return calls;
		},
		async reach(n: number, timeoutMs = 5_000) {
			const deadline = Date.now() + timeoutMs;
			while (calls < n && Date.now() < deadline) await new Promise<void>((r) => (waiters.push(r), setTimeout(r, 50)));
			return calls;
		}
	};
}

describe(`data-change notifications on ${backend}`, () => {
	let t: TestDatabase;
	let second: DatabaseHandle;
	beforeAll(async () => {
		t = await createMigratedDatabase();
		await seedCatalogue(t.handle.db, loadCatalogue(path.resolve('catalogue')));
		await ensureConsoleUser(t.handle.db);
		// Another app instance on PostgreSQL; PGlite has one process only.
		second = t.url ? await openDatabase({ databaseUrl: t.url, dataDir: '' }) : t.handle;
	});
	afterAll(async () => {
		if (second && second !== t.handle) await second.close();
		await t?.drop();
	});

	it('tells this process and every other instance once per committed change, and nothing for a rolled-back one', async () => {
		const here = counter();
		const there = counter();
		const stopHere = t.handle.watchData(here.bump);
		const stopThere = second.watchData(there.bump);
		// The first LISTEN reports itself once (onlisten) on PostgreSQL: wait for that to settle.
		await new Promise((r) => setTimeout(r, 500));
		const [baseHere, baseThere] = [here.calls, there.calls];

		await createBoard(t.handle.db, { name: 'notify', locale: 'zh', planIds: [], headlineTargetIds: [], pages: ['headline'], rotationSeconds: 20 }, CONSOLE_USER_ID);
		expect(await here.reach(baseHere + 1)).toBe(baseHere + 1);
		expect(await there.reach(baseThere + 1)).toBe(baseThere + 1);

		// Two audit rows in one transaction: one notification, sent at commit.
		await t.handle.db.transaction(async (tx) => {
			await tx.insert(s.auditLog).values({ userId: CONSOLE_USER_ID, action: 'test', entity: 'test', entityId: '1', detail: {} });
			await tx.insert(s.auditLog).values({ userId: CONSOLE_USER_ID, action: 'test', entity: 'test', entityId: '2', detail: {} });
		});
		expect(await there.reach(baseThere + 2)).toBe(baseThere + 2);

		// Rolled back: nothing is said.
		await expect(
			t.handle.db.transaction(async (tx) => {
				await tx.insert(s.auditLog).values({ userId: CONSOLE_USER_ID, action: 'test', entity: 'test', entityId: '3', detail: {} });
				throw new Error('rolled back on purpose');
			})
		).rejects.toThrow('rolled back on purpose');
		await new Promise((r) => setTimeout(r, 700));
		expect(here.calls).toBe(baseHere + 2);
		expect(there.calls).toBe(baseThere + 2);

		// Unsubscribed: no more calls.
		stopHere();
		stopThere();
		await t.handle.db.insert(s.auditLog).values({ userId: CONSOLE_USER_ID, action: 'test', entity: 'test', entityId: '4', detail: {} });
		await new Promise((r) => setTimeout(r, 700));
		expect([here.calls, there.calls]).toEqual([baseHere + 2, baseThere + 2]);
	});

	it.runIf(backend === 'postgres')('listens again after its listening connection is cut, as by a restart, and says so', async () => {
		const there = counter();
		const stop = second.watchData(there.bump);
		const killer = (await import('postgres')).default(t.url!, { max: 1, onnotice: () => {} });
		try {
			const cut = await killer`select pg_terminate_backend(pid) from pg_stat_activity
				where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`;
			expect(cut.length).toBeGreaterThan(0);
			// postgres.js reconnects and listens again; the instance is told once (to read what it missed).
			expect(await there.reach(1)).toBe(1);
			await createBoard(t.handle.db, { name: 'after the cut', locale: 'en', planIds: [], headlineTargetIds: [], pages: ['headline'], rotationSeconds: 20 }, CONSOLE_USER_ID);
			expect(await there.reach(2)).toBe(2);
		} finally {
			stop();
			await killer.end();
		}
	});
});
