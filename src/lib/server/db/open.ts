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
	/** Runs fn while holding a cluster-wide lock, so several app instances migrate and seed one at a time. */
	exclusive<T>(fn: () => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

/** Any constant works; it names Pacer's start-up lock among advisory locks on the server. */
const STARTUP_LOCK = 7_460_213;

export const defaultMigrationsDir = () => path.resolve(process.cwd(), 'drizzle');

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
	if (config.databaseUrl) {
		const client = postgres(config.databaseUrl, { max: 10, onnotice: () => {} });
		const db = drizzlePostgres(client, { schema }) as unknown as Database;
		return {
			db,
			backend: 'postgres',
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
	if (!config.dataDir.startsWith('memory://')) fs.mkdirSync(config.dataDir, { recursive: true });
	const client = new PGlite(config.dataDir);
	await client.waitReady;
	const db = drizzlePglite(client, { schema }) as unknown as Database;
	return {
		db,
		backend: 'pglite',
		// PGlite is one process's own database: nothing else can run beside it.
		exclusive: (fn) => fn(),
		close: () => client.close()
	};
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
