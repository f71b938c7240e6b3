/**
 * Two app instances (node build, two ports) on one PostgreSQL database, as behind a load
 * balancer: a figure saved through one is on the next page of the other, a session made on one is
 * valid on the other, a wall screen open on one updates within a couple of seconds of a
 * correction made through the other (the screens' poll is set to a minute here, so only the
 * database's NOTIFY can do that), and a scheduled book is made once, by one of them.
 * PostgreSQL only: PGlite's folder belongs to one process.
 */
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
import { launchChromium, watchConsole } from './browser';
import { loginCookie, postAction } from './http-session';

const ANALYST = { username: 'instances-analyst', password: 'instances-password-1' };
const PLAN = 'shanghai-biomedicine-full-chain-2024';
const TARGET = 'sh-trial-startup';

describe.runIf(process.env.PACER_TEST_BACKEND === 'postgres')('two instances on one PostgreSQL database', () => {
	let shared: SharedDatabase;
	let db: postgres.Sql;
	const name = `pacer_instances_${process.pid}`;
	let url: string;
	let a: RunningServer;
	let b: RunningServer;
	let logDir: string;
	let token: string;
	let browser: Browser;

	beforeAll(async () => {
		shared = await sharedDatabase(name, ANALYST, { plan: PLAN, target: TARGET });
		({ url, token, db } = shared);

		logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-e2e-instances-'));
		const env = (label: string) => ({
			DATABASE_URL: url,
			PACER_DATA_DIR: path.join(logDir, label),
			// A minute between polls: a screen updated within seconds was told by NOTIFY.
			PACER_SCREEN_POLL_MS: '60000',
			PACER_BOOK_WORKER_INTERVAL_MS: '1000'
		});
		// Started together: start-up migration and seeding take turns under the advisory lock.
		[a, b] = await Promise.all([
			startServer(env('a'), { logFile: path.join(logDir, 'a.log') }),
			startServer(env('b'), { logFile: path.join(logDir, 'b.log') })
		]);
		browser = await launchChromium();
	}, 180_000);
	afterEach(({ task }) => {
		if (task.result?.state !== 'fail') return;
		for (const label of ['a', 'b']) console.log(`--- instance ${label}:\n${fs.readFileSync(path.join(logDir, `${label}.log`), 'utf8').slice(-3000)}`);
	});
	afterAll(async () => {
		await browser?.close();
		await Promise.all([a?.stop(), b?.stop()]);
		await shared?.drop();
		if (logDir) fs.rmSync(logDir, { recursive: true, force: true });
	});

	it('knows a session made on the other instance', async () => {
		const cookie = await loginCookie(a.base, ANALYST.username, ANALYST.password);
		for (const page of ['/books', '/import']) {
			const response = await fetch(`${b.base}${page}`, { headers: { cookie }, redirect: 'manual' });
			expect(response.status, page).toBe(200);
		}
		// And no session at all is still refused there.
		expect((await fetch(`${b.base}/import`, { redirect: 'manual' })).status).not.toBe(200);
	});

	it('shows a figure saved through one instance on the next request to the other', async () => {
		const cookie = await loginCookie(a.base, ANALYST.username, ANALYST.password);
		const saved = await postAction(a.base, `/targets/${TARGET}?/add`, cookie, new URLSearchParams({ indicatorId: 'sh.trial-startup-time', basis: 'period', period: '2029', value: '19', provenance: 'estimate', confirm: 'period_not_ended' }));
		expect(saved.type).toBe('success');
		const csv = await (await fetch(`${b.base}/targets/${TARGET}/figures.csv`)).text();
		const rows = csv.split('\r\n').map((line) => line.split(','));
		expect(rows.filter((cells) => cells[1] === '2029').map((cells) => cells[5])).toEqual(['19']);
		const page = await (await fetch(`${b.base}/targets/${TARGET}?lang=en`)).text();
		expect(page).toContain('2029');
	});

	it('updates a wall screen on one instance within seconds of a correction made through the other', async () => {
		const screen = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
		const problems = watchConsole(screen);
		await screen.goto(`${b.base}/screen/${token}`, { waitUntil: 'networkidle' });
		const big = screen.locator(`[data-target="${TARGET}"].card .big`);
		expect(await big.textContent()).toContain('19');
		// The page stays loaded throughout: no reload.
		await screen.evaluate(() => ((window as unknown as { marker: string }).marker = 'before'));

		const [observation] = await db<{ id: number; version: number }[]>`
			select o.id, max(v.version)::int as version from observations o join observation_versions v on v.observation_id = o.id
			where o.indicator_id = 'sh.trial-startup-time' and o.period = '2029' group by o.id`;
		const cookie = await loginCookie(a.base, ANALYST.username, ANALYST.password);
		const corrected = await postAction(
			a.base,
			`/targets/${TARGET}?/correct`,
			cookie,
			new URLSearchParams({ observationId: String(observation.id), expectedVersion: String(observation.version), value: '17', provenance: 'estimate', reason: 'two-instance test', confirm: 'period_not_ended' })
		);
		expect(corrected.type).toBe('success');
		const savedAt = Date.now();
		await expect.poll(() => big.textContent(), { timeout: 10_000, interval: 100 }).toContain('17');
		const delay = Date.now() - savedAt;
		// Well inside the minute between polls: NOTIFY carried it.
		expect(delay).toBeLessThan(5_000);
		expect(await screen.evaluate(() => (window as unknown as { marker: string }).marker)).toBe('before');
		expect(problems).toEqual([]);
	});

	it('makes a scheduled book once, though both instances run the book worker', async () => {
		// A yearly cron whose tick is the minute just begun: due now, and not again for a year.
		const tick = new Date(Math.floor(Date.now() / 60_000) * 60_000);
		const cron = `${tick.getUTCMinutes()} ${tick.getUTCHours()} ${tick.getUTCDate()} ${tick.getUTCMonth() + 1} *`;
		const { handle } = await prepareDatabase({ ...readConfig({}), databaseUrl: url }, { seed: false });
		let scheduleId: number;
		try {
			scheduleId = await createSchedule(handle.db, { name: 'instances-once', cron, timeZone: 'UTC', planIds: [PLAN], locale: 'zh' }, CATALOGUE_USER_ID);
			// As if made a minute before the tick.
			await handle.db.execute(`update book_schedules set updated_at = '${new Date(tick.getTime() - 60_000).toISOString()}' where id = ${scheduleId}` as never);
		} finally {
			await handle.close();
		}
		const deadline = Date.now() + 120_000;
		let books: { id: number; status: string; attempts: number; failures: unknown[] }[] = [];
		while (Date.now() < deadline) {
			books = await db`select id, status, attempts, failures from books where schedule_id = ${scheduleId}`;
			if (books.some((book) => book.status === 'done')) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		// Both workers look every second: give them a few more passes to make a second one, if they would.
		await new Promise((r) => setTimeout(r, 4_000));
		books = await db`select id, status, attempts, failures from books where schedule_id = ${scheduleId}`;
		expect(books).toHaveLength(1);
		// One render: a second claim would have counted a second attempt.
		expect(books[0]).toMatchObject({ status: 'done', attempts: 1, failures: [] });
		const cookie = await loginCookie(b.base, ANALYST.username, ANALYST.password);
		const archive = await (await fetch(`${a.base}/books`, { headers: { cookie } })).text();
		expect(archive.split('instances-once').length - 1).toBeGreaterThanOrEqual(1);
		const pdf = await fetch(`${b.base}/books/${books[0].id}/book.pdf`, { headers: { cookie } });
		expect(pdf.status).toBe(200);
	}, 180_000);
});
