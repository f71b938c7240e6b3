/**
 * A Pacer instance of a test's own, on the backend under test (a fresh PGlite folder, or a fresh
 * database of the PostgreSQL server), for tests that change what every page shows (a new plan)
 * or need a second instance. Accounts are made before the server owns the data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createUser } from '../../src/lib/server/auth/accounts';
import { CATALOGUE_USER_ID } from '../../src/lib/server/catalogue/seed-catalogue';
import { readConfig } from '../../src/lib/server/config';
import { prepareDatabase } from '../../src/lib/server/db/prepare';
import type { Database } from '../../src/lib/server/db/open';
import { startServer, type RunningServer } from '../../scripts/bench/server';

export interface IsolatedServer {
	base: string;
	accounts: Record<'admin' | 'analyst' | 'viewer', { username: string; password: string }>;
	log(): string;
	stop(): Promise<void>;
}

/**
 * An empty database of a test's own on the backend under test: a new database on the PostgreSQL
 * server, or a data folder in `dir` for PGlite. Returns the environment to point Pacer at it.
 */
export async function freshDatabase(label: string, dir: string): Promise<{ env: { DATABASE_URL: string; PACER_DATA_DIR: string }; drop: () => Promise<void> }> {
	const env = { DATABASE_URL: '', PACER_DATA_DIR: path.join(dir, 'data') };
	if (process.env.PACER_TEST_BACKEND !== 'postgres') return { env, drop: async () => {} };
	const name = `pacer_${label.replace(/\W/g, '_')}_${process.pid}`;
	const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name}`);
	const url = new URL(process.env.DATABASE_URL!);
	url.pathname = `/${name}`;
	env.DATABASE_URL = url.toString();
	return {
		env,
		drop: async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

/**
 * `extraEnv`: settings of the test's own (mail server, worker pace) on top of the defaults;
 * `prepare`: writes of the test's own into the seeded database before the server owns it.
 */
export async function startIsolatedServer(label: string, extraEnv: NodeJS.ProcessEnv = {}, prepare?: (db: Database) => Promise<void>): Promise<IsolatedServer> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pacer-e2e-${label}-`));
	const database = await freshDatabase(label, dir);
	const env: NodeJS.ProcessEnv = { ...database.env, PACER_BOOK_WORKER_INTERVAL_MS: '1000', BODY_SIZE_LIMIT: '60M', ...extraEnv };
	const drop = database.drop;
	const accounts = {
		admin: { username: `${label}-admin`, password: `${label}-admin-password` },
		analyst: { username: `${label}-analyst`, password: `${label}-analyst-password` },
		viewer: { username: `${label}-viewer`, password: `${label}-viewer-password` }
	};
	const { handle } = await prepareDatabase({ ...readConfig({ DATABASE_URL: env.DATABASE_URL, PACER_DATA_DIR: env.PACER_DATA_DIR }) });
	for (const role of ['admin', 'analyst', 'viewer'] as const) {
		await createUser(handle.db, { ...accounts[role], role, mustChangePassword: false }, CATALOGUE_USER_ID);
	}
	await prepare?.(handle.db);
	await handle.close();
	const logFile = path.join(dir, 'server.log');
	let server: RunningServer;
	try {
		server = await startServer(env, { logFile });
	} catch (e) {
		await drop();
		throw e;
	}
	return {
		base: server.base,
		accounts,
		log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-4000) : ''),
		stop: async () => {
			await server.stop();
			await drop();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
