/**
 * What people and admins set about alerts: a person's address, language, kinds and subscriptions;
 * admins' webhooks and the recipients of book schedules. Every change is audited.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { ALERT_KINDS, type AlertKind } from '../../domain/alerts';
import type { Locale } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';

export interface NotificationSettings {
	email: string;
	locale: Locale;
	/** The kinds the person receives. */
	kinds: AlertKind[];
}

export async function readNotificationSettings(db: Database, userId: string): Promise<NotificationSettings> {
	const [person] = await db.select({ email: s.users.email, locale: s.users.locale }).from(s.users).where(eq(s.users.id, userId));
	const off = await db
		.select({ kind: s.alertPreferences.kind })
		.from(s.alertPreferences)
		.where(and(eq(s.alertPreferences.userId, userId), eq(s.alertPreferences.enabled, false)));
	const offKinds = new Set(off.map((o) => o.kind));
	return { email: person?.email ?? '', locale: person?.locale ?? 'zh', kinds: ALERT_KINDS.filter((k) => !offKinds.has(k)) };
}

/** Saves a person's address, language and kinds (each kind not given is turned off). */
export async function saveNotificationSettings(db: Database, userId: string, settings: NotificationSettings, authorId = userId) {
	await db.transaction(async (tx) => {
		await tx.update(s.users).set({ email: settings.email || null, locale: settings.locale }).where(eq(s.users.id, userId));
		for (const kind of ALERT_KINDS) {
			const enabled = settings.kinds.includes(kind);
			await tx
				.insert(s.alertPreferences)
				.values({ userId, kind, enabled })
				.onConflictDoUpdate({ target: [s.alertPreferences.userId, s.alertPreferences.kind], set: { enabled } });
		}
		await tx.insert(s.auditLog).values({ userId: authorId, action: 'notification_settings', entity: 'user', entityId: userId, detail: { ...settings } });
	});
}

/** An admin sets someone's address (empty: none). */
export async function setUserEmail(db: Database, userId: string, email: string, authorId: string): Promise<'ok' | 'not_found'> {
	return db.transaction(async (tx) => {
		const [user] = await tx.select().from(s.users).where(eq(s.users.id, userId));
		if (!user || user.isSystem) return 'not_found';
		await tx.update(s.users).set({ email: email || null }).where(eq(s.users.id, userId));
		await tx.insert(s.auditLog).values({ userId: authorId, action: 'user.email', entity: 'user', entityId: userId, detail: { from: user.email, to: email || null } });
		return 'ok';
	});
}

export type Subject = { planId: string } | { targetId: string };

/** Follows a plan or a target; following twice is following once. Returns false when there is no such plan or target. */
export async function follow(db: Database, userId: string, subject: Subject): Promise<boolean> {
	return db.transaction(async (tx) => {
		const exists =
			'planId' in subject
				? await tx.select({ id: s.plans.id }).from(s.plans).where(eq(s.plans.id, subject.planId))
				: await tx.select({ id: s.targets.id }).from(s.targets).where(eq(s.targets.id, subject.targetId));
		if (exists.length === 0) return false;
		await tx.insert(s.subscriptions).values({ userId, ...subject }).onConflictDoNothing();
		await tx.insert(s.auditLog).values({ userId, action: 'follow', entity: 'planId' in subject ? 'plan' : 'target', entityId: 'planId' in subject ? subject.planId : subject.targetId, detail: {} });
		return true;
	});
}

export async function unfollow(db: Database, userId: string, subject: Subject) {
	await db.transaction(async (tx) => {
		const rows = await tx
			.delete(s.subscriptions)
			.where(and(eq(s.subscriptions.userId, userId), 'planId' in subject ? eq(s.subscriptions.planId, subject.planId) : eq(s.subscriptions.targetId, subject.targetId)))
			.returning({ id: s.subscriptions.id });
		if (rows.length) await tx.insert(s.auditLog).values({ userId, action: 'unfollow', entity: 'planId' in subject ? 'plan' : 'target', entityId: 'planId' in subject ? subject.planId : subject.targetId, detail: {} });
	});
}

/** What a person follows, with titles in their language. */
export async function listSubscriptions(db: Database, userId: string, locale: Locale) {
	const rows = await db
		.select({
			planId: s.subscriptions.planId,
			targetId: s.subscriptions.targetId,
			planTitle: locale === 'en' ? s.plans.titleEn : s.plans.titleZh,
			targetTitle: locale === 'en' ? s.targets.titleEn : s.targets.titleZh
		})
		.from(s.subscriptions)
		.leftJoin(s.plans, eq(s.plans.id, s.subscriptions.planId))
		.leftJoin(s.targets, eq(s.targets.id, s.subscriptions.targetId))
		.where(eq(s.subscriptions.userId, userId))
		.orderBy(asc(s.subscriptions.id));
	return rows.map((r) => (r.planId ? { kind: 'plan' as const, id: r.planId, title: r.planTitle ?? r.planId } : { kind: 'target' as const, id: r.targetId!, title: r.targetTitle ?? r.targetId! }));
}

export async function isFollowing(db: Database, userId: string, targetId: string): Promise<boolean> {
	const rows = await db
		.select({ id: s.subscriptions.id })
		.from(s.subscriptions)
		.where(and(eq(s.subscriptions.userId, userId), eq(s.subscriptions.targetId, targetId)));
	return rows.length > 0;
}

// --- Webhooks ---------------------------------------------------------------------------------

export type NewWebhook = Pick<typeof s.webhooks.$inferInsert, 'name' | 'url' | 'format' | 'planIds' | 'kinds' | 'locale'>;

export async function createWebhook(db: Database, webhook: NewWebhook, userId: string): Promise<number> {
	return db.transaction(async (tx) => {
		const [row] = await tx.insert(s.webhooks).values({ ...webhook, createdBy: userId }).returning({ id: s.webhooks.id });
		// The URL of a robot holds its key: the audit keeps only where it points.
		await tx.insert(s.auditLog).values({ userId, action: 'create', entity: 'webhook', entityId: String(row.id), detail: { ...webhook, url: new URL(webhook.url).host } });
		return row.id;
	});
}

export async function deleteWebhook(db: Database, id: number, userId: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx.delete(s.webhooks).where(eq(s.webhooks.id, id)).returning({ name: s.webhooks.name });
		if (rows.length) await tx.insert(s.auditLog).values({ userId, action: 'delete', entity: 'webhook', entityId: String(id), detail: { name: rows[0].name } });
		return rows.length > 0;
	});
}

export function listWebhooks(db: Database) {
	return db.select().from(s.webhooks).orderBy(asc(s.webhooks.id));
}

// --- Book schedule recipients -----------------------------------------------------------------

/**
 * Sets who gets a schedule's books: addresses, and usernames resolved to users. Returns the
 * usernames no user has (nothing is saved then).
 */
export async function setScheduleRecipients(db: Database, scheduleId: number, recipients: { emails: string[]; usernames: string[] }, userId: string): Promise<{ unknown: string[] } | 'not_found'> {
	return db.transaction(async (tx) => {
		const users = recipients.usernames.length
			? await tx.select({ id: s.users.id, username: s.users.username }).from(s.users).where(and(inArray(s.users.username, recipients.usernames), eq(s.users.isSystem, false)))
			: [];
		const unknown = recipients.usernames.filter((name) => !users.some((u) => u.username === name));
		if (unknown.length) return { unknown };
		const rows = await tx
			.update(s.bookSchedules)
			.set({ recipientEmails: recipients.emails, recipientUserIds: users.map((u) => u.id) })
			.where(eq(s.bookSchedules.id, scheduleId))
			.returning({ id: s.bookSchedules.id });
		if (rows.length === 0) return 'not_found';
		await tx.insert(s.auditLog).values({ userId, action: 'recipients', entity: 'book_schedule', entityId: String(scheduleId), detail: { emails: recipients.emails, usernames: recipients.usernames } });
		return { unknown: [] };
	});
}

/** Usernames of the users among a schedule's recipients, to show and edit them. */
export async function usernamesOf(db: Database, userIds: string[]): Promise<Map<string, string>> {
	if (userIds.length === 0) return new Map();
	const rows = await db.select({ id: s.users.id, username: s.users.username }).from(s.users).where(inArray(s.users.id, userIds));
	return new Map(rows.map((r) => [r.id, r.username]));
}
