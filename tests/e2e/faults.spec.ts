/**
 * PostgreSQL restarted under a running server (PostgreSQL only; the embedded folder's kill -9 is
 * crash.spec.ts): an import interrupted mid-commit is rolled back whole and commits on the retry
 * with exactly its rows; a briefing book interrupted mid-run is recorded as failed with a reason
 * and made on the automatic retry; the server reconnects by itself and serves pages again. The
 * test runs a cluster of its own, so restarting it disturbs no other test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/lib/server/auth/accounts';
import { CATALOGUE_USER_ID } from '../../src/lib/server/catalogue/seed-catalogue';
import { readConfig } from '../../src/lib/server/config';
import { prepareDatabase } from '../../src/lib/server/db/prepare';
import * as s from '../../src/lib/server/db/schema';
import { startServer, type RunningServer } from '../../scripts/bench/server';
import { loginCookie, postAction } from './http-session';
import { startPgCluster, type PgCluster } from './pg-cluster';

const ANALYST = { username: 'fault-analyst', password: 'fault-password-1' };
const INDICATORS = 100;
/** Enough rows that the commit's inserts take a couple of seconds, so the restart lands inside them. */
const ROWS = 100_000;

function bigCsv(): Blob {
	const lines = ['indicator,period,value,provenance,note'];
	for (let i = 0; i < INDICATORS; i++) {
		for (let k = 0; k < ROWS / INDICATORS; k++) {
			const month = String((k % 12) + 1).padStart(2, '0');
			// Estimates, not illustrative figures: an analyst imports them, and only admins may record illustrative ones.
			lines.push(`fault.m${String(i).padStart(3, '0')},${1900 + Math.floor(k / 12)}-${month},${(100 + k * 0.5 + (i % 7)).toFixed(2)},estimate,fault test`);
		}
	}
	return new Blob([lines.join('\n') + '\n'], { type: 'text/csv' });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let value: T | undefined;
		try {
			value = await read();
			if (done(value)) return value;
		} catch {
			// the database or the server is away for the moment
		}
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
		await sleep(50);
	}
}

describe.runIf(process.env.PACER_TEST_BACKEND === 'postgres')('PostgreSQL restarted under the server', () => {
	let cluster: PgCluster;
	let server: RunningServer | null = null;
	let dataDir: string;
	let cookie: string;
	/** A fresh connection per question: a restart ends the old ones. */
	const ask = async <T extends object>(query: (sql: postgres.Sql) => Promise<T[]>): Promise<T[]> => {
		const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
		try {
			return await query(sql);
		} finally {
			await sql.end({ timeout: 1 });
		}
	};
	const count = async (where: (sql: postgres.Sql) => Promise<{ n: number }[]>) => (await ask(where))[0].n;

	beforeAll(async () => {
		cluster = await startPgCluster();
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-e2e-faults-'));
		const { handle } = await prepareDatabase({ ...readConfig({}), databaseUrl: cluster.url });
		await createUser(handle.db, { ...ANALYST, role: 'analyst', mustChangePassword: false }, CATALOGUE_USER_ID);
		await handle.db
			.insert(s.indicators)
			.values(
				Array.from({ length: INDICATORS }, (_, i) => ({
					id: `fault.m${String(i).padStart(3, '0')}`,
					nameZh: `故障测试指标${i}`,
					nameEn: `Fault-test indicator ${i}`,
					unit: '个',
					frequency: 'month' as const,
					measure: 'stock' as const,
					areaZh: '—',
					areaEn: '—',
					definitionZh: '故障测试用的示意指标。',
					definitionEn: 'Illustrative indicator for the fault tests.',
					direction: 'higher' as const
				}))
			);
		await handle.close();
		server = await startServer({
			DATABASE_URL: cluster.url,
			PACER_DATA_DIR: dataDir,
			BODY_SIZE_LIMIT: '60M',
			// Retries within seconds rather than a minute, and a worker that looks often.
			PACER_BOOK_RETRY_SECONDS: '2',
			PACER_BOOK_WORKER_INTERVAL_MS: '1000'
		}, { logFile: path.join(dataDir, 'server.log') });
		cookie = await loginCookie(server.base, ANALYST.username, ANALYST.password);
	}, 180_000);
	afterEach(({ task }) => {
		// What the server said, when a test failed: the first thing to read.
		if (task.result?.state !== 'fail') return;
		const child = server?.child;
		console.log(`server exit code ${child?.exitCode}, signal ${child?.signalCode}; its output:\n${fs.readFileSync(path.join(dataDir, 'server.log'), 'utf8').slice(-5000)}`);
	});
	afterAll(async () => {
		if (server) await server.stop();
		cluster?.dispose();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('rolls an import back whole when PostgreSQL restarts mid-commit, and the retry writes every row once', async () => {
		const base = server!.base;
		const form = new FormData();
		form.append('file', bigCsv(), 'fault.csv');
		const preview = await postAction(base, '/import?/preview', cookie, form);
		expect(preview.type).toBe('success');
		const [{ id: importId }] = await ask((sql) => sql<{ id: number }[]>`select max(id)::int as id from imports where status = 'previewed'`);

		const commit = postAction(base, '/import?/commit', cookie, new URLSearchParams({ importId: String(importId) }));
		// Wait until the commit is writing its rows, then restart the server under it.
		await until(
			'the commit to start inserting',
			() => count((sql) => sql`select count(*)::int as n from pg_stat_activity where pid <> pg_backend_pid() and state = 'active' and query ilike '%insert into observation%'`),
			(n) => n > 0,
			30_000
		);
		cluster.restart('fast');
		const failed = await commit;
		expect(failed).toMatchObject({ type: 'failure', status: 503 });
		expect(failed.data).toContain('failed');
		expect(failed.data).toMatch(/terminating connection|CONNECTION_CLOSED|ECONNRESET|ECONNREFUSED/);

		// Nothing of it was written: no observation, no version, the import still only previewed.
		expect(await count((sql) => sql`select count(*)::int as n from observations where indicator_id like 'fault.%'`)).toBe(0);
		expect(await count((sql) => sql`select count(*)::int as n from observation_versions where import_id = ${importId}`)).toBe(0);
		expect(await count((sql) => sql`select count(*)::int as n from imports where id = ${importId} and status = 'previewed'`)).toBe(1);

		// The same server answers again (it reconnects by itself), and the retry commits every row exactly once.
		await until('the import page to answer', async () => (await fetch(`${base}/import`, { headers: { cookie } })).status, (status) => status === 200, 30_000);
		const retried = await postAction(base, '/import?/commit', cookie, new URLSearchParams({ importId: String(importId) }));
		expect(retried).toMatchObject({ type: 'success', status: 200 });
		expect(await count((sql) => sql`select count(*)::int as n from observations where indicator_id like 'fault.%'`)).toBe(ROWS);
		expect(await count((sql) => sql`select count(*)::int as n from observation_versions where import_id = ${importId}`)).toBe(ROWS);
		expect(
			await count((sql) => sql`select count(*)::int as n from (select indicator_id, period_start, period_end, basis from observations where indicator_id like 'fault.%' group by 1, 2, 3, 4 having count(*) > 1) d`)
		).toBe(0);
		expect(await count((sql) => sql`select count(*)::int as n from audit_log where action = 'import.commit' and entity_id = ${String(importId)}`)).toBe(1);
		// A second retry is refused: nothing is written twice.
		expect(await postAction(base, '/import?/commit', cookie, new URLSearchParams({ importId: String(importId) }))).toMatchObject({ type: 'failure', status: 409 });
		expect(await count((sql) => sql`select count(*)::int as n from observation_versions where import_id = ${importId}`)).toBe(ROWS);
	}, 180_000);

	it('records a book run cut off by a PostgreSQL restart as failed with its reason, and makes it on the retry', async () => {
		const base = server!.base;
		const asked = await postAction(base, '/books?/request', cookie, new URLSearchParams({ asOf: '2025-06-30', lang: 'zh', plans: 'shanghai-biomedicine-full-chain-2024' }));
		expect(asked.type).toBe('success');
		const [{ id: bookId }] = await ask((sql) => sql<{ id: number }[]>`select max(id)::int as id from books`);
		await until('the book to be claimed', () => ask((sql) => sql<{ status: string }[]>`select status from books where id = ${bookId}`), (rows) => rows[0]?.status === 'running', 30_000);
		// Down for a few seconds while Chromium prints the book from the server's own pages.
		cluster.stop('immediate');
		await sleep(3_000);
		cluster.start();

		const failed = await until(
			'the failure to be recorded',
			() => ask((sql) => sql<{ status: string; failures: { at: string; reason: string }[] }[]>`select status, failures from books where id = ${bookId}`),
			(rows) => (rows[0]?.failures.length ?? 0) > 0,
			90_000
		);
		const reason = failed[0].failures[0].reason;
		// A reason a person can read: the driver's or the print page's words, not a statement with its parameters.
		expect(reason.length).toBeGreaterThan(0);
		expect(reason.length, reason).toBeLessThan(500);
		expect(reason).not.toContain('Failed query');
		const done = await until(
			'the retry to make the book',
			() => ask((sql) => sql<{ status: string; attempts: number; pdf_bytes: number; failures: unknown[] }[]>`select status, attempts, coalesce(size, 0) as pdf_bytes, failures from books where id = ${bookId}`),
			(rows) => rows[0]?.status === 'done',
			120_000
		);
		expect(done[0].attempts).toBe(done[0].failures.length + 1);
		expect(done[0].pdf_bytes).toBeGreaterThan(10_000);
		const pdf = await fetch(`${base}/books/${bookId}/book.pdf`, { headers: { cookie } });
		expect(pdf.status).toBe(200);
		expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
		// One book row for the one request.
		expect(await count((sql) => sql`select count(*)::int as n from books`)).toBe(1);
	}, 240_000);

	it('serves pages after the restarts without being restarted itself', async () => {
		const base = server!.base;
		const pid = server!.child.pid;
		cluster.restart('immediate');
		await until('the home page to answer', async () => (await fetch(`${base}/`)).status, (status) => status === 200, 30_000);
		for (const page of ['/', '/targets/sh-trial-startup', '/methods', '/books', '/import']) {
			const response = await fetch(`${base}${page}`, { headers: { cookie }, redirect: 'manual' });
			expect(response.status, page).toBe(200);
		}
		expect(server!.child.exitCode).toBeNull();
		expect(server!.child.pid).toBe(pid);
	}, 120_000);
});
