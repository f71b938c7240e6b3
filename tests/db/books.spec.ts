import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { CONSOLE_USER_ID, ensureConsoleUser } from '../../src/lib/server/auth/accounts';
import {
	claimNextBook,
	createSchedule,
	enqueueDueBooks,
	listBooks,
	processBooks,
	requestBook,
	retryBook,
	setScheduleEnabled
} from '../../src/lib/server/books/archive';
import { bookContent } from '../../src/lib/server/books/content';
import { bookPdfStore, type BookPdfStore } from '../../src/lib/server/books/pdf-store';
import type { BookRenderer } from '../../src/lib/server/books/render';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/open';
import * as s from '../../src/lib/server/db/schema';
import { correctObservation, observationsAsOf } from '../../src/lib/server/queries/observations';
import { endOfDay } from '../../src/lib/domain/schedule';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

/** A renderer that counts its calls and writes the request into a fake PDF, optionally slowly. */
function fakeRenderer(delayMs = 0) {
	const calls: string[] = [];
	const render: BookRenderer = async (request) => {
		calls.push(request.asOf);
		await new Promise((r) => setTimeout(r, delayMs));
		return { pdf: new TextEncoder().encode(`%PDF fake ${request.asOf} ${request.locale}`), pageCount: 1 };
	};
	return { render, calls };
}

describe(`briefing books on ${backend}`, () => {
	let t: TestDatabase;
	let second: DatabaseHandle;
	let pdfs: BookPdfStore;
	beforeAll(async () => {
		t = await createMigratedDatabase();
		await seedCatalogue(t.handle.db, loadCatalogue(path.resolve('catalogue')));
		await ensureConsoleUser(t.handle.db);
		// A second app instance: its own connection pool on the same PostgreSQL database; on PGlite, the same database.
		second = t.url ? await openDatabase({ databaseUrl: t.url, dataDir: '' }) : t.handle;
		pdfs = bookPdfStore(t.handle);
	});
	afterAll(async () => {
		if (second && second !== t.handle) await second.close();
		await t?.drop();
	});

	it('produces one book when two instances see the same schedule due at the same time', async () => {
		const db = t.handle.db;
		const id = await createSchedule(db, { name: 'monthly', cron: '0 8 1 * *', timeZone: 'UTC', planIds: [], locale: 'zh' }, CONSOLE_USER_ID);
		// Created in November: the first tick is 1 December 08:00.
		await db.update(s.bookSchedules).set({ updatedAt: new Date('2026-11-20T00:00:00Z') }).where(eq(s.bookSchedules.id, id));
		const now = () => new Date('2026-12-01T08:00:05Z');
		const a = fakeRenderer(150);
		const b = fakeRenderer(150);
		const [first, other] = await Promise.all([processBooks(db, pdfs, a.render, now), processBooks(second.db, bookPdfStore(second), b.render, now)]);
		expect(first.queued + other.queued).toBe(1);
		expect(a.calls.length + b.calls.length).toBe(1);
		const books = (await listBooks(db)).filter((book) => book.scheduleId === id);
		expect(books).toHaveLength(1);
		expect(books[0]).toMatchObject({ status: 'done', asOf: '2026-11-30', attempts: 1, pageCount: 1, locale: 'zh' });
		expect(books[0].sha256).toMatch(/^[0-9a-f]{64}$/);
		// A UTC schedule names the day; the day ends in the deployment's zone (Asia/Shanghai by default).
		expect(books[0].dataCutoff.toISOString()).toBe('2026-11-30T15:59:59.999Z');

		// Later passes in the same month find nothing new; the next month's tick makes the next book.
		expect(await enqueueDueBooks(db, new Date('2026-12-15T00:00:00Z'))).toBe(0);
		expect(await enqueueDueBooks(second.db, new Date('2027-01-01T09:00:00Z'))).toBe(1);
		expect(await enqueueDueBooks(db, new Date('2027-01-01T09:00:00Z'))).toBe(0);
		await setScheduleEnabled(db, id, false, CONSOLE_USER_ID);
	});

	it('waits for the end of the as-of day when the tick comes before it', async () => {
		const db = t.handle.db;
		// As-of days end in the deployment's zone (Asia/Shanghai, 16:00 UTC). A schedule in Auckland
		// ticks at 04:00 on 1 December there, 15:00 UTC on 30 November: an hour before that day ends in Shanghai.
		const id = await createSchedule(db, { name: 'auckland', cron: '0 4 1 * *', timeZone: 'Pacific/Auckland', planIds: ['pudong-biomedicine-2022-2024'], locale: 'en' }, CONSOLE_USER_ID);
		await db.update(s.bookSchedules).set({ updatedAt: new Date('2026-11-20T00:00:00Z') }).where(eq(s.bookSchedules.id, id));
		expect(await enqueueDueBooks(db, new Date('2026-11-30T15:00:01Z'), 'Asia/Shanghai')).toBe(1);
		expect(await claimNextBook(db, new Date('2026-11-30T15:00:02Z'))).toBeNull();
		const claimed = await claimNextBook(db, new Date('2026-11-30T16:00:01Z'));
		expect(claimed?.request).toMatchObject({ asOf: '2026-11-30', planIds: ['pudong-biomedicine-2022-2024'], locale: 'en' });
		expect(claimed?.request.dataCutoff.toISOString()).toBe('2026-11-30T15:59:59.999Z');
		await setScheduleEnabled(db, id, false, CONSOLE_USER_ID);
	});

	it('runs a Shanghai schedule at its tick: the previous day is over there', async () => {
		const db = t.handle.db;
		const id = await createSchedule(db, { name: 'shanghai', cron: '0 6 1 * *', timeZone: 'Asia/Shanghai', planIds: ['pudong-biomedicine-2022-2024'], locale: 'en' }, CONSOLE_USER_ID);
		await db.update(s.bookSchedules).set({ updatedAt: new Date('2026-11-20T00:00:00Z') }).where(eq(s.bookSchedules.id, id));
		// 06:00 on 1 December in Shanghai is 22:00 on 30 November in UTC.
		expect(await enqueueDueBooks(db, new Date('2026-11-30T22:00:01Z'), 'Asia/Shanghai')).toBe(1);
		const claimed = await claimNextBook(db, new Date('2026-11-30T22:00:02Z'));
		expect(claimed?.request).toMatchObject({ asOf: '2026-11-30' });
		expect(claimed?.request.dataCutoff.toISOString()).toBe('2026-11-30T15:59:59.999Z');
		await setScheduleEnabled(db, id, false, CONSOLE_USER_ID);
	});

	it('records a failed run with its reason, retries it later, and keeps the first book once it succeeds', async () => {
		const db = t.handle.db;
		const bookId = await requestBook(db, { asOf: '2025-06-30', planIds: [], locale: 'zh' }, CONSOLE_USER_ID, new Date('2026-11-23T10:00:00Z'));
		let fail = true;
		const flaky: BookRenderer = async (request) => {
			if (fail) throw new Error('Chromium not found at /nowhere');
			return { pdf: new TextEncoder().encode(`%PDF ${request.asOf}`), pageCount: 3 };
		};
		const at = new Date('2026-11-23T10:00:01Z');
		expect(await processBooks(db, pdfs, flaky, () => at)).toMatchObject({ failed: 1, done: 0 });
		let [book] = (await listBooks(db)).filter((b) => b.id === bookId);
		expect(book).toMatchObject({ status: 'failed', attempts: 1 });
		expect(book.failures).toEqual([{ at: at.toISOString(), reason: 'Chromium not found at /nowhere' }]);
		expect(book.runAfter?.toISOString()).toBe('2026-11-23T10:01:01.000Z');

		// Not before its retry time; then it succeeds on the second attempt.
		expect(await processBooks(db, pdfs, flaky, () => new Date('2026-11-23T10:00:30Z'))).toMatchObject({ done: 0, failed: 0 });
		fail = false;
		expect(await processBooks(db, pdfs, flaky, () => new Date('2026-11-23T10:01:02Z'))).toMatchObject({ done: 1 });
		[book] = (await listBooks(db)).filter((b) => b.id === bookId);
		expect(book).toMatchObject({ status: 'done', attempts: 2, pageCount: 3, size: '%PDF 2025-06-30'.length });
		expect(book.failures).toHaveLength(1);
	});

	it('gives up after the last retry until someone retries by hand', async () => {
		const db = t.handle.db;
		const bookId = await requestBook(db, { asOf: '2025-06-30', planIds: [], locale: 'en' }, CONSOLE_USER_ID, new Date('2026-11-24T00:00:00Z'));
		const broken: BookRenderer = async () => {
			throw new Error('the print page answered 500');
		};
		let clock = new Date('2026-11-24T00:00:00Z').getTime();
		for (let i = 0; i < 6; i++) {
			await processBooks(db, pdfs, broken, () => new Date(clock));
			clock += 2 * 60 * 60_000;
		}
		let [book] = (await listBooks(db)).filter((b) => b.id === bookId);
		expect(book).toMatchObject({ status: 'failed', attempts: 5, runAfter: null });
		expect(book.failures).toHaveLength(5);
		expect(await retryBook(db, bookId, CONSOLE_USER_ID, new Date(clock))).toBe(true);
		const ok = fakeRenderer();
		await processBooks(db, pdfs, ok.render, () => new Date(clock + 1000));
		[book] = (await listBooks(db)).filter((b) => b.id === bookId);
		expect(book.status).toBe('done');
	});

	it('takes over a book whose instance died while rendering it', async () => {
		const db = t.handle.db;
		const bookId = await requestBook(db, { asOf: '2024-12-31', planIds: [], locale: 'zh' }, CONSOLE_USER_ID, new Date('2026-11-25T00:00:00Z'));
		const claimed = await claimNextBook(db, new Date('2026-11-25T00:00:01Z'), 60_000);
		expect(claimed?.id).toBe(bookId);
		// Still leased: nobody else takes it.
		expect(await claimNextBook(second.db, new Date('2026-11-25T00:00:30Z'))).toBeNull();
		const taken = await claimNextBook(second.db, new Date('2026-11-25T00:01:02Z'));
		expect(taken).toMatchObject({ id: bookId, attempts: 2 });
	});

	it('uses only the figures recorded by the data cutoff', async () => {
		const db = t.handle.db;
		const [figure] = await observationsAsOf(db, ['pd.scale'], endOfDay('2025-06-30', 'Asia/Shanghai'));
		expect(figure).toBeDefined();
		const before = await bookContent(db, { asOf: '2025-06-30', dataCutoff: endOfDay('2025-06-30', 'Asia/Shanghai'), planIds: ['pudong-biomedicine-2022-2024'], locale: 'zh' });
		await correctObservation(db, {
			observationId: figure.observationId,
			expectedVersion: figure.version,
			value: figure.value + 1234,
			provenance: figure.provenance,
			sourceId: figure.sourceId,
			reason: 'test correction after the as-of date',
			userId: CONSOLE_USER_ID
		});
		const again = await bookContent(db, { asOf: '2025-06-30', dataCutoff: endOfDay('2025-06-30', 'Asia/Shanghai'), planIds: ['pudong-biomedicine-2022-2024'], locale: 'zh' });
		expect(JSON.stringify(again)).toBe(JSON.stringify(before));
		const today = await bookContent(db, { asOf: '2026-11-23', dataCutoff: new Date(), planIds: ['pudong-biomedicine-2022-2024'], locale: 'zh' });
		const values = Object.values(today.figures).flat().map((f) => f.value);
		expect(values).toContain(figure.value + 1234);
		expect(before.plans.map((p) => p.id)).toEqual(['pudong-biomedicine-2022-2024']);
		await expect(bookContent(db, { asOf: '2025-06-30', dataCutoff: endOfDay('2025-06-30', 'Asia/Shanghai'), planIds: ['nope'], locale: 'zh' })).rejects.toThrow('no plan with id "nope"');
	});
});
