/**
 * `npm run backup` and `npm run restore` on the backend under test, run as the operator runs them:
 * back up, change and delete data, restore, and every table's row count and every figure's value
 * are the backup's again, and so is a briefing book's PDF (a file in the PGlite folder, a row of
 * book_pdfs on PostgreSQL). A restore over data needs --force; a PGlite folder held by a running
 * server is refused with a message that says so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/lib/server/auth/accounts';
import { bookPdf, processBooks, requestBook } from '../../src/lib/server/books/archive';
import { BookPdfFiles, bookPdfStore } from '../../src/lib/server/books/pdf-store';
import { CATALOGUE_USER_ID } from '../../src/lib/server/catalogue/seed-catalogue';
import { readConfig } from '../../src/lib/server/config';
import type { Database, DatabaseHandle } from '../../src/lib/server/db/open';
import { prepareDatabase } from '../../src/lib/server/db/prepare';
import { backend } from './test-database';

/** postgres.js returns rows as an array, PGlite as { rows }. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** Everything the comparison looks at: each table's row count, and every figure version's value. */
async function snapshot(db: Database) {
	const tables = rowsOf<{ schema: string; name: string }>(
		await db.execute(sql`select table_schema as schema, table_name as name from information_schema.tables
			where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`)
	);
	const counts: Record<string, number> = {};
	for (const t of tables) {
		const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from "${t.schema}"."${t.name}"`)));
		counts[`${t.schema}.${t.name}`] = n;
	}
	const values = rowsOf<{ o: number; v: number; value: number | null }>(
		await db.execute(sql`select observation_id as o, version as v, value from observation_versions order by 1, 2`)
	).map((r) => `${r.o}/${r.v}=${r.value}`);
	return { counts, values };
}

/** A book's PDF as the download route reads it; null when there is none. */
async function bookBytes(handle: DatabaseHandle, id: number): Promise<Uint8Array | null> {
	const book = await bookPdf(handle.db, bookPdfStore(handle), id);
	return book && new Uint8Array(await new Response(book.stream).arrayBuffer());
}

describe(`backup and restore on ${backend}`, () => {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-backup-'));
	const file = path.join(work, backend === 'postgres' ? 'pacer.dump' : 'pacer.tar.gz');
	let env: NodeJS.ProcessEnv;
	let dropDatabases = async () => {};
	let otherEnv: NodeJS.ProcessEnv | null = null;
	let bookId = 0;
	const pdf = new TextEncoder().encode(`%PDF-1.7 the backed-up book ${'·'.repeat(5000)}`);

	const cli = (script: 'backup' | 'restore', args: string[], withEnv = env) =>
		spawnSync('npx', ['tsx', `scripts/${script}.ts`, ...args], { env: { ...process.env, ...withEnv }, encoding: 'utf8' });
	const open = async (withEnv = env) => (await prepareDatabase(readConfig(withEnv), { seed: false })).handle;

	beforeAll(async () => {
		if (backend === 'postgres') {
			const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
			const names = [`pacer_backup_${process.pid}`, `pacer_restore_${process.pid}`];
			for (const name of names) await admin.unsafe(`create database ${name}`);
			const urlOf = (name: string) => Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${name}` }).toString();
			env = { DATABASE_URL: urlOf(names[0]) };
			otherEnv = { DATABASE_URL: urlOf(names[1]) };
			dropDatabases = async () => {
				for (const name of names) await admin.unsafe(`drop database if exists ${name} with (force)`);
				await admin.end();
			};
		} else {
			env = { DATABASE_URL: '', PACER_DATA_DIR: path.join(work, 'data') };
			otherEnv = { DATABASE_URL: '', PACER_DATA_DIR: path.join(work, 'other') };
		}
		const { handle } = await prepareDatabase(readConfig(env));
		const analyst = await createUser(handle.db, { username: 'backup-analyst', password: 'backup-password-1', role: 'analyst', mustChangePassword: false }, CATALOGUE_USER_ID);
		bookId = await requestBook(handle.db, { asOf: '2025-06-30', planIds: [], locale: 'zh' }, analyst);
		await processBooks(handle.db, bookPdfStore(handle), async () => ({ pdf, pageCount: 1 }));
		await handle.close();
	}, 120_000);
	afterAll(async () => {
		await dropDatabases();
		fs.rmSync(work, { recursive: true, force: true });
	});

	it('gives back exactly what was backed up, after changes and deletions', async () => {
		let handle = await open();
		const before = await snapshot(handle.db);
		expect(await bookBytes(handle, bookId)).toEqual(pdf);
		await handle.close();
		expect(before.counts['public.observation_versions']).toBeGreaterThan(100);
		expect(before.counts['public.users']).toBeGreaterThan(0);

		const backup = cli('backup', ['--out', file]);
		expect(backup.stderr).toBe('');
		expect(backup.status).toBe(0);
		expect(fs.statSync(file).size).toBeGreaterThan(1000);

		// Change a figure, delete the audit log and a user's sessions, add a row.
		handle = await open();
		await handle.db.execute(sql`update observation_versions set value = value + 1 where version = 1`);
		await handle.db.execute(sql`delete from audit_log`);
		await handle.db.execute(sql`delete from login_failures`);
		await handle.db.execute(sql`insert into login_failures (key, failures, last_failure_at) values ('x|127.0.0.1', 3, now())`);
		expect(await snapshot(handle.db)).not.toEqual(before);
		// And lose the book's PDF: the folder's file on PGlite, the table's row on PostgreSQL.
		const pdfs = bookPdfStore(handle);
		if (pdfs instanceof BookPdfFiles) fs.rmSync(pdfs.folder, { recursive: true });
		else await handle.db.execute(sql`delete from book_pdfs`);
		await expect(bookBytes(handle, bookId)).rejects.toMatchObject({ problem: 'missing' });
		await handle.close();

		const refused = cli('restore', ['--in', file]);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/not empty.*--force/);

		const restored = cli('restore', ['--in', file, '--force']);
		expect(restored.status, restored.stderr).toBe(0);
		handle = await open();
		expect(await snapshot(handle.db)).toEqual(before);
		expect(await bookBytes(handle, bookId)).toEqual(pdf);
		await handle.close();

		// Into an empty database or folder no --force is needed, and the result is the same.
		const fresh = cli('restore', ['--in', file], otherEnv!);
		expect(fresh.status, fresh.stderr).toBe(0);
		handle = await open(otherEnv!);
		expect(await snapshot(handle.db)).toEqual(before);
		expect(await bookBytes(handle, bookId)).toEqual(pdf);
		await handle.close();
	}, 180_000);

	it('says what is wrong with a file that is not a backup, or one made for the other backend', () => {
		const junk = path.join(work, 'junk.bin');
		fs.writeFileSync(junk, 'not a backup at all');
		const result = cli('restore', ['--in', junk, '--force']);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('is not a Pacer backup');
		const crossed = cli('restore', ['--in', file, '--force'], backend === 'postgres' ? { DATABASE_URL: '', PACER_DATA_DIR: path.join(work, 'never') } : { DATABASE_URL: 'postgres://app@127.0.0.1:1/none' });
		expect(crossed.status).toBe(1);
		expect(crossed.stderr).toMatch(backend === 'postgres' ? /PostgreSQL backup \(pg_dump\), but DATABASE_URL is not set/ : /PGlite backup .* but DATABASE_URL is set/);
		expect(fs.existsSync(path.join(work, 'never'))).toBe(false);
		expect(cli('backup', []).stderr).toContain('usage: npm run backup -- --out FILE');
	}, 60_000);

	it.runIf(backend === 'pglite')('refuses to touch a PGlite folder that a running server holds', () => {
		// This test process stands in for the server: pacer.pid names a live process.
		fs.writeFileSync(path.join(env.PACER_DATA_DIR!, 'pacer.pid'), String(process.pid));
		try {
			for (const result of [cli('backup', ['--out', path.join(work, 'held.tar.gz')]), cli('restore', ['--in', file, '--force'])]) {
				expect(result.status).toBe(1);
				expect(result.stderr).toContain(`in use by process ${process.pid}`);
				expect(result.stderr).toContain('stop the server');
			}
			expect(fs.existsSync(path.join(work, 'held.tar.gz'))).toBe(false);
		} finally {
			fs.rmSync(path.join(env.PACER_DATA_DIR!, 'pacer.pid'));
		}
	}, 60_000);
});
