/**
 * The events Pacer tells people of by itself: a verdict that worsened (called where judgements are
 * stored), and a scheduled book made or failed (called by the book queue). Each builds its message
 * values in both languages and hands them to enqueueAlert; data rounds call enqueueAlert directly.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { localized, type Localized } from '../../domain/alerts';
import type { Locale } from '../../domain/plan';
import type { VerdictBasis, VerdictStatus } from '../../domain/verdict';
import { translator, type MessageKey } from '../../i18n';
import { route } from '../../route';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { enqueueAlert } from './outbox';

type Db = Database | Transaction;

/** A message of the catalogue in both languages. */
export const both = (key: MessageKey, values?: Record<string, string | number>): Localized => ({ zh: translator('zh')(key, values), en: translator('en')(key, values) });

export interface WorsenedVerdict {
	targetId: string;
	planId: string;
	before: VerdictStatus;
	after: VerdictStatus;
	basis: VerdictBasis;
	/** The judgement's inputs and day: with the target they name this one change, so it is told once. */
	inputVersion: number;
	judgedOn: string;
}

/** Tells the subscribers of each target (or its plan) and the webhooks that follow the plan. */
export async function alertVerdictsWorsened(db: Db, changes: WorsenedVerdict[]): Promise<number> {
	if (changes.length === 0) return 0;
	const targetIds = changes.map((c) => c.targetId);
	const targets = await db.select({ id: s.targets.id, titleZh: s.targets.titleZh, titleEn: s.targets.titleEn }).from(s.targets).where(inArray(s.targets.id, targetIds));
	const titles = new Map(targets.map((t) => [t.id, localized(t.titleZh, t.titleEn)]));
	const followers = await db
		.select({ userId: s.subscriptions.userId, planId: s.subscriptions.planId, targetId: s.subscriptions.targetId })
		.from(s.subscriptions)
		.where(or(inArray(s.subscriptions.targetId, targetIds), inArray(s.subscriptions.planId, [...new Set(changes.map((c) => c.planId))])));
	let queued = 0;
	for (const change of changes) {
		const recipients = followers.filter((f) => f.targetId === change.targetId || f.planId === change.planId).map((f) => f.userId);
		queued += await enqueueAlert(db, {
			kind: 'verdict_worsened',
			recipients,
			params: {
				target: titles.get(change.targetId) ?? { zh: change.targetId, en: change.targetId },
				before: both(`status.${change.before}` as MessageKey),
				after: both(`status.${change.after}` as MessageKey),
				basis: both(`verdict.basis.${change.basis}.long` as MessageKey)
			},
			dedupeKey: `verdict_worsened:${change.targetId}:${change.inputVersion}:${change.judgedOn}:${change.after}`,
			link: route.target(change.targetId),
			planIds: [change.planId],
			fields: { target: change.targetId, plan: change.planId, before: change.before, after: change.after, basis: change.basis }
		});
	}
	return queued;
}

/** A schedule's recipients: its users and addresses. */
async function scheduleRecipients(db: Db, scheduleId: number | null) {
	if (scheduleId === null) return null;
	const [schedule] = await db.select().from(s.bookSchedules).where(eq(s.bookSchedules.id, scheduleId));
	return schedule ?? null;
}

async function bookFacts(db: Db, bookId: number) {
	const [book] = await db
		.select({ id: s.books.id, scheduleId: s.books.scheduleId, asOf: s.books.asOf, planIds: s.books.planIds, pageCount: s.books.pageCount, locale: s.books.locale })
		.from(s.books)
		.where(eq(s.books.id, bookId));
	return book ?? null;
}

/** A scheduled book is ready: each of the schedule's recipients gets it by mail (attached, or a link when too large). */
export async function alertBookDelivered(db: Db, bookId: number): Promise<number> {
	const book = await bookFacts(db, bookId);
	const schedule = book && (await scheduleRecipients(db, book.scheduleId));
	if (!book || !schedule) return 0;
	return enqueueAlert(db, {
		kind: 'book_delivered',
		recipients: [...schedule.recipientUserIds, ...schedule.recipientEmails],
		params: { schedule: schedule.name, asOf: book.asOf, pages: book.pageCount ?? 0 },
		dedupeKey: `book_delivered:${book.id}`,
		link: route.bookPdf(book.id),
		bookId: book.id,
		planIds: book.planIds,
		addressLocale: schedule.locale as Locale,
		fields: { book: book.id, asOf: book.asOf }
	});
}

/**
 * A scheduled book failed: the schedule's recipients and every admin are told at its first failure
 * (with the reason, and that it will be retried), so a missing book is never a surprise.
 */
export async function alertBookFailed(db: Db, bookId: number, reason: string, willRetry: boolean): Promise<number> {
	const book = await bookFacts(db, bookId);
	const schedule = book && (await scheduleRecipients(db, book.scheduleId));
	if (!book || !schedule) return 0;
	const admins = await db.select({ id: s.users.id }).from(s.users).where(and(eq(s.users.role, 'admin'), eq(s.users.isSystem, false), sql`${s.users.email} is not null`));
	return enqueueAlert(db, {
		kind: 'book_failed',
		recipients: [...schedule.recipientUserIds, ...schedule.recipientEmails, ...admins.map((a) => a.id)],
		params: { schedule: schedule.name, asOf: book.asOf, reason: reason.slice(0, 300), next: both(willRetry ? 'alerts.mail.book_failed.willRetry' : 'alerts.mail.book_failed.givenUp') },
		dedupeKey: `book_failed:${book.id}`,
		link: route.books(),
		planIds: book.planIds,
		addressLocale: schedule.locale as Locale,
		fields: { book: book.id, asOf: book.asOf, reason: reason.slice(0, 300) }
	});
}
