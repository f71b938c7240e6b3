/**
 * Unsubscribe links: a token signed with a key the instances share (table app_secrets, made on
 * first use), naming a person (or a bare address) and a kind. It works without a login and only
 * turns that kind off, so a forwarded mail can do no more harm than that.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { isAlertKind, type AlertKind } from '../../domain/alerts';
import type { Locale } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';

/** The author of changes made through unsubscribe links of addresses outside Pacer. */
export const ALERTS_USER_ID = 'alerts';

const KEY_NAME = 'unsubscribe_key';
const keys = new WeakMap<Database, Buffer>();

async function signingKey(db: Database): Promise<Buffer> {
	const known = keys.get(db);
	if (known) return known;
	// Several instances may make one at once: the first insert wins and everyone reads it back.
	await db.insert(s.appSecrets).values({ name: KEY_NAME, value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
	const [row] = await db.select().from(s.appSecrets).where(eq(s.appSecrets.name, KEY_NAME));
	const key = Buffer.from(row.value, 'base64url');
	keys.set(db, key);
	return key;
}

/** Whom a token speaks for: a user id, or "@address" for someone outside Pacer. */
export interface UnsubscribeSubject {
	who: string;
	kind: AlertKind;
}

export async function unsubscribeToken(db: Database, subject: UnsubscribeSubject): Promise<string> {
	const body = Buffer.from(JSON.stringify([subject.who, subject.kind])).toString('base64url');
	const signature = createHmac('sha256', await signingKey(db)).update(body).digest('base64url');
	return `${body}.${signature}`;
}

export async function readUnsubscribeToken(db: Database, token: string): Promise<UnsubscribeSubject | null> {
	const [body, signature] = token.split('.');
	if (!body || !signature) return null;
	const expected = createHmac('sha256', await signingKey(db)).update(body).digest();
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	try {
		const [who, kind] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [unknown, unknown];
		return typeof who === 'string' && isAlertKind(kind) ? { who, kind } : null;
	} catch {
		return null;
	}
}

/**
 * Turns the kind off for the token's person: their preference, or for an address outside Pacer its
 * place on every book schedule (the only alerts such an address gets). Audited as the person.
 * Returns the person's language to confirm in (null for an address), or null for an invalid token.
 */
export async function unsubscribe(db: Database, token: string): Promise<{ kind: AlertKind; locale: Locale | null } | null> {
	const subject = await readUnsubscribeToken(db, token);
	if (!subject) return null;
	return db.transaction(async (tx) => {
		if (subject.who.startsWith('@')) {
			const address = subject.who.slice(1);
			await tx.execute(sql`update book_schedules set recipient_emails = array_remove(recipient_emails, ${address}) where ${address} = any(recipient_emails)`);
			// Someone outside Pacer has no account to name: the alerts' own system account does.
			await tx.insert(s.users).values({ id: ALERTS_USER_ID, username: 'system.alerts', displayName: 'Alerts (unsubscribe links)', isSystem: true }).onConflictDoNothing();
			await tx.insert(s.auditLog).values({ userId: ALERTS_USER_ID, action: 'unsubscribe', entity: 'address', entityId: address, detail: { kind: subject.kind } });
			// No account, no language of its own: the page follows the link's ?lang=.
			return { kind: subject.kind, locale: null };
		}
		const [person] = await tx.select({ locale: s.users.locale }).from(s.users).where(eq(s.users.id, subject.who));
		if (!person) return null;
		await tx
			.insert(s.alertPreferences)
			.values({ userId: subject.who, kind: subject.kind, enabled: false })
			.onConflictDoUpdate({ target: [s.alertPreferences.userId, s.alertPreferences.kind], set: { enabled: false } });
		await tx.insert(s.auditLog).values({ userId: subject.who, action: 'unsubscribe', entity: 'alert_preference', entityId: subject.who, detail: { kind: subject.kind } });
		return { kind: subject.kind, locale: person.locale };
	});
}

/** Whether the person still gets this kind (for tests and the settings page). */
export async function alertEnabled(db: Database, userId: string, kind: AlertKind): Promise<boolean> {
	const [row] = await db
		.select({ enabled: s.alertPreferences.enabled })
		.from(s.alertPreferences)
		.where(and(eq(s.alertPreferences.userId, userId), eq(s.alertPreferences.kind, kind)));
	return row?.enabled ?? true;
}
