/**
 * PACER_WORKERS: `npm start` (scripts/start.mjs) as a node:cluster of worker processes on one
 * port and one PostgreSQL database. Refused clearly without DATABASE_URL (PGlite's folder belongs
 * to one process) or with a bad count; with PostgreSQL: two workers answer, a dead worker is
 * replaced while the port keeps answering, two wall screens on the port (whichever worker holds
 * their stream) update within seconds of a correction, a scheduled book is printed once (its print
 * tokens admitted by whichever worker serves Chromium), and SIGTERM stops the whole cluster.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSchedule } from '../../src/lib/server/books/archive';
import { CATALOGUE_USER_ID } from '../../src/lib/server/catalogue/seed-catalogue';
import { readConfig } from '../../src/lib/server/config';
import { prepareDatabase } from '../../src/lib/server/db/prepare';
import { sharedDatabase, type SharedDatabase } from './shared-database';
import { startServer, type RunningServer } from '../../scripts/bench/server';
import { workersWanted } from '../../scripts/start.mjs';
import { launchChromium, watchConsole } from './browser';
import { loginCookie, postAction } from './http-session';

const ANALYST = { username: 'workers-analyst', password: 'workers-password-1' };
const PLAN = 'shanghai-biomedicine-full-chain-2024';
const TARGET = 'sh-trial-startup';
const INDICATOR = 'sh.trial-startup-time';

/** The launcher's output and exit code when it refuses to start. */
function refusal(env: NodeJS.ProcessEnv): { status: number | null; output: string; ms: number } {
	const started = Date.now();
	const { DATABASE_URL: _, ...rest } = process.env;
	const run = spawnSync(process.execPath, ['scripts/start.mjs'], { env: { ...rest, PORT: '1', ...env }, encoding: 'utf8', timeout: 20_000 });
	return { status: run.status, output: `${run.stdout}${run.stderr}`, ms: Date.now() - started };
}

/** The worker processes of a cluster's primary. */
function workerPids(primary: number): number[] {
	const run = spawnSync('ps', ['-o', 'pid=', '--ppid', String(primary)], { encoding: 'utf8' });
	return run.stdout
		.split('\n')
		.map((line) => Number(line.trim()))
		.filter((pid) => pid > 0);
}

describe('PACER_WORKERS is refused when it cannot hold', () => {
	it('refuses a cluster on PGlite and a count that is not one, at once and saying why', () => {
		const pglite = refusal({ PACER_WORKERS: '2', PACER_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-workers-')) });
		expect(pglite.status).toBe(1);
		expect(pglite.output).toContain('needs DATABASE_URL');
		expect(pglite.ms).toBeLessThan(10_000);
		const bad = refusal({ PACER_WORKERS: 'two', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
		expect(bad.status).toBe(1);
		expect(bad.output).toContain('PACER_WORKERS must be a whole number');
		expect(workersWanted({ PACER_WORKERS: 'auto', DATABASE_URL: 'x' })).toEqual({ count: os.availableParallelism() });
		expect(workersWanted({})).toEqual({ count: 1 });
		expect(workersWanted({ PACER_WORKERS: '1' })).toEqual({ count: 1 });
	});
});

describe.runIf(process.env.PACER_TEST_BACKEND === 'postgres')('a cluster of two workers on one PostgreSQL database', () => {
	let shared: SharedDatabase;
	let db: postgres.Sql;
	const name = `pacer_workers_${process.pid}`;
	let url: string;
	let server: RunningServer;
	let logDir: string;
	let token: string;
	let browser: Browser;

	beforeAll(async () => {
		shared = await sharedDatabase(name, ANALYST, { plan: PLAN, target: TARGET });
		({ url, token, db } = shared);
		logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-e2e-workers-'));
		server = await startServer(
			{
				DATABASE_URL: url,
				PACER_WORKERS: '2',
				PACER_DATA_DIR: path.join(logDir, 'data'),
				// A minute between polls: a screen updated within seconds was told by NOTIFY.
				PACER_SCREEN_POLL_MS: '60000',
				PACER_BOOK_WORKER_INTERVAL_MS: '1000',
				PACER_ALERT_WORKER: 'off'
			},
			{ logFile: path.join(logDir, 'server.log'), entry: 'scripts/start.mjs' }
		);
		browser = await launchChromium();
	}, 180_000);
	afterEach(({ task }) => {
		if (task.result?.state === 'fail') console.log(`--- cluster:\n${fs.readFileSync(path.join(logDir, 'server.log'), 'utf8').slice(-3000)}`);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await shared?.drop();
		if (logDir) fs.rmSync(logDir, { recursive: true, force: true });
	});

	it('runs two workers and replaces one that dies while the port keeps answering', async () => {
		await expect.poll(() => workerPids(server.child.pid!).length, { timeout: 30_000, interval: 200 }).toBe(2);
		const [victim] = workerPids(server.child.pid!);
		process.kill(victim, 'SIGKILL');
		// A connection the primary hands over in the instant before it learns of the death is lost (a
		// node:cluster race), so each request here gives up after a few seconds; later ones must all answer.
		const answers = async () => {
			const statuses = await Promise.all(
				Array.from({ length: 6 }, () =>
					fetch(`${server.base}/methods`, { signal: AbortSignal.timeout(5_000) }).then(
						(r) => r.status,
						() => 0
					)
				)
			);
			return statuses.filter((status) => status === 200).length;
		};
		await expect
			.poll(
				() => {
					const pids = workerPids(server.child.pid!);
					return pids.length === 2 && !pids.includes(victim);
				},
				{ timeout: 60_000, interval: 250 }
			)
			.toBe(true);
		await expect.poll(answers, { timeout: 30_000, interval: 500 }).toBe(6);
		// And keep answering.
		expect(await answers()).toBe(6);
	}, 90_000);

	it('updates every open wall screen within seconds of a correction, whichever worker holds its stream', async () => {
		const cookie = await loginCookie(server.base, ANALYST.username, ANALYST.password);
		const saved = await postAction(server.base, `/targets/${TARGET}?/add`, cookie, new URLSearchParams({ indicatorId: INDICATOR, basis: 'period', period: '2029', value: '19', provenance: 'estimate', confirm: 'period_not_ended' }));
		expect(saved.type).toBe('success');
		const screens = await Promise.all(
			[0, 1, 2].map(async () => {
				const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
				const problems = watchConsole(page);
				await page.goto(`${server.base}/screen/${token}`, { waitUntil: 'networkidle' });
				return { page, problems, big: page.locator(`[data-target="${TARGET}"].card .big`) };
			})
		);
		for (const { big } of screens) await expect.poll(() => big.textContent(), { timeout: 10_000 }).toContain('19');
		const [observation] = await db<{ id: number; version: number }[]>`
			select o.id, max(v.version)::int as version from observations o join observation_versions v on v.observation_id = o.id
			where o.indicator_id = ${INDICATOR} and o.period = '2029' group by o.id`;
		const corrected = await postAction(
			server.base,
			`/targets/${TARGET}?/correct`,
			cookie,
			new URLSearchParams({ observationId: String(observation.id), expectedVersion: String(observation.version), value: '17', provenance: 'estimate', reason: 'workers test', confirm: 'period_not_ended' })
		);
		expect(corrected.type).toBe('success');
		const savedAt = Date.now();
		for (const { big } of screens) await expect.poll(() => big.textContent(), { timeout: 10_000, interval: 100 }).toContain('17');
		expect(Date.now() - savedAt).toBeLessThan(5_000);
		for (const { page, problems } of screens) {
			expect(problems).toEqual([]);
			await page.context().close();
		}
	}, 90_000);

	it('prints a scheduled book once, though both workers run the book worker', async () => {
		const tick = new Date(Math.floor(Date.now() / 60_000) * 60_000);
		const cron = `${tick.getUTCMinutes()} ${tick.getUTCHours()} ${tick.getUTCDate()} ${tick.getUTCMonth() + 1} *`;
		const { handle } = await prepareDatabase({ ...readConfig({}), databaseUrl: url }, { seed: false });
		let scheduleId: number;
		try {
			scheduleId = await createSchedule(handle.db, { name: 'workers-once', cron, timeZone: 'UTC', planIds: [PLAN], locale: 'en' }, CATALOGUE_USER_ID);
			await handle.db.execute(`update book_schedules set updated_at = '${new Date(tick.getTime() - 60_000).toISOString()}' where id = ${scheduleId}` as never);
		} finally {
			await handle.close();
		}
		let books: { id: number; status: string; attempts: number; failures: unknown[] }[] = [];
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			books = await db`select id, status, attempts, failures from books where schedule_id = ${scheduleId}`;
			if (books.some((book) => book.status !== 'pending' && book.status !== 'running')) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		await new Promise((r) => setTimeout(r, 3_000));
		books = await db`select id, status, attempts, failures from books where schedule_id = ${scheduleId}`;
		expect(books).toHaveLength(1);
		expect(books[0]).toMatchObject({ status: 'done', attempts: 1, failures: [] });
	}, 180_000);

	it('stops every worker on SIGTERM', async () => {
		const primary = server.child.pid!;
		const workers = workerPids(primary);
		expect(workers).toHaveLength(2);
		const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
		server.child.kill('SIGTERM');
		expect(await exited).toBe(0);
		for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
	}, 60_000);
});

// The launcher is plain JavaScript run by node: keep it loadable without the build.
describe('scripts/start.mjs', () => {
	it('does not start anything when imported', () => {
		const child = spawn(process.execPath, ['-e', "import('./scripts/start.mjs').then(m => console.log(typeof m.workersWanted))"], { stdio: 'pipe' });
		return new Promise<void>((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (d) => (out += d));
			child.on('exit', (code) => (code === 0 && out.trim() === 'function' ? resolve() : reject(new Error(`${code} ${out}`))));
		});
	});
});
