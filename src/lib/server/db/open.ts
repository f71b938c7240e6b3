/**
 * Opens Pacer's database: embedded PGlite in a data folder when no DATABASE_URL is given, a
 * PostgreSQL server through postgres.js when it is. Both speak the same schema and migrations.
 * Takes its configuration as arguments so scripts and tests can use it outside SvelteKit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle inside db.transaction(): queries that must commit or roll back together. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseConfig {
	/** A postgres:// URL; absent means embedded PGlite. */
	databaseUrl?: string;
	/** PGlite's data folder; "memory://" keeps it in memory (tests). */
	dataDir: string;
	/** drizzle-kit's output folder. */
	migrationsDir?: string;
}

export interface DatabaseHandle {
	db: Database;
	backend: 'pglite' | 'postgres';
	/** PGlite's data folder, where files kept beside the database go (book PDFs); null on PostgreSQL and in memory. */
	dataDir: string | null;
	/** Runs fn while holding a cluster-wide lock, so several app instances migrate and seed one at a time. */
	exclusive<T>(fn: () => Promise<T>): Promise<T>;
	/**
	 * Calls onChange when a change of the data commits, in this process or (PostgreSQL) any other
	 * instance, and after each reconnection of the listening connection (what was said while it was
	 * down is lost, so listeners should look again). Returns the unsubscribe function.
	 */
	watchData(onChange: () => void): () => void;
	close(): Promise<void>;
}

/** The channel migration 0006 notifies on each insert into audit_log, i.e. each committed change. */
export const DATA_CHANNEL = 'pacer_data';

/** Any constant works; it names Pacer's start-up lock among advisory locks on the server. */
const STARTUP_LOCK = 7_460_213;

export const defaultMigrationsDir = () => path.resolve(process.cwd(), 'drizzle');

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
	if (config.databaseUrl) {
		// JIT off: Pacer's queries read by index, and a plan estimated large (a batch of judgements
		// through 100,000 figures) otherwise spends 50-100 ms compiling before it runs.
		const client = postgres(config.databaseUrl, { max: 10, onnotice: () => {}, connection: { jit: 'off' } });
		const db = drizzlePostgres(client, { schema }) as unknown as Database;
		const watchers = new DataWatchers(async (changed) => {
			// postgres.js listens on a connection of its own and listens again by itself after that
			// connection drops (a server restart), also when the first attempt finds the server down;
			// onlisten runs after each (re)listen. So this is called once, and a failure only logged.
			await client.listen(DATA_CHANNEL, changed, changed).catch((e) => {
				console.error(`database: LISTEN ${DATA_CHANNEL} failed for now (${e instanceof Error ? e.message : e}); retrying in the background`);
			});
		});
		return {
			db,
			backend: 'postgres',
			dataDir: null,
			watchData: (onChange) => watchers.add(onChange),
			async exclusive(fn) {
				// A reserved connection keeps the session-level lock on one backend for the whole run.
				const lockConnection = await client.reserve();
				try {
					await lockConnection`select pg_advisory_lock(${STARTUP_LOCK})`;
					return await fn();
				} finally {
					await lockConnection`select pg_advisory_unlock(${STARTUP_LOCK})`;
					lockConnection.release();
				}
			},
			close: () => client.end({ timeout: 5 })
		};
	}
	const inMemory = config.dataDir.startsWith('memory://');
	if (!inMemory) fs.mkdirSync(config.dataDir, { recursive: true });
	const releaseFolder = inMemory ? () => {} : claimDataFolder(config.dataDir);
	const client = new PGlite(config.dataDir);
	await client.waitReady;
	const db = drizzlePglite(client, { schema }) as unknown as Database;
	// One process, one connection: PGlite delivers the trigger's notifications to its own listeners.
	const watchers = new DataWatchers(async (changed) => void (await client.listen(DATA_CHANNEL, changed)));
	return {
		db,
		backend: 'pglite',
		dataDir: inMemory ? null : config.dataDir,
		watchData: (onChange) => watchers.add(onChange),
		// PGlite is one process's own database: nothing else can run beside it.
		exclusive: (fn) => fn(),
		close: async () => {
			await client.close();
			releaseFolder();
		}
	};
}

/** This process's listeners of DATA_CHANNEL: one LISTEN however many subscribers, started with the first. */
class DataWatchers {
	private readonly callbacks = new Set<() => void>();
	private listening = false;
	constructor(private readonly listen: (changed: () => void) => Promise<void>) {}

	add(onChange: () => void): () => void {
		this.callbacks.add(onChange);
		if (!this.listening) {
			this.listening = true;
			void this.listen(() => {
				for (const callback of this.callbacks) callback();
			}).catch(() => {
				// PGlite closed meanwhile: nothing left to watch.
			});
		}
		return () => this.callbacks.delete(onChange);
	}
}

const LOCK_FILE = 'pacer.pid';

/**
 * PGlite has no server to arbitrate between processes: two opening one folder would corrupt it.
 * The folder holds the owner's process id; a live owner stops a second process with a clear
 * message, a dead one (killed, crashed) leaves a stale file that the next process takes over.
 */
export function claimDataFolder(dataDir: string, waitMs = 5_000): () => void {
	const file = path.join(dataDir, LOCK_FILE);
	const owner = Number(fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : NaN);
	if (Number.isInteger(owner) && owner !== process.pid) {
		// A process killed a moment ago lives on until its parent reaps it: give it a few seconds.
		const deadline = Date.now() + waitMs;
		while (processIsAlive(owner) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
		if (processIsAlive(owner)) {
			throw new Error(
				`the data folder ${dataDir} is in use by process ${owner} (a running Pacer server?): stop it first, or use a PostgreSQL server (DATABASE_URL) to run several processes`
			);
		}
	}
	fs.writeFileSync(file, String(process.pid));
	return () => {
		if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
	};
}

/** Alive and not a zombie (killed, not yet reaped): a zombie holds no files open. */
function processIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (e) {
		// EPERM: it exists but belongs to someone else.
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
	try {
		// /proc/<pid>/stat: "pid (name) state …"; the name may hold spaces or parentheses.
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		// No /proc (not Linux), or it ended meanwhile.
		return fs.existsSync('/proc') ? false : true;
	}
}

/** Applies drizzle-kit's migrations; already applied ones are skipped, so it is safe on every start. */
export async function migrateDatabase(handle: DatabaseHandle, migrationsDir = defaultMigrationsDir()) {
	const config = { migrationsFolder: migrationsDir };
	if (handle.backend === 'postgres') {
		// drizzle's postgres migrator runs on its own connection inside a transaction
		await migratePostgres(handle.db as never, config);
	} else {
		await migratePglite(handle.db as never, config);
	}
}
