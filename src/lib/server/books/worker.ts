/**
 * The book worker of one app instance: every half minute (and at once when a book is asked for)
 * it queues what the schedules say is due and produces what it can claim. Other instances on the
 * same PostgreSQL server run the same loop; the queue in archive.ts keeps each book to one of them.
 */
import type { Database } from '../db/open';
import { processBooks } from './archive';
import type { BookRenderer } from './render';

export interface BookWorker {
	/** Runs a pass now (or right after the one under way); resolves when it is done. */
	kick(): Promise<void>;
	stop(): void;
}

export const WORKER_INTERVAL_MS = 30_000;

export function startBookWorker(db: Database, render: BookRenderer, intervalMs = WORKER_INTERVAL_MS): BookWorker {
	let current: Promise<void> | null = null;
	let again = false;
	const pass = async () => {
		do {
			again = false;
			try {
				await processBooks(db, render);
			} catch (e) {
				// A database outage must not stop the loop: the next pass tries again.
				console.error(`books: ${e instanceof Error ? e.message : e}`);
			}
		} while (again);
		current = null;
	};
	const kick = () => {
		if (current) again = true;
		else current = pass();
		return current;
	};
	const timer = setInterval(() => void kick(), intervalMs);
	timer.unref();
	// The first pass waits for the server to listen: it prints books from its own pages.
	setTimeout(() => void kick(), 3_000).unref();
	return { kick, stop: () => clearInterval(timer) };
}

/** Where this instance's own print page is: PACER_INTERNAL_URL, else its HOST and PORT on loopback. */
export function internalBaseUrl(env: Record<string, string | undefined>): string {
	if (env.PACER_INTERNAL_URL?.trim()) return env.PACER_INTERNAL_URL.trim();
	const host = env.HOST && !['0.0.0.0', '::', ''].includes(env.HOST) ? env.HOST : '127.0.0.1';
	return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT || 3000}`;
}
