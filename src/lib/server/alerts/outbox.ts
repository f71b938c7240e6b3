/**
 * The outbox of alerts (table deliveries). An event enqueues one row per recipient, in the
 * transaction that caused it, under a dedupe key: instances that all see the event write it once.
 * The worker (worker.ts) claims due rows one at a time (FOR UPDATE SKIP LOCKED, with a lease a dead
 * instance lets lapse), sends them (send.ts) and records the outcome; a failure keeps its reason
 * and waits for its retry (1, 5, 30, 120 minutes, then given up) on /admin/deliveries.
 */
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { composeAlert, deliveryRetryMinutes, type AlertKind, type AlertParams } from '../../domain/alerts';
import type { Locale } from '../../domain/plan';
import { translator } from '../../i18n';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';

type Db = Database | Transaction;

/** How long a claim holds before another instance may take the delivery over. */
export const DELIVERY_LEASE_MS = 5 * 60_000;

export interface AlertEvent {
	kind: AlertKind;
	/** Pacer user ids, and mail addresses of people outside Pacer (anything with an @). */
	recipients: string[];
	/** Message values; a { zh, en } value is taken in each recipient's language. */
	params: AlertParams;
	/** Names the event once: each recipient's row adds its own suffix, so a second enqueue adds nothing. */
	dedupeKey: string;
	/** A path of Pacer (/targets/…) the message links to; made absolute with the public address when sent. */
	link?: string;
	/** A book whose PDF goes with each mail when it is under the size limit. */
	bookId?: number;
	/** The plans the event is about, for webhooks that follow some plans only; empty: none in particular. */
	planIds?: string[];
	/** The language of mail to bare addresses (zh by default). */
	addressLocale?: Locale;
	/** Extra fields of the plain JSON webhook's body. */
	fields?: Record<string, string | number>;
}

/**
 * The one way anything is told: composes the message in each recipient's language and queues a
 * mail per person who has this kind on (a person without an address gets a row that fails with
 * that reason, never silence), and a post per webhook that follows this kind and plan. Call it
 * inside the transaction of the change that causes it. Returns how many rows were queued.
 */
export async function enqueueAlert(db: Db, event: AlertEvent): Promise<number> {
	const userIds = event.recipients.filter((r) => !r.includes('@'));
	const addresses = [...new Set(event.recipients.filter((r) => r.includes('@')).map((r) => r.trim().toLowerCase()))];
	const people = userIds.length
		? await db
				.select({ id: s.users.id, email: s.users.email, locale: s.users.locale, enabled: s.alertPreferences.enabled })
				.from(s.users)
				.leftJoin(s.alertPreferences, and(eq(s.alertPreferences.userId, s.users.id), eq(s.alertPreferences.kind, event.kind)))
				// A deactivated account is told nothing: its person no longer works here.
				.where(and(inArray(s.users.id, [...new Set(userIds)]), eq(s.users.isSystem, false), isNull(s.users.deactivatedAt)))
		: [];
	const chats = await db
		.select()
		.from(s.webhooks)
		.where(and(eq(s.webhooks.enabled, true), sql`${event.kind} = any(${s.webhooks.kinds})`));
	const rows: (typeof s.deliveries.$inferInsert)[] = [];
	const message = (locale: Locale) => composeAlert(event.kind, event.params, locale, translator(locale) as (key: string, values?: Record<string, string | number>) => string);
	const base = { kind: event.kind, bookId: event.bookId ?? null, payload: { link: event.link ?? null } as Record<string, unknown> };
	const mailedAddresses = new Set<string>();
	for (const person of people) {
		if (person.enabled === false) continue;
		const email = person.email?.trim().toLowerCase() ?? '';
		// One mail per address: a person who is also listed by address gets it once.
		if (email && mailedAddresses.has(email)) continue;
		if (email) mailedAddresses.add(email);
		rows.push({ ...base, channel: 'email', recipient: email, userId: person.id, locale: person.locale, ...message(person.locale), dedupeKey: `${event.dedupeKey}:user:${person.id}` });
	}
	const addressLocale = event.addressLocale ?? 'zh';
	for (const address of addresses) {
		if (mailedAddresses.has(address)) continue;
		mailedAddresses.add(address);
		rows.push({ ...base, channel: 'email', recipient: address, locale: addressLocale, ...message(addressLocale), dedupeKey: `${event.dedupeKey}:email:${address}` });
	}
	const planIds = event.planIds ?? [];
	for (const chat of chats) {
		if (chat.planIds.length && planIds.length && !planIds.some((p) => chat.planIds.includes(p))) continue;
		rows.push({
			...base,
			channel: 'webhook',
			recipient: chat.url,
			webhookId: chat.id,
			locale: chat.locale,
			...message(chat.locale),
			payload: { ...base.payload, format: chat.format, fields: event.fields ?? {} },
			dedupeKey: `${event.dedupeKey}:webhook:${chat.id}`
		});
	}
	if (rows.length === 0) return 0;
	const inserted = await db.insert(s.deliveries).values(rows).onConflictDoNothing({ target: s.deliveries.dedupeKey }).returning({ id: s.deliveries.id });
	return inserted.length;
}

export interface ClaimedDelivery {
	id: number;
	channel: 'email' | 'webhook';
	/** For a person: their address now (they may have set it since the alert was queued). */
	recipient: string;
	userId: string | null;
	kind: string;
	locale: Locale;
	subject: string;
	body: string;
	payload: Record<string, unknown>;
	bookId: number | null;
	attempts: number;
}

/** Takes the next due delivery (queued, or failed and due for its retry, and not held by a live claim). */
export async function claimNextDelivery(db: Database, now: Date, leaseMs = DELIVERY_LEASE_MS): Promise<ClaimedDelivery | null> {
	const d = s.deliveries;
	// Due by the later of the given time and the database's: a delivery queued with the database's
	// now() (microseconds) in the same millisecond as this look is due, not left for the next one.
	const due = sql`greatest(${now.toISOString()}::timestamptz, now())`;
	const next = db
		.select({ id: d.id })
		.from(d)
		.where(and(inArray(d.status, ['queued', 'failed']), lte(d.nextAttemptAt, due), or(isNull(d.leaseUntil), lt(d.leaseUntil, now))))
		.orderBy(asc(d.nextAttemptAt), asc(d.id))
		.limit(1)
		.for('update', { skipLocked: true });
	const [row] = await db
		.update(d)
		.set({ attempts: sql`${d.attempts} + 1`, leaseUntil: new Date(now.getTime() + leaseMs) })
		.where(inArray(d.id, next))
		.returning();
	if (!row) return null;
	let recipient = row.recipient;
	if (row.userId) {
		const [person] = await db.select({ email: s.users.email }).from(s.users).where(eq(s.users.id, row.userId));
		recipient = person?.email?.trim() ?? '';
	}
	return { ...row, recipient, payload: row.payload ?? {} };
}

/** Records a sent delivery, unless the claim was meanwhile taken over. */
export async function recordSent(db: Database, delivery: ClaimedDelivery, now: Date) {
	await db
		.update(s.deliveries)
		.set({ status: 'sent', sentAt: now, nextAttemptAt: null, leaseUntil: null, recipient: delivery.recipient })
		.where(and(eq(s.deliveries.id, delivery.id), eq(s.deliveries.attempts, delivery.attempts)));
}

/** How long to wait after the n-th failure; tests shorten it (PACER_ALERT_RETRY_SECONDS). */
export type DeliveryRetry = (failedAttempts: number) => number | null;

export const DEFAULT_DELIVERY_RETRY: DeliveryRetry = (n) => {
	const minutes = deliveryRetryMinutes(n);
	return minutes === null ? null : minutes * 60_000;
};

/** Records a failed attempt with its reason, and its retry; `final` gives up at once (nothing a retry could change). */
export async function recordFailure(db: Database, delivery: ClaimedDelivery, reason: string, now: Date, retry: DeliveryRetry, final = false) {
	const delay = final ? null : retry(delivery.attempts);
	await db
		.update(s.deliveries)
		// A new failure is news again, even if an earlier one was acknowledged.
		.set({ status: 'failed', lastError: reason.slice(0, 1000), nextAttemptAt: delay === null ? null : new Date(now.getTime() + delay), leaseUntil: null, acknowledgedAt: null, acknowledgedBy: null })
		.where(and(eq(s.deliveries.id, delivery.id), eq(s.deliveries.attempts, delivery.attempts)));
}

/** "Retry now" on /admin/deliveries: a failed delivery is due at once, with a fresh set of attempts. */
export async function retryDelivery(db: Database, id: number, userId: string, now = new Date()): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.update(s.deliveries)
			.set({ status: 'queued', attempts: 0, nextAttemptAt: now, leaseUntil: null, acknowledgedAt: null, acknowledgedBy: null })
			.where(and(eq(s.deliveries.id, id), eq(s.deliveries.status, 'failed')))
			.returning({ id: s.deliveries.id });
		if (rows.length) await tx.insert(s.auditLog).values({ userId, action: 'retry', entity: 'delivery', entityId: String(id), detail: {} });
		return rows.length > 0;
	});
}

/**
 * An admin has seen a failure (a person who will never have an address, a robot that was removed):
 * it stays on the list, marked, and leaves the header's count. Audited.
 */
export async function acknowledgeDelivery(db: Database, id: number, userId: string, now = new Date()): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.update(s.deliveries)
			.set({ acknowledgedAt: now, acknowledgedBy: userId })
			.where(and(eq(s.deliveries.id, id), eq(s.deliveries.status, 'failed'), isNull(s.deliveries.acknowledgedAt)))
			.returning({ id: s.deliveries.id });
		if (rows.length) await tx.insert(s.auditLog).values({ userId, action: 'acknowledge', entity: 'delivery', entityId: String(id), detail: {} });
		return rows.length > 0;
	});
}

const acknowledger = alias(s.users, 'acknowledger');

/** Every delivery, newest first, with the webhook's name and the person's display name. */
export function listDeliveries(db: Database, filter: { status?: 'queued' | 'sent' | 'failed' } = {}, limit = 300) {
	const d = s.deliveries;
	return db
		.select({
			id: d.id,
			channel: d.channel,
			recipient: d.recipient,
			person: s.users.displayName,
			webhook: s.webhooks.name,
			kind: d.kind,
			subject: d.subject,
			status: d.status,
			attempts: d.attempts,
			nextAttemptAt: d.nextAttemptAt,
			lastError: d.lastError,
			acknowledgedAt: d.acknowledgedAt,
			acknowledgedBy: acknowledger.displayName,
			createdAt: d.createdAt,
			sentAt: d.sentAt
		})
		.from(d)
		.leftJoin(s.users, eq(s.users.id, d.userId))
		.leftJoin(s.webhooks, eq(s.webhooks.id, d.webhookId))
		.leftJoin(acknowledger, eq(acknowledger.id, d.acknowledgedBy))
		.where(filter.status ? eq(d.status, filter.status) : undefined)
		.orderBy(desc(d.createdAt), desc(d.id))
		.limit(limit);
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>[number];

/** Failed deliveries no admin has acknowledged: the count in the admin header, so no failure goes unnoticed. */
export async function countFailedDeliveries(db: Database): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(s.deliveries)
		.where(and(eq(s.deliveries.status, 'failed'), isNull(s.deliveries.acknowledgedAt)));
	return Number(row?.n ?? 0);
}
