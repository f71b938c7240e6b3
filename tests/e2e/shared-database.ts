/**
 * A database of a test's own on the suite's PostgreSQL server, for tests that run several app
 * processes on one database (instances.spec.ts, workers.spec.ts): migrated and seeded, with an
 * analyst and a wall board of one plan, dropped again afterwards.
 */
import postgres from 'postgres';
import { createUser } from '../../src/lib/server/auth/accounts';
import { CATALOGUE_USER_ID } from '../../src/lib/server/catalogue/seed-catalogue';
import { readConfig } from '../../src/lib/server/config';
import { prepareDatabase } from '../../src/lib/server/db/prepare';
import { createBoard } from '../../src/lib/server/queries/boards';

export interface SharedDatabase {
	url: string;
	/** The wall board's token. */
	token: string;
	/** A connection to read what the app processes wrote. */
	db: postgres.Sql;
	drop(): Promise<void>;
}

export async function sharedDatabase(name: string, analyst: { username: string; password: string }, board: { plan: string; target: string }): Promise<SharedDatabase> {
	const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name}`);
	const u = new URL(process.env.DATABASE_URL!);
	u.pathname = `/${name}`;
	const url = u.toString();
	const { handle } = await prepareDatabase({ ...readConfig({}), databaseUrl: url });
	let token: string;
	try {
		await createUser(handle.db, { ...analyst, role: 'analyst', mustChangePassword: false }, CATALOGUE_USER_ID);
		const created = await createBoard(
			handle.db,
			{ name, locale: 'en', planIds: [board.plan], headlineTargetIds: [board.target], pages: ['headline', 'changes'], rotationSeconds: 600 },
			CATALOGUE_USER_ID
		);
		token = created.token!;
	} finally {
		await handle.close();
	}
	const db = postgres(url, { max: 2, onnotice: () => {} });
	return {
		url,
		token,
		db,
		async drop() {
			await db.end();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}
