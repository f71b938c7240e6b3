/**
 * A throwaway database for one test file, on the backend named by PACER_TEST_BACKEND:
 * "pglite" (in memory) or "postgres" (a fresh database on the server in DATABASE_URL, dropped after).
 */
import path from 'node:path';
import postgres from 'postgres';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../src/lib/server/db/open';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';

export const backend = (process.env.PACER_TEST_BACKEND ?? 'pglite') as 'pglite' | 'postgres';
export const migrationsDir = path.resolve('drizzle');

export interface TestDatabase {
	handle: DatabaseHandle;
	/** Opens a second connection to the same database (postgres only), like a second app instance. */
	url: string | null;
	drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
	if (backend === 'pglite') {
		const handle = await openDatabase({ dataDir: 'memory://' });
		return { handle, url: null, drop: () => handle.close() };
	}
	const serverUrl = process.env.DATABASE_URL;
	if (!serverUrl) throw new Error('PACER_TEST_BACKEND=postgres needs DATABASE_URL (scripts/test.sh starts a server)');
	const name = `pacer_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
	return {
		handle,
		url: url.toString(),
		async drop() {
			await handle.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}

export async function createMigratedDatabase(): Promise<TestDatabase> {
	const test = await createTestDatabase();
	await migrateDatabase(test.handle, migrationsDir);
	return test;
}

/** A migrated database with the catalogue loaded, as the app seeds it. */
export async function createSeededDatabase(): Promise<TestDatabase> {
	const test = await createMigratedDatabase();
	await seedCatalogue(test.handle.db, loadCatalogue(path.resolve('catalogue')));
	return test;
}
