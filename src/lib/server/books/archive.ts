/**
 * Briefing books in the database: schedules, the job queue, and the archive. A book row is the
 * job until it is done, then the archive's entry; its PDF is kept by hash in the store (pdf-store.ts). Any number of instances may share the queue:
 * a schedule's tick is inserted once (unique per schedule and tick), and a book is claimed by
 * one instance at a time (FOR UPDATE SKIP LOCKED) under a lease that a dead instance lets lapse.
 */
import { and, asc, desc, eq, inArray, lt, lte, max, or, sql } from 'drizzle-orm';
import type { BookRequest } from '../../domain/book';
import type { Locale } from '../../domain/plan';
import { asOfForTick, dataCutoff, endOfDay, latestDueTick, retryDelayMinutes } from '../../domain/schedule';
import { innermostMessage } from '../db/connection-loss';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import type { BookPdfStore, StoredBookPdf } from './pdf-store';
import type { BookRenderer } from './render';
import { deploymentTimeZone } from '../config';
import { alertBookDelivered, alertBookFailed } from '../alerts/events';

/** How long a claim holds before another instance may take the book over. */
export const LEASE_MS = 10 * 60_000;

export interface NewSchedule {
	name: string;
	cron: string;
	timeZone: string;
	planIds: string[];
	locale: Locale;
}

export async function createSchedule(db: Database, schedule: NewSchedule, userId: string): Promise<number> {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(s.bookSchedules)
			.values({ ...schedule, createdBy: userId })
			.returning({ id: s.bookSchedules.id });
		await tx.insert(s.auditLog).values({ userId, action: 'create', entity: 'book_schedule', entityId: String(row.id), detail: { ...schedule } });
		return row.id;
	});
}

/** Pausing and resuming: a resumed schedule starts from now, it does not make up the ticks it slept through. */
export async function setScheduleEnabled(db: Database, id: number, enabled: boolean, userId: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.update(s.bookSchedules)
			.set({ enabled, updatedAt: new Date() })
			.where(eq(s.bookSchedules.id, id))
			.returning({ id: s.bookSchedules.id });
		if (rows.length) await tx.insert(s.auditLog).values({ userId, action: enabled ? 'enable' : 'disable', entity: 'book_schedule', entityId: String(id), detail: {} });
		return rows.length > 0;
	});
}

/** Deletes a schedule; the books it made stay in the archive. */
export async function deleteSchedule(db: Database, id: number, userId: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx.delete(s.bookSchedules).where(eq(s.bookSchedules.id, id)).returning({ name: s.bookSchedules.name });
		if (rows.length) await tx.insert(s.auditLog).values({ userId, action: 'delete', entity: 'book_schedule', entityId: String(id), detail: { name: rows[0].name } });
		return rows.length > 0;
	});
}

export function listSchedules(db: Database) {
	return db.select().from(s.bookSchedules).orderBy(asc(s.bookSchedules.id));
}

/** A book asked for by hand. As of today, it counts the figures recorded up to now; as of a past day, those recorded by the end of that day in the deployment's zone. */
export async function requestBook(
	db: Database,
	request: { asOf: string; planIds: string[]; locale: Locale },
	userId: string,
	now = new Date(),
	timeZone = deploymentTimeZone()
): Promise<number> {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(s.books)
			.values({ ...request, dataCutoff: dataCutoff(request.asOf, now, timeZone), runAfter: now, requestedBy: userId })
			.returning({ id: s.books.id });
		await tx.insert(s.auditLog).values({ userId, action: 'request', entity: 'book', entityId: String(row.id), detail: { ...request } });
		return row.id;
	});
}

/**
 * Queues the book of every schedule whose tick has come. Every instance may do this at once:
 * the unique index on (schedule, tick) keeps one row. The schedule's zone says when it ticks and
 * which day is the last full one; that day ends in the deployment's zone, as every as-of day does.
 * A book waits for the end of its as-of day when the tick comes before it, so no figure of that day is missing.
 */
export async function enqueueDueBooks(db: Database, now: Date, timeZone = deploymentTimeZone()): Promise<number> {
	const schedules = await db
		.select({ schedule: s.bookSchedules, lastTick: max(s.books.scheduledFor) })
		.from(s.bookSchedules)
		.leftJoin(s.books, eq(s.books.scheduleId, s.bookSchedules.id))
		.where(eq(s.bookSchedules.enabled, true))
		.groupBy(s.bookSchedules.id);
	let queued = 0;
	for (const { schedule, lastTick } of schedules) {
		const after = lastTick && lastTick > schedule.updatedAt ? lastTick : schedule.updatedAt;
		const tick = latestDueTick(schedule.cron, schedule.timeZone, after, now);
		if (!tick) continue;
		const asOf = asOfForTick(tick, schedule.timeZone);
		const cutoff = endOfDay(asOf, timeZone);
		const rows = await db
			.insert(s.books)
			.values({
				scheduleId: schedule.id,
				scheduledFor: tick,
				asOf,
				dataCutoff: cutoff,
				planIds: schedule.planIds,
				locale: schedule.locale,
				runAfter: cutoff > tick ? new Date(cutoff.getTime() + 1) : tick,
				requestedBy: schedule.createdBy
			})
			.onConflictDoNothing({ target: [s.books.scheduleId, s.books.scheduledFor] })
			.returning({ id: s.books.id });
		queued += rows.length;
	}
	return queued;
}

export interface ClaimedBook {
	id: number;
	attempts: number;
	request: Omit<BookRequest, 'generatedAt'>;
}

/** Takes the next book that is due (queued, failed and due for a retry, or abandoned by a dead instance). */
export async function claimNextBook(db: Database, now: Date, leaseMs = LEASE_MS): Promise<ClaimedBook | null> {
	const b = s.books;
	const next = db
		.select({ id: b.id })
		.from(b)
		.where(or(and(inArray(b.status, ['queued', 'failed']), lte(b.runAfter, now)), and(eq(b.status, 'running'), lt(b.leaseUntil, now))))
		.orderBy(asc(b.runAfter), asc(b.id))
		.limit(1)
		.for('update', { skipLocked: true });
	const [row] = await db
		.update(b)
		.set({ status: 'running', attempts: sql`${b.attempts} + 1`, leaseUntil: new Date(now.getTime() + leaseMs) })
		.where(inArray(b.id, next))
		.returning({ id: b.id, attempts: b.attempts, asOf: b.asOf, dataCutoff: b.dataCutoff, planIds: b.planIds, locale: b.locale });
	if (!row) return null;
	return { id: row.id, attempts: row.attempts, request: { asOf: row.asOf, dataCutoff: row.dataCutoff, planIds: row.planIds, locale: row.locale } };
}

/**
 * Stores a finished book, unless this instance's claim has meanwhile been taken over. The PDF is
 * stored first, so a done row always names a PDF that is there (a claim lost meanwhile leaves an
 * unused one behind, which harms nothing).
 */
async function finishBook(db: Database, pdfs: BookPdfStore, book: ClaimedBook, pdf: Uint8Array, pageCount: number, generatedAt: Date): Promise<boolean> {
	const sha256 = await pdfs.put(pdf);
	const rows = await db
		.update(s.books)
		.set({
			status: 'done',
			sha256,
			size: pdf.length,
			pageCount,
			generatedAt,
			leaseUntil: null,
			runAfter: null
		})
		.where(and(eq(s.books.id, book.id), eq(s.books.status, 'running'), eq(s.books.attempts, book.attempts)))
		.returning({ id: s.books.id });
	return rows.length > 0;
}

/** How a worker paces its retries; tests shorten them (PACER_BOOK_RETRY_SECONDS). */
export interface RetryPolicy {
	/** The wait in milliseconds after the n-th failed attempt (1-based); null once the attempts run out. */
	delayMs(failedAttempts: number): number | null;
	/** How long to keep trying to record a failure while the database itself is away. */
	recordForMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
	delayMs: (n) => {
		const minutes = retryDelayMinutes(n);
		return minutes === null ? null : minutes * 60_000;
	},
	recordForMs: 60_000
};

/** Records a failed attempt with its reason, and when to try again (or that the attempts are used up). */
async function failBook(db: Database, book: ClaimedBook, reason: string, now: Date, retry: RetryPolicy): Promise<boolean> {
	const delay = retry.delayMs(book.attempts);
	await db
		.update(s.books)
		.set({
			status: 'failed',
			failures: sql`${s.books.failures} || ${JSON.stringify([{ at: now.toISOString(), reason }])}::jsonb`,
			runAfter: delay === null ? null : new Date(now.getTime() + delay),
			leaseUntil: null
		})
		.where(and(eq(s.books.id, book.id), eq(s.books.attempts, book.attempts)));
	return delay !== null;
}

/**
 * Renders one claimed book and records the outcome. A failure is recorded even when its cause is
 * the database going away (a restart in the middle of the book): the record is tried again for a
 * while, so the run shows as failed with its reason and is retried, rather than sitting "running"
 * until its lease lapses.
 */
export async function produceBook(
	db: Database,
	pdfs: BookPdfStore,
	book: ClaimedBook,
	render: BookRenderer,
	now: () => Date,
	retry: RetryPolicy = DEFAULT_RETRY
): Promise<'done' | 'failed'> {
	const generatedAt = now();
	try {
		const rendered = await render({ ...book.request, generatedAt });
		if (await finishBook(db, pdfs, book, rendered.pdf, rendered.pageCount, generatedAt)) {
			// The book is done whatever happens to its mail; a failure to queue it must not mark the book failed.
			await alertBookDelivered(db, book.id).catch((e) => console.error(`books: mail of book ${book.id} not queued: ${innermostMessage(e)}`));
		}
		return 'done';
	} catch (e) {
		// The driver's words: drizzle's wrapper would quote the statement with the whole PDF as a parameter.
		const reason = innermostMessage(e);
		const giveUpAt = Date.now() + retry.recordForMs;
		for (let wait = 500; ; wait = Math.min(wait * 2, 5_000)) {
			try {
				const willRetry = await failBook(db, book, reason, now(), retry);
				// Told once, at the first failure; the outbox's dedupe key keeps later ones quiet.
				await alertBookFailed(db, book.id, reason, willRetry).catch((e) => console.error(`books: alert of book ${book.id} failed: ${innermostMessage(e)}`));
				return 'failed';
			} catch (recordError) {
				if (Date.now() + wait > giveUpAt) throw recordError;
				await new Promise((r) => setTimeout(r, wait));
			}
		}
	}
}

/** One pass of the queue: queue what the schedules say is due, then produce every book that can be. */
export async function processBooks(db: Database, pdfs: BookPdfStore, render: BookRenderer, now: () => Date = () => new Date(), retry: RetryPolicy = DEFAULT_RETRY) {
	const outcome = { queued: await enqueueDueBooks(db, now()), done: 0, failed: 0 };
	for (let book = await claimNextBook(db, now()); book; book = await claimNextBook(db, now())) {
		outcome[await produceBook(db, pdfs, book, render, now, retry)]++;
	}
	return outcome;
}

/** A failed book tried again now, with a fresh set of attempts. */
export async function retryBook(db: Database, id: number, userId: string, now = new Date()): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.update(s.books)
			.set({ status: 'queued', attempts: 0, runAfter: now })
			.where(and(eq(s.books.id, id), eq(s.books.status, 'failed')))
			.returning({ id: s.books.id });
		if (rows.length) await tx.insert(s.auditLog).values({ userId, action: 'retry', entity: 'book', entityId: String(id), detail: {} });
		return rows.length > 0;
	});
}

/** The archive, newest first, without the PDFs themselves. */
export function listBooks(db: Database, limit = 200) {
	const b = s.books;
	return db
		.select({
			id: b.id,
			scheduleId: b.scheduleId,
			scheduleName: s.bookSchedules.name,
			scheduledFor: b.scheduledFor,
			asOf: b.asOf,
			dataCutoff: b.dataCutoff,
			planIds: b.planIds,
			locale: b.locale,
			status: b.status,
			attempts: b.attempts,
			failures: b.failures,
			runAfter: b.runAfter,
			sha256: b.sha256,
			pageCount: b.pageCount,
			size: b.size,
			generatedAt: b.generatedAt,
			requestedBy: s.users.displayName,
			createdAt: b.createdAt
		})
		.from(b)
		.leftJoin(s.bookSchedules, eq(s.bookSchedules.id, b.scheduleId))
		.innerJoin(s.users, eq(s.users.id, b.requestedBy))
		.orderBy(desc(b.createdAt), desc(b.id))
		.limit(limit);
}

export type ArchivedBook = Awaited<ReturnType<typeof listBooks>>[number];

/** A done book's PDF, streamed from the store; null when there is no such book or it is not done. Throws BookPdfError when its PDF is missing or damaged. */
export async function bookPdf(db: Database, pdfs: BookPdfStore, id: number): Promise<({ asOf: string; locale: Locale; sha256: string } & StoredBookPdf) | null> {
	const [row] = await db
		.select({ asOf: s.books.asOf, locale: s.books.locale, sha256: s.books.sha256 })
		.from(s.books)
		.where(and(eq(s.books.id, id), eq(s.books.status, 'done')));
	if (!row?.sha256) return null;
	return { asOf: row.asOf, locale: row.locale, sha256: row.sha256, ...(await pdfs.open(row.sha256)) };
}
