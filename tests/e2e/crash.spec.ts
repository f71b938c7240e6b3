/**
 * The embedded data folder survives the server being killed outright (kill -9): a figure whose
 * save was answered is there after a restart, and the restarted server takes over the folder the
 * dead one still claimed (its pacer.pid).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/lib/server/auth/accounts';
import { CATALOGUE_USER_ID } from '../../src/lib/server/catalogue/seed-catalogue';
import { readConfig } from '../../src/lib/server/config';
import { prepareDatabase } from '../../src/lib/server/db/prepare';
import { startServer, type RunningServer } from '../../scripts/bench/server';

const ANALYST = { username: 'crash-analyst', password: 'crash-password-1' };

// The folder is PGlite's: once is enough, in the browser-test run on PGlite.
describe.runIf(process.env.PACER_TEST_BACKEND !== 'postgres')('the PGlite data folder through a kill -9', () => {
	let dataDir: string;
	let server: RunningServer | null = null;
	beforeAll(async () => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-e2e-crash-'));
		const { handle } = await prepareDatabase({ ...readConfig({}), dataDir, databaseUrl: undefined });
		await createUser(handle.db, { ...ANALYST, role: 'analyst', mustChangePassword: false }, CATALOGUE_USER_ID);
		await handle.close();
	});
	afterAll(async () => {
		if (server) await server.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	const env = () => ({ PACER_DATA_DIR: dataDir, DATABASE_URL: '', PACER_BOOK_WORKER: 'off' });

	it('keeps every answered write and opens again without help', async () => {
		server = await startServer(env());
		const login = await fetch(`${server.base}/login`, {
			method: 'POST',
			body: new URLSearchParams(ANALYST),
			headers: { origin: server.base },
			redirect: 'manual'
		});
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		expect(cookie).toMatch(/^pacer_session=/);
		for (const [period, value] of [['2027', '21.5'], ['2028', '20.5']]) {
			const saved = await fetch(`${server.base}/targets/sh-trial-startup?/add`, {
				method: 'POST',
				// Future years: the entry rules ask to confirm a period not yet ended.
				body: new URLSearchParams({ indicatorId: 'sh.trial-startup-time', basis: 'period', period, value, provenance: 'estimate', confirm: 'period_not_ended' }),
				headers: { origin: server.base, cookie, accept: 'text/html' }
			});
			expect(saved.status).toBe(200);
		}
		// No shutdown of any kind: the process is gone the moment the answer has arrived.
		const gone = new Promise((r) => server!.child.once('exit', r));
		server.child.kill('SIGKILL');
		await gone;
		server = null;
		expect(fs.existsSync(path.join(dataDir, 'pacer.pid'))).toBe(true);

		server = await startServer(env());
		const csv = await (await fetch(`${server.base}/targets/sh-trial-startup/figures.csv`, { headers: { cookie } })).text();
		// Rows: indicator name, period, basis, start, end, value, …
		const rows = csv.split('\r\n').map((line) => line.split(','));
		expect(rows.find((cells) => cells[1] === '2027')?.[5]).toBe('21.5');
		expect(rows.find((cells) => cells[1] === '2028')?.[5]).toBe('20.5');
		// The session, written to the same folder, survived too.
		expect((await fetch(`${server.base}/books`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
	}, 120_000);
});
