/**
 * Where archived book PDFs live, addressed by their sha256 (the books row keeps only the hash and
 * the size, so no query of the archive ever carries a PDF).
 *
 * - A PGlite folder: files beside the database, `<data folder>/books/<sha256[0:2]>/<sha256>.pdf`.
 *   PDFs stored in PGlite pass through its WebAssembly memory and the buffers around it: the
 *   server's memory swung by over 200 MB from book to book (bench/results/books-before-0011.md).
 *   The backup tarball is the whole folder, so it holds them.
 * - PostgreSQL: the table book_pdfs. Instances share the database but not necessarily a disk, so
 *   a file written by one could be missing for another; pg_dump backs the table up with the rest.
 *   Read in slices, so a download holds one slice, not the PDF.
 * - PGlite in memory (tests): the same table; there is no folder.
 *
 * Either way a PDF is checked against its hash before its first byte is sent: a missing or damaged
 * PDF is an error, never another book's bytes or a truncated one.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { asc, eq, gt, sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from '../db/open';
import * as s from '../db/schema';
import { rowsOf } from '../db/rows';

export interface StoredBookPdf {
	size: number;
	/** The bytes, read as they are sent. */
	stream: ReadableStream<Uint8Array>;
}

export interface BookPdfStore {
	readonly kind: 'files' | 'database';
	/** Keeps a PDF under its sha256 and returns the hash; the same content twice is kept once. */
	put(pdf: Uint8Array): Promise<string>;
	/** The PDF with this hash, checked against it; throws BookPdfError when it is missing or damaged. */
	open(sha256: string): Promise<StoredBookPdf>;
}

export class BookPdfError extends Error {
	constructor(
		readonly problem: 'missing' | 'damaged',
		message: string
	) {
		super(message);
	}
}

const SHA256 = /^[0-9a-f]{64}$/;
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function checkedHash(sha256: string): string {
	// The hash becomes a file name: nothing but 64 hex digits may reach the disk.
	if (!SHA256.test(sha256)) throw new BookPdfError('missing', `"${sha256.slice(0, 80)}" is not a sha256`);
	return sha256;
}

/** The store for this database: files in its PGlite folder, else its book_pdfs table. */
export function bookPdfStore(handle: Pick<DatabaseHandle, 'db' | 'dataDir'>): BookPdfStore {
	return handle.dataDir ? new BookPdfFiles(bookPdfFolder(handle.dataDir)) : new BookPdfTable(handle.db);
}

/** The folder of a PGlite data folder that holds its books' PDFs. */
export const bookPdfFolder = (dataDir: string) => path.join(dataDir, 'books');

export class BookPdfFiles implements BookPdfStore {
	readonly kind = 'files';
	constructor(readonly folder: string) {}

	fileOf(sha256: string): string {
		return path.join(this.folder, sha256.slice(0, 2), `${checkedHash(sha256)}.pdf`);
	}

	async put(pdf: Uint8Array): Promise<string> {
		const sha256 = sha256Of(pdf);
		const file = this.fileOf(sha256);
		// Already there and intact: nothing to write. A damaged copy is replaced.
		if ((await hashOfFile(file)) === sha256) return sha256;
		const dir = path.dirname(file);
		await fs.promises.mkdir(dir, { recursive: true });
		// Written under a temporary name and renamed: a crash leaves the old state or the whole file, never part of one.
		const partial = path.join(dir, `.${sha256}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
		try {
			const handle = await fs.promises.open(partial, 'wx');
			try {
				await handle.writeFile(pdf);
				await handle.sync();
			} finally {
				await handle.close();
			}
			await fs.promises.rename(partial, file);
		} catch (e) {
			await fs.promises.rm(partial, { force: true });
			throw e;
		}
		// The rename itself is only durable once the folder is synced.
		await syncFolder(dir);
		return sha256;
	}

	async open(sha256: string): Promise<StoredBookPdf> {
		const file = this.fileOf(sha256);
		const actual = await hashOfFile(file);
		if (actual === null) throw new BookPdfError('missing', `${file} is missing`);
		if (actual !== sha256) throw new BookPdfError('damaged', `${file} is damaged: its content hashes to ${actual}`);
		// Content-addressed files are only ever replaced by the same bytes, so what was checked is what is sent.
		const { size } = await fs.promises.stat(file);
		return { size, stream: Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array> };
	}
}

/** The file's sha256, read in pieces; null when there is no such file. */
async function hashOfFile(file: string): Promise<string | null> {
	const hash = createHash('sha256');
	try {
		for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw e;
	}
	return hash.digest('hex');
}

async function syncFolder(dir: string) {
	const handle = await fs.promises.open(dir, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** 512 KB: a download holds one slice at a time, and a 2 MB book takes four queries. */
export const SLICE_BYTES = 512 * 1024;

export class BookPdfTable implements BookPdfStore {
	readonly kind = 'database';
	constructor(
		private readonly db: Database,
		private readonly sliceBytes = SLICE_BYTES
	) {}

	async put(pdf: Uint8Array): Promise<string> {
		const sha256 = sha256Of(pdf);
		// Already there: left alone, unless damaged, which the true content mends (as a file is replaced).
		await this.db
			.insert(s.bookPdfs)
			.values({ sha256, content: pdf })
			.onConflictDoUpdate({ target: s.bookPdfs.sha256, set: { content: sql`excluded.content` }, setWhere: sql`${s.bookPdfs.content} <> excluded.content` });
		return sha256;
	}

	async open(sha256: string): Promise<StoredBookPdf> {
		checkedHash(sha256);
		// The server hashes the content itself: the check costs no transfer.
		const [row] = rowsOf<{ size: number; actual: string }>(
			await this.db.execute(
				sql`select octet_length(content)::int as size, encode(sha256(content), 'hex') as actual from ${s.bookPdfs} where ${s.bookPdfs.sha256} = ${sha256}`
			)
		);
		if (!row) throw new BookPdfError('missing', `book_pdfs has no row ${sha256}`);
		if (row.actual !== sha256) throw new BookPdfError('damaged', `book_pdfs row ${sha256} is damaged: its content hashes to ${row.actual}`);
		const { db, sliceBytes } = this;
		const size = Number(row.size);
		let offset = 0;
		const stream = new ReadableStream<Uint8Array>({
			async pull(controller) {
				if (offset >= size) return controller.close();
				// substring counts from 1.
				const [slice] = await db
					.select({ bytes: sql<Uint8Array>`substring(${s.bookPdfs.content} from ${offset + 1} for ${sliceBytes})` })
					.from(s.bookPdfs)
					.where(eq(s.bookPdfs.sha256, sha256));
				if (!slice?.bytes?.length) return controller.error(new BookPdfError('missing', `book_pdfs row ${sha256} ended at byte ${offset} of ${size}`));
				offset += slice.bytes.length;
				controller.enqueue(new Uint8Array(slice.bytes));
			}
		});
		return { size, stream };
	}
}

/**
 * On a PGlite folder, moves the PDFs that migration 0011 took out of the books rows (and any a
 * restored older backup brings) from book_pdfs into files, one at a time: each row is deleted once
 * its file is written and synced, so a crash half-way loses nothing and the next start carries on.
 */
export async function moveBookPdfsToFiles(db: Database, files: BookPdfFiles): Promise<number> {
	let moved = 0;
	let after = '';
	for (;;) {
		const [row] = await db
			.select({ sha256: s.bookPdfs.sha256, content: s.bookPdfs.content })
			.from(s.bookPdfs)
			.where(gt(s.bookPdfs.sha256, after))
			.orderBy(asc(s.bookPdfs.sha256))
			.limit(1);
		if (!row) return moved;
		after = row.sha256;
		const written = await files.put(row.content);
		if (written !== row.sha256) {
			// The migration keyed each PDF by its own hash; anything else is damage, and filing it
			// under its key would serve it as another book. Kept in the table for someone to look at.
			console.error(`books: book_pdfs row ${row.sha256} holds a PDF whose hash is ${written}; left in the table, not moved`);
			continue;
		}
		await db.delete(s.bookPdfs).where(eq(s.bookPdfs.sha256, row.sha256));
		moved++;
	}
}
