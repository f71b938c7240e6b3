/**
 * Where book PDFs live (src/lib/server/books/pdf-store.ts), on the backend under test as the app
 * runs on it: a PGlite data folder (files beside the database) or a PostgreSQL database (the
 * book_pdfs table). Books made before migration 0011 kept their PDF in the row: after the upgrade
 * they serve the same bytes. A missing or damaged PDF is an error, never other bytes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_USER_ID } from '../../src/lib/server/auth/accounts';
import { bookPdf, listBooks } from '../../src/lib/server/books/archive';
import { BookPdfError, BookPdfFiles, BookPdfTable, bookPdfStore, type BookPdfStore } from '../../src/lib/server/books/pdf-store';
import { readConfig } from '../../src/lib/server/config';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../src/lib/server/db/open';
import { prepareDatabase } from '../../src/lib/server/db/prepare';
import { backend, migrationsDir } from './test-database';

/** postgres.js returns rows as an array, PGlite as { rows }. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A fake PDF of `size` bytes whose content depends on `seed`. */
function fakePdf(seed: number, size = 3000): Uint8Array {
	const bytes = new Uint8Array(size);
	bytes.set(new TextEncoder().encode(`%PDF-1.7 book ${seed}\n`));
	for (let i = 32; i < size; i++) bytes[i] = (i * 31 + seed * 17) & 0xff;
	return bytes;
}

/** drizzle's migrations folder cut after `last`: the database as an older release left it. */
function migrationsUpTo(last: string, into: string): string {
	fs.mkdirSync(path.join(into, 'meta'), { recursive: true });
	const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8'));
	const cut = journal.entries.findIndex((e: { tag: string }) => e.tag === last);
	journal.entries = journal.entries.slice(0, cut + 1);
	for (const entry of journal.entries) fs.copyFileSync(path.join(migrationsDir, `${entry.tag}.sql`), path.join(into, `${entry.tag}.sql`));
	fs.writeFileSync(path.join(into, 'meta', '_journal.json'), JSON.stringify(journal));
	return into;
}

describe(`book PDFs on ${backend}`, () => {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-book-pdfs-'));
	let env: NodeJS.ProcessEnv;
	let drop = async () => {};
	let handle: DatabaseHandle;
	let pdfs: BookPdfStore;
	const old = { a: fakePdf(1, 40_000), b: fakePdf(2) };
	const oldIds: number[] = [];

	beforeAll(async () => {
		if (backend === 'postgres') {
			const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
			const name = `pacer_book_pdfs_${process.pid}`;
			await admin.unsafe(`create database ${name}`);
			env = { DATABASE_URL: Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${name}` }).toString() };
			drop = async () => {
				await admin.unsafe(`drop database if exists ${name} with (force)`);
				await admin.end();
			};
		} else {
			env = { DATABASE_URL: '', PACER_DATA_DIR: path.join(work, 'data') };
		}
		// The release before 0011: PDFs in the books rows. Two books share a PDF (content is stored once).
		const config = readConfig(env);
		const before = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
		await migrateDatabase(before, migrationsUpTo('0010_intake', path.join(work, 'migrations-0010')));
		// In that release's own columns: today's schema code would name columns added since (users.email).
		await before.db.execute(sql`insert into users (id, username, display_name, role, is_system) values (${CONSOLE_USER_ID}, 'console', 'Server console (npm run user)', 'admin', true)`);
		for (const pdf of [old.a, old.b, old.a]) {
			const [row] = rowsOf<{ id: number }>(
				await before.db.execute(sql`insert into books (as_of, data_cutoff, locale, status, pdf, sha256, page_count, generated_at, requested_by)
					values ('2025-06-30', now(), 'zh', 'done', ${pdf}, encode(sha256(${pdf}), 'hex'), 2, now(), ${CONSOLE_USER_ID}) returning id`)
			);
			oldIds.push(Number(row.id));
		}
		await before.close();
		// The upgrade, as the server starts: migrations, then PDFs out of the database.
		handle = (await prepareDatabase(config, { seed: false })).handle;
		pdfs = bookPdfStore(handle);
	}, 120_000);
	afterAll(async () => {
		await handle?.close();
		await drop();
		fs.rmSync(work, { recursive: true, force: true });
	});

	it('serves a book made before the upgrade with the same bytes, from files on PGlite and the book_pdfs table on PostgreSQL', async () => {
		expect(pdfs.kind).toBe(backend === 'pglite' ? 'files' : 'database');
		for (const [id, pdf] of [
			[oldIds[0], old.a],
			[oldIds[1], old.b],
			[oldIds[2], old.a]
		] as const) {
			const book = await bookPdf(handle.db, pdfs, id);
			expect(book).toMatchObject({ asOf: '2025-06-30', locale: 'zh', size: pdf.length });
			expect(await bytesOf(book!.stream)).toEqual(pdf);
		}
		const listed = (await listBooks(handle.db)).filter((b) => oldIds.includes(b.id));
		expect(listed.map((b) => b.size).sort()).toEqual([old.b.length, old.a.length, old.a.length].sort());

		const columns = rowsOf<{ name: string }>(await handle.db.execute(sql`select column_name as name from information_schema.columns where table_name = 'books'`));
		expect(columns.map((c) => c.name)).not.toContain('pdf');
		const [{ n }] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from book_pdfs`));
		if (backend === 'pglite') {
			// Moved out at start-up: the table is empty, each PDF is one file named by its hash.
			expect(n).toBe(0);
			const folder = path.join(env.PACER_DATA_DIR!, 'books');
			const files = fs.readdirSync(folder, { recursive: true }).map(String).filter((f) => f.endsWith('.pdf'));
			expect(files).toHaveLength(2);
			for (const f of files) expect(f).toMatch(/^([0-9a-f]{2})\/\1[0-9a-f]{62}\.pdf$/);
		} else {
			expect(n).toBe(2);
		}
	});

	it('keeps the same content once and leaves no partial file behind', async () => {
		const pdf = fakePdf(3);
		const first = await pdfs.put(pdf);
		expect(await pdfs.put(pdf)).toBe(first);
		expect(await bytesOf((await pdfs.open(first)).stream)).toEqual(pdf);
		if (pdfs instanceof BookPdfFiles) {
			const names = fs.readdirSync(path.dirname(pdfs.fileOf(first)));
			expect(names).toEqual([`${first}.pdf`]);
		}
	});

	it('reads the book_pdfs table in slices that join up to the whole PDF', async () => {
		const table = new BookPdfTable(handle.db, 1000);
		const pdf = fakePdf(4, 4_500);
		const sha256 = await table.put(pdf);
		const stored = await table.open(sha256);
		expect(stored.size).toBe(4_500);
		const reader = stored.stream.getReader();
		const slices: number[] = [];
		for (let r = await reader.read(); !r.done; r = await reader.read()) slices.push(r.value.length);
		expect(slices).toEqual([1000, 1000, 1000, 1000, 500]);
		expect(await bytesOf((await table.open(sha256)).stream)).toEqual(pdf);
	});

	it('says a PDF is damaged or missing rather than serve other bytes', async () => {
		const pdf = fakePdf(5);
		const sha256 = await pdfs.put(pdf);
		const damage = async () => {
			if (pdfs instanceof BookPdfFiles) fs.writeFileSync(pdfs.fileOf(sha256), fakePdf(6));
			else await handle.db.execute(sql`update book_pdfs set content = ${fakePdf(6)} where sha256 = ${sha256}`);
		};
		const lose = async () => {
			if (pdfs instanceof BookPdfFiles) fs.rmSync(pdfs.fileOf(sha256));
			else await handle.db.execute(sql`delete from book_pdfs where sha256 = ${sha256}`);
		};
		await damage();
		await expect(pdfs.open(sha256)).rejects.toMatchObject({ problem: 'damaged' });
		// Storing the true content again mends it.
		await pdfs.put(pdf);
		expect(await bytesOf((await pdfs.open(sha256)).stream)).toEqual(pdf);
		await lose();
		await expect(pdfs.open(sha256)).rejects.toBeInstanceOf(BookPdfError);
		await expect(pdfs.open(sha256)).rejects.toMatchObject({ problem: 'missing' });
		// A hash is a file name on PGlite: nothing else may become one.
		await expect(pdfs.open('../../pacer.pid')).rejects.toMatchObject({ problem: 'missing' });
	});
});
