/**
 * Passwords are never written down: not by `npm run user`, not in the server's output, not in
 * any answer, not in any table and not anywhere in the data folder's files, through account
 * creation, right and wrong logins (until the rate limit answers 429) and password changes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/open';
import { freePort } from './global-setup';

const USER = 'pw-keeper';
/** Every password used below, right or wrong: none may be found anywhere afterwards. */
const SECRETS = {
	first: 'Quartz-first-5813',
	second: 'Velvet-second-2207',
	wrong: 'Wrong-guess-9931',
	wrongCurrent: 'Wrong-current-4470',
	mismatch: 'Mismatch-next-6614',
	ghost: 'Ghost-guess-3358',
	tooShort: 'Sh-72x'
};

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

// The data folder's files are searched byte by byte, which needs PGlite's folder: once, in the PGlite run.
describe.runIf(process.env.PACER_TEST_BACKEND !== 'postgres')('passwords are never logged or stored', () => {
	let dataDir: string;
	let server: ChildProcess | null = null;
	let base: string;
	let output = '';
	const transcripts: string[] = [];
	const env = () => ({ ...process.env, PACER_DATA_DIR: dataDir, DATABASE_URL: '', PACER_BOOK_WORKER: 'off' });

	beforeAll(() => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-e2e-passwords-'));
	});
	afterAll(async () => {
		if (server && server.exitCode === null) server.kill('SIGKILL');
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	async function stopServer() {
		const exited = new Promise((r) => server!.once('exit', r));
		server!.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
		if (server!.exitCode === null) server!.kill('SIGKILL');
	}

	/** A browser-like form post; the answer's text is kept to be searched. */
	async function post(url: string, fields: Record<string, string>, cookie = '') {
		const response = await fetch(`${base}${url}`, {
			method: 'POST',
			body: new URLSearchParams(fields),
			headers: { origin: base, accept: 'text/html', cookie },
			redirect: 'manual'
		});
		transcripts.push(`${response.status} ${[...response.headers].join(' ')} ${await response.text()}`);
		return response;
	}

	it('creates, logs in, fails, is slowed down and changes passwords without writing any of them down', async () => {
		// On the console: a password on stdin, and one too short (refused with a message).
		const add = (name: string, password: string) => spawnSync('npx', ['tsx', 'scripts/user.ts', 'add', '--role', 'analyst', '--password-stdin', name], { env: env(), input: `${password}\n`, encoding: 'utf8' });
		const made = add(USER, SECRETS.first);
		expect(made.status).toBe(0);
		const refused = add('pw-short', SECRETS.tooShort);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/at least 10/);
		transcripts.push(made.stdout, made.stderr, refused.stdout, refused.stderr);

		const port = await freePort();
		base = `http://127.0.0.1:${port}`;
		server = spawn(process.execPath, ['build'], { env: { ...env(), PORT: String(port), HOST: '127.0.0.1', ORIGIN: base }, stdio: ['ignore', 'pipe', 'pipe'] });
		server.stdout!.on('data', (d) => (output += d));
		server.stderr!.on('data', (d) => (output += d));
		for (let i = 0; i < 240 && !(await fetch(`${base}/methods`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 250));

		// Three wrong passwords, then the right one.
		for (let i = 0; i < 3; i++) expect((await post('/login', { username: USER, password: SECRETS.wrong })).status).toBe(400);
		const login = await post('/login', { username: USER, password: SECRETS.first });
		expect(login.status).toBe(303);
		let cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		expect(cookie).toMatch(/^pacer_session=/);

		// Guessing at an unknown name: the fourth attempt is told to wait (the login rate limit).
		const guesses = [];
		for (let i = 0; i < 4; i++) guesses.push((await post('/login', { username: 'pw-ghost', password: `${SECRETS.ghost}${i}` })).status);
		expect(guesses).toEqual([400, 400, 400, 429]);

		// Changing the password: a wrong current one, a mismatched confirmation, then the change.
		expect((await post('/account/password', { current: SECRETS.wrongCurrent, next: SECRETS.second, confirm: SECRETS.second }, cookie)).status).toBe(400);
		expect((await post('/account/password', { current: SECRETS.first, next: SECRETS.mismatch, confirm: `${SECRETS.mismatch}x` }, cookie)).status).toBe(400);
		const changed = await post('/account/password', { current: SECRETS.first, next: SECRETS.second, confirm: SECRETS.second }, cookie);
		expect(changed.status).toBe(303);
		cookie = (changed.headers.get('set-cookie') ?? '').split(';')[0];
		expect((await post('/login', { username: USER, password: SECRETS.first })).status).toBe(400);
		expect((await post('/login', { username: USER, password: SECRETS.second })).status).toBe(303);
		await stopServer();

		// Every table, as text.
		const handle = await openDatabase({ dataDir });
		const tables = await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
		const names = (Array.isArray(tables) ? tables : (tables as { rows: { table_name: string }[] }).rows).map((r) => (r as { table_name: string }).table_name);
		expect(names).toEqual(expect.arrayContaining(['users', 'sessions', 'login_failures', 'audit_log']));
		const dump: string[] = [];
		for (const name of names) {
			const rows = await handle.db.execute(sql.raw(`select row_to_json(t)::text as row from "${name}" t`));
			dump.push(...(Array.isArray(rows) ? rows : (rows as { rows: { row: string }[] }).rows).map((r) => `${name}: ${(r as { row: string }).row}`));
		}
		await handle.close();
		// The searches can find what is there: the account, its logins, the failures and the change.
		const tablesText = dump.join('\n');
		expect(tablesText).toContain(USER);
		expect(tablesText).toContain('"action":"change_password"');
		expect(tablesText).toMatch(/login_failures: .*pw-ghost\|127\.0\.0\.1/);
		expect(tablesText).toMatch(/"password_hash":"\$argon2id\$/);
		const files = filesUnder(dataDir).map((file) => ({ file, bytes: fs.readFileSync(file) }));
		expect(files.some(({ bytes }) => bytes.includes(USER))).toBe(true);

		const found: string[] = [];
		for (const [which, secret] of Object.entries(SECRETS)) {
			if (output.includes(secret)) found.push(`${which} in the server's output`);
			if (transcripts.some((t) => t.includes(secret))) found.push(`${which} in a command's output or an answer`);
			if (tablesText.includes(secret)) found.push(`${which} in a table`);
			for (const { file, bytes } of files) if (bytes.includes(secret)) found.push(`${which} in ${path.relative(dataDir, file)}`);
		}
		expect(found).toEqual([]);
	}, 180_000);
});
