/**
 * The book worker of one app instance: every half minute (and at once when a book is asked for)
 * it queues what the schedules say is due and produces what it can claim. Other instances on the
 * same PostgreSQL server run the same loop; the queue in archive.ts keeps each book to one of them.
 */
import type { Database } from '../db/open';
import { DEFAULT_RETRY, processBooks, type RetryPolicy } from './archive';
import type { BookPdfStore } from './pdf-store';
import type { BookRenderer } from './render';
import { startPeriodicWorker, type PeriodicWorker } from '../periodic-worker';

/** kick() runs a pass now (or right after the one under way) and resolves when it is done. */
export type BookWorker = PeriodicWorker;

export const WORKER_INTERVAL_MS = 30_000;

export function startBookWorker(db: Database, pdfs: BookPdfStore, render: BookRenderer, intervalMs = WORKER_INTERVAL_MS, retry: RetryPolicy = DEFAULT_RETRY): BookWorker {
	// The first pass waits for the server to listen: it prints books from its own pages.
	return startPeriodicWorker('books', intervalMs, () => processBooks(db, pdfs, render, () => new Date(), retry), 3_000);
}

/**
 * The worker's pace from the environment: PACER_BOOK_WORKER_INTERVAL_MS (default 30 s) and
 * PACER_BOOK_RETRY_SECONDS, one fixed wait before each of the retries (default 1, 5, 15, 60 minutes).
 * Both exist for tests that cannot wait minutes for a retry.
 */
export function workerPace(env: Record<string, string | undefined>): { intervalMs: number; retry: RetryPolicy } {
	const interval = Number(env.PACER_BOOK_WORKER_INTERVAL_MS);
	const retrySeconds = Number(env.PACER_BOOK_RETRY_SECONDS);
	return {
		intervalMs: interval > 0 ? interval : WORKER_INTERVAL_MS,
		retry:
			retrySeconds > 0
				? { ...DEFAULT_RETRY, delayMs: (n) => (DEFAULT_RETRY.delayMs(n) === null ? null : retrySeconds * 1000) }
				: DEFAULT_RETRY
	};
}

/** Where this instance's own print page is: PACER_INTERNAL_URL, else its HOST and PORT on loopback. */
export function internalBaseUrl(env: Record<string, string | undefined>): string {
	if (env.PACER_INTERNAL_URL?.trim()) return env.PACER_INTERNAL_URL.trim();
	const host = env.HOST && !['0.0.0.0', '::', ''].includes(env.HOST) ? env.HOST : '127.0.0.1';
	return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT || 3000}`;
}
