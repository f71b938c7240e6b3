/**
 * This instance's delivery worker, started with the server beside the book worker (hooks.server.ts)
 * unless PACER_ALERT_WORKER=off. Every instance may run one: the outbox's claims keep each
 * delivery to one sender.
 */
import type { Database, DatabaseHandle } from '../db/open';
import { bookPdfStore } from '../books/pdf-store';
import { internalBaseUrl } from '../books/worker';
import { readMailConfig } from '../config';
import { DEFAULT_DELIVERY_RETRY, type DeliveryRetry } from './outbox';
import { processDeliveries, type DeliveryContext } from './send';
import { startPeriodicWorker, type PeriodicWorker } from '../periodic-worker';

export const ALERT_WORKER_INTERVAL_MS = 15_000;

/**
 * Something that looks for alerts that are due by the calendar rather than by a write (a request due
 * in three days, one late for a week) and enqueues them with enqueueAlert. It runs on every pass of
 * every instance, so its dedupe keys must name the occasion (request, kind, day): then it is told once.
 * Data rounds plug their reminders in here (hooks.server.ts passes them to startDeliveries).
 */
export type AlertScanner = (db: Database, now: Date) => Promise<unknown>;

export type DeliveryWorker = PeriodicWorker;

export function startDeliveryWorker(context: DeliveryContext, intervalMs = ALERT_WORKER_INTERVAL_MS, scanners: AlertScanner[] = []): DeliveryWorker {
	return startPeriodicWorker('deliveries', intervalMs, async () => {
		for (const scan of scanners) {
			// One scanner's trouble must not keep the others, or the sending, from running.
			await scan(context.db, new Date()).catch((e) => console.error(`alerts: a scanner failed: ${e instanceof Error ? e.message : e}`));
		}
		await processDeliveries(context);
	});
}

/**
 * The pace from the environment: PACER_ALERT_WORKER_INTERVAL_MS (default 15 s) and
 * PACER_ALERT_RETRY_SECONDS, one fixed wait before each retry instead of 1, 5, 30, 120 minutes
 * (still given up after the fifth failure). Both exist for tests that cannot wait minutes.
 */
export function deliveryPace(env: Record<string, string | undefined>): { intervalMs: number; retry: DeliveryRetry } {
	const interval = Number(env.PACER_ALERT_WORKER_INTERVAL_MS);
	const retrySeconds = Number(env.PACER_ALERT_RETRY_SECONDS);
	return {
		intervalMs: interval > 0 ? interval : ALERT_WORKER_INTERVAL_MS,
		retry: retrySeconds > 0 ? (n) => (DEFAULT_DELIVERY_RETRY(n) === null ? null : retrySeconds * 1000) : DEFAULT_DELIVERY_RETRY
	};
}

let worker: DeliveryWorker | null = null;

export function startDeliveries(handle: DatabaseHandle, env: Record<string, string | undefined>, scanners: AlertScanner[] = []) {
	if (worker || env.PACER_ALERT_WORKER === 'off') return;
	const { intervalMs, retry } = deliveryPace(env);
	const mail = readMailConfig(env, internalBaseUrl(env));
	if (!mail.smtpUrl) console.warn('alerts: PACER_SMTP_URL is not set; mail deliveries fail with "mail not configured" and show on /admin/deliveries');
	worker = startDeliveryWorker({ db: handle.db, pdfs: bookPdfStore(handle), mail, retry }, intervalMs, scanners);
}

/** Asks the worker to look at the outbox now (after "retry now"). */
export function kickDeliveries() {
	void worker?.kick();
}

export function stopDeliveries() {
	worker?.stop();
	worker = null;
}
