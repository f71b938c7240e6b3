/**
 * Alerts: what Pacer tells people and group chats, and the rules of delivering it. Pure: the
 * server's outbox (server/alerts/) stores and sends what these functions compose.
 */
import { z } from './zod';
import { inLocale, type Locale } from './plan';
import { STATUS_RANK } from './rollup';
import type { VerdictStatus } from './verdict';

/**
 * Every kind of alert. Each person turns each one on or off (on unless they said otherwise).
 * The request kinds are written for data rounds (填报), whose code calls enqueueAlert with them.
 * The values each template (messages: alerts.mail.<kind>.subject|body) takes:
 * - verdict_worsened: target, before, after, basis
 * - book_delivered: schedule, asOf, pages; book_failed: schedule, asOf, reason, next
 * - request_due_soon: unit, round, indicator, period, due
 * - request_late: unit, round, indicator, period, due, days
 * - request_escalated (to the unit's head): unit, round, indicator, period, due, days
 * - approval_waiting: submitter, unit, round, indicator, period, value, source
 */
export const ALERT_KINDS = [
	'verdict_worsened',
	'book_delivered',
	'book_failed',
	'request_due_soon',
	'request_late',
	'request_escalated',
	'approval_waiting'
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const isAlertKind = (value: unknown): value is AlertKind => ALERT_KINDS.includes(value as AlertKind);

export const DELIVERY_STATUSES = ['queued', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const WEBHOOK_FORMATS = ['wecom', 'dingtalk', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** The waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure gives up. */
export const RETRY_MINUTES = [1, 5, 30, 120] as const;

/**
 * Minutes to wait after the n-th failed attempt (1-based), or null when the attempts are used up.
 * @example deliveryRetryMinutes(1) === 1; deliveryRetryMinutes(4) === 120; deliveryRetryMinutes(5) === null
 */
export function deliveryRetryMinutes(failedAttempts: number): number | null {
	return RETRY_MINUTES[failedAttempts - 1] ?? null;
}

/** A mail attachment above this many bytes goes as a link instead (PACER_MAIL_ATTACHMENT_LIMIT). */
export const DEFAULT_ATTACHMENT_LIMIT = 5 * 1024 * 1024;

/**
 * Whether a verdict got worse, by the ranking of plan summaries (rollup.ts). A first judgement, or
 * a move to or from "insufficient data", is no worsening: it says nothing about progress.
 * @example verdictWorsened('on_track', 'acceleration_needed') === true; verdictWorsened(null, 'missed') === false
 */
export function verdictWorsened(before: VerdictStatus | null, after: VerdictStatus): boolean {
	if (before === null || before === 'insufficient_data' || after === 'insufficient_data') return false;
	return STATUS_RANK[after] > STATUS_RANK[before];
}

/** A value of a message that differs by language (a target's title, a verdict's name). */
export type Localized = { zh: string; en: string };

/** A name kept in both languages: where no English was written, English shows the Chinese, as pages do (inLocale). */
export const localized = (zh: string, en: string | null): Localized => ({ zh, en: inLocale(zh, en, 'en') });
export type AlertParams = Record<string, string | number | Localized>;

/** The params in one language: what a message template takes. */
export function paramsIn(params: AlertParams, locale: Locale): Record<string, string | number> {
	return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v[locale] : v]));
}

/** A translator of the app's messages; passed in so the domain stays free of the catalogue. */
export type AlertTranslate = (key: string, values?: Record<string, string | number>) => string;

export interface AlertMessage {
	subject: string;
	/** Plain text, one paragraph per line; also the markdown of a chat message. */
	body: string;
}

/** The subject and text of an alert in one language, from the templates alerts.mail.<kind>.*. */
export function composeAlert(kind: AlertKind, params: AlertParams, locale: Locale, t: AlertTranslate): AlertMessage {
	const values = paramsIn(params, locale);
	return { subject: t(`alerts.mail.${kind}.subject`, values), body: t(`alerts.mail.${kind}.body`, values) };
}

/** The mail's full text: the message, its link, and how to stop this kind of mail. */
export function mailText(message: AlertMessage, links: { link?: string; unsubscribe?: string; note?: string }, t: AlertTranslate): string {
	return [
		message.body,
		links.note ?? null,
		links.link ? t('alerts.mail.open', { link: links.link }) : null,
		'',
		'--',
		links.unsubscribe ? t('alerts.mail.unsubscribe', { link: links.unsubscribe }) : null
	]
		.filter((line) => line !== null)
		.join('\n');
}

/** What a webhook posts, in the receiver's format. */
export function webhookBody(
	format: WebhookFormat,
	event: { kind: AlertKind; message: AlertMessage; fields: Record<string, string | number>; link?: string }
): Record<string, unknown> {
	const markdown = `**${event.message.subject}**\n\n${event.message.body}${event.link ? `\n\n[${event.link}](${event.link})` : ''}`;
	switch (format) {
		case 'wecom':
			return { msgtype: 'markdown', markdown: { content: markdown } };
		case 'dingtalk':
			return { msgtype: 'markdown', markdown: { title: event.message.subject, text: markdown } };
		case 'json':
			return { event: event.kind, subject: event.message.subject, text: event.message.body, ...event.fields, links: event.link ? { target: event.link } : {} };
	}
}

/**
 * Whether a webhook's answer means delivered: a 2xx status, and for the chat robots no error code
 * in the body (WeCom and DingTalk answer 200 with {"errcode": 93000, "errmsg": …} when they refuse).
 * Returns the reason of a failure, or null.
 */
export function webhookFailure(status: number, body: string): string | null {
	if (status < 200 || status > 299) return `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
	try {
		const parsed = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
		if (parsed && typeof parsed === 'object' && parsed.errcode !== undefined && Number(parsed.errcode) !== 0) {
			return `errcode ${String(parsed.errcode)}: ${String(parsed.errmsg ?? '')}`;
		}
	} catch {
		// A plain JSON receiver may answer with anything; its 2xx is enough.
	}
	return null;
}

/** A mail address as a person types it; empty means none. */
export const emailField = z
	.string()
	.trim()
	.max(254)
	.transform((v) => v.toLowerCase())
	.pipe(z.union([z.literal(''), z.email()]));

/** The settings a person makes on /account/notifications. */
export const notificationSettings = z.object({
	email: emailField,
	locale: z.enum(['zh', 'en']),
	kinds: z.array(z.enum(ALERT_KINDS))
});

/** A webhook as an admin enters it. */
export const webhookForm = z.object({
	name: z.string().trim().min(1).max(100),
	url: z
		.url()
		.refine((u) => /^https?:\/\//.test(u), { message: 'http' }),
	format: z.enum(WEBHOOK_FORMATS),
	planIds: z.array(z.string()),
	kinds: z.array(z.enum(ALERT_KINDS)).min(1),
	locale: z.enum(['zh', 'en'])
});

/**
 * A schedule's recipients as typed, one per line or comma: addresses, and usernames of Pacer users.
 * @example splitRecipients('a@b.cn, lily\n') -> { emails: ['a@b.cn'], usernames: ['lily'], bad: [] }
 */
export function splitRecipients(text: string): { emails: string[]; usernames: string[]; bad: string[] } {
	const entries = text
		.split(/[\s,;，；]+/)
		.map((e) => e.trim())
		.filter(Boolean);
	const emails: string[] = [];
	const usernames: string[] = [];
	const bad: string[] = [];
	for (const entry of entries) {
		if (entry.includes('@')) {
			const parsed = emailField.safeParse(entry);
			if (parsed.success && parsed.data) emails.push(parsed.data);
			else bad.push(entry);
		} else usernames.push(entry);
	}
	return { emails: [...new Set(emails)], usernames: [...new Set(usernames)], bad };
}
