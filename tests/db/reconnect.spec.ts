/**
 * The PostgreSQL pool through sessions ended under it (PostgreSQL only): what a restart does to
 * each connection, here one backend at a time with pg_terminate_backend (57P01). A transaction
 * whose backend dies must reject, not take the process down (postgres.js 3.4.9 threw from a
 * setImmediate, repaired by scripts/patch-postgres.mjs), and the pool must serve every later
 * query: no connection left wedged.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

describe.runIf(backend === 'postgres')('the PostgreSQL pool when sessions are ended under it', () => {
	let t: TestDatabase;
	let killer: postgres.Sql;
	const uncaught: unknown[] = [];
	const record = (e: unknown) => uncaught.push(e);
	beforeAll(async () => {
		t = await createMigratedDatabase();
		killer = postgres(t.url!, { max: 1, onnotice: () => {} });
		process.on('uncaughtException', record);
	});
	afterAll(async () => {
		process.off('uncaughtException', record);
		await killer?.end();
		await t?.drop();
	});

	const pidOf = async (run: (query: ReturnType<typeof sql>) => Promise<unknown>) => {
		const result = (await run(sql`select pg_backend_pid() as pid`)) as { pid: number }[];
		return result[0].pid;
	};

	it('rejects a transaction whose backend is terminated, and every later query succeeds', async () => {
		const db = t.handle.db;
		for (let round = 0; round < 3; round++) {
			let pid: number | null = null;
			const outcome = db
				.transaction(async (tx) => {
					pid = await pidOf((q) => tx.execute(q));
					await tx.execute(sql`select pg_sleep(5)`);
				})
				.then(
					() => 'committed',
					(e: Error) => e
				);
			while (pid === null) await new Promise((r) => setTimeout(r, 20));
			await killer`select pg_terminate_backend(${pid})`;
			expect(await outcome).toBeInstanceOf(Error);
			// Let any stray timer of the dead connection fire.
			await new Promise((r) => setTimeout(r, 200));
		}
		// More queries at once than the pool has connections: each one must be answered.
		const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => db.execute(sql`select ${i}::int as i`)));
		expect(answers).toHaveLength(30);
		expect(uncaught).toEqual([]);
	});

	it('survives a session ended while the start-up lock is held', async () => {
		let pid: number | null = null;
		const run = t.handle.exclusive(async () => {
			const [row] = (await killer`select pid from pg_locks where locktype = 'advisory' and granted`) as unknown as { pid: number }[];
			pid = row.pid;
			await killer`select pg_terminate_backend(${pid})`;
			await new Promise((r) => setTimeout(r, 200));
		});
		// The unlock on the dead session fails: the run says so, and the process lives on.
		await expect(run).rejects.toThrow();
		expect(pid).not.toBeNull();
		const [{ n }] = (await t.handle.db.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory'`)) as unknown as { n: number }[];
		expect(n).toBe(0);
		expect(uncaught).toEqual([]);
	});
});
