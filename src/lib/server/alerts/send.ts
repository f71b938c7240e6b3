/**
 * Sending one claimed delivery: a mail through SMTP (nodemailer), or a post to a webhook. Every way
 * it can go wrong ends as a reason on the delivery's row, never as silence.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { mailText, webhookBody, webhookFailure, type AlertKind, type AlertTranslate, type WebhookFormat } from '../../domain/alerts';
import { translator } from '../../i18n';
import { route } from '../../route';
import type { BookPdfStore } from '../books/pdf-store';
import { innermostMessage } from '../db/connection-loss';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import type { MailConfig } from '../config';
import { eq } from 'drizzle-orm';
import { claimNextDelivery, DEFAULT_DELIVERY_RETRY, recordFailure, recordSent, type ClaimedDelivery, type DeliveryRetry } from './outbox';
import { unsubscribeToken } from './unsubscribe';

/** A failure no retry can mend (no address): given up at once. */
class FinalFailure extends Error {}

/** What the worker needs: the database, where book PDFs are, the mail settings, the retry pace. */
export interface DeliveryContext {
	db: Database;
	pdfs: BookPdfStore;
	mail: MailConfig;
	retry?: DeliveryRetry;
	/** How long a webhook may take to answer. */
	webhookTimeoutMs?: number;
}

const transports = new Map<string, Transporter>();

function transport(smtpUrl: string): Transporter {
	let known = transports.get(smtpUrl);
	if (!known) {
		// Short timeouts: a dead server must fail this attempt, not hold the worker for minutes.
		known = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
		transports.set(smtpUrl, known);
	}
	return known;
}

const absolute = (base: string, link: unknown) => (typeof link === 'string' && link ? (/^https?:\/\//.test(link) ? link : `${base}${link}`) : undefined);

async function readPdf(db: Database, pdfs: BookPdfStore, bookId: number): Promise<{ bytes: Buffer; asOf: string } | null> {
	const [book] = await db.select({ sha256: s.books.sha256, asOf: s.books.asOf }).from(s.books).where(eq(s.books.id, bookId));
	if (!book?.sha256) return null;
	const stored = await pdfs.open(book.sha256);
	const chunks: Uint8Array[] = [];
	const reader = stored.stream.getReader();
	for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
	return { bytes: Buffer.concat(chunks), asOf: book.asOf };
}

async function sendMail(context: DeliveryContext, delivery: ClaimedDelivery): Promise<void> {
	if (!delivery.recipient) throw new FinalFailure('no mail address: the person has none set (account page or /admin/users)');
	if (!context.mail.smtpUrl) throw new Error('mail not configured: PACER_SMTP_URL is not set');
	const base = context.mail.publicBaseUrl;
	const who = delivery.userId ?? `@${delivery.recipient}`;
	// ?lang=: the whole confirmation page, header included, in the person's language.
	const unsubscribe = `${base}${route.unsubscribe(await unsubscribeToken(context.db, { who, kind: delivery.kind as AlertKind }))}?lang=${delivery.locale}`;
	const t = translator(delivery.locale) as unknown as AlertTranslate;
	const attachments: Mail.Attachment[] = [];
	let note: string | undefined;
	if (delivery.bookId !== null) {
		// Attached when small enough for mail servers, else only the link (PACER_MAIL_ATTACHMENT_LIMIT).
		const pdf = await readPdf(context.db, context.pdfs, delivery.bookId);
		if (!pdf) throw new Error(`book ${delivery.bookId} has no PDF to send`);
		if (pdf.bytes.length <= context.mail.attachmentLimit) {
			attachments.push({ filename: `pacer-${pdf.asOf}.pdf`, content: pdf.bytes, contentType: 'application/pdf' });
			note = t('alerts.mail.attached');
		} else note = t('alerts.mail.tooLarge', { size: (pdf.bytes.length / 1048576).toFixed(1), limit: (context.mail.attachmentLimit / 1048576).toFixed(1) });
	}
	await transport(context.mail.smtpUrl).sendMail({
		from: context.mail.from,
		to: delivery.recipient,
		subject: delivery.subject,
		text: mailText(delivery, { link: absolute(base, delivery.payload.link), unsubscribe, note }, t),
		headers: { 'List-Unsubscribe': `<${unsubscribe}>` },
		attachments
	});
}

async function postWebhook(context: DeliveryContext, delivery: ClaimedDelivery): Promise<void> {
	const body = webhookBody(delivery.payload.format as WebhookFormat, {
		kind: delivery.kind as AlertKind,
		message: delivery,
		fields: (delivery.payload.fields as Record<string, string | number>) ?? {},
		link: absolute(context.mail.publicBaseUrl, delivery.payload.link)
	});
	const response = await fetch(delivery.recipient, {
		method: 'POST',
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(context.webhookTimeoutMs ?? 15_000)
	});
	const failure = webhookFailure(response.status, await response.text());
	if (failure) throw new Error(failure);
}

/** Sends one claimed delivery and records how it went. */
export async function sendDelivery(context: DeliveryContext, delivery: ClaimedDelivery, now: () => Date = () => new Date()): Promise<'sent' | 'failed'> {
	try {
		await (delivery.channel === 'email' ? sendMail(context, delivery) : postWebhook(context, delivery));
		await recordSent(context.db, delivery, now());
		return 'sent';
	} catch (e) {
		await recordFailure(context.db, delivery, innermostMessage(e), now(), context.retry ?? DEFAULT_DELIVERY_RETRY, e instanceof FinalFailure);
		return 'failed';
	}
}

/** One pass: every due delivery this instance can claim, one at a time. */
export async function processDeliveries(context: DeliveryContext, now: () => Date = () => new Date()) {
	const outcome = { sent: 0, failed: 0 };
	for (let d = await claimNextDelivery(context.db, now()); d; d = await claimNextDelivery(context.db, now())) {
		outcome[await sendDelivery(context, d, now)]++;
	}
	return outcome;
}
