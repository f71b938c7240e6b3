/** This instance's book worker, started with the server (hooks.server.ts) unless PACER_BOOK_WORKER=off. */
import type { DatabaseHandle } from '../db/open';
import { bookPdfStore } from './pdf-store';
import { issuePrintToken } from './print-access';
import { chromiumBookRenderer, chromiumPath } from './render';
import { internalBaseUrl, startBookWorker, workerPace, type BookWorker } from './worker';

let worker: BookWorker | null = null;

export function startBooks(handle: DatabaseHandle, env: Record<string, string | undefined>) {
	if (worker || env.PACER_BOOK_WORKER === 'off') return;
	const { intervalMs, retry } = workerPace(env);
	worker = startBookWorker(handle.db, bookPdfStore(handle), chromiumBookRenderer(internalBaseUrl(env), issuePrintToken, chromiumPath(env)), intervalMs, retry);
}

/** Asks the worker to look at the queue now, without waiting for it. */
export function kickBooks() {
	void worker?.kick();
}

export function stopBooks() {
	worker?.stop();
	worker = null;
}
