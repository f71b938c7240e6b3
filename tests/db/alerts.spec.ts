/**
 * Alerts end to end below the browser: events enqueue deliveries, workers send them to an SMTP
 * server and an HTTP receiver started here, failures are recorded with their reason and retried.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { CONSOLE_USER_ID, createUser, ensureConsoleUser } from '../../src/lib/server/auth/accounts';
import { createSchedule, enqueueDueBooks, processBooks } from '../../src/lib/server/books/archive';
import { bookPdfStore, type BookPdfStore } from '../../src/lib/server/books/pdf-store';
import type { BookRenderer } from '../../src/lib/server/books/render';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/open';
import * as s from '../../src/lib/server/db/schema';
import { addObservation } from '../../src/lib/server/queries/observations';
import { refreshJudgements } from '../../src/lib/server/queries/judgements';
import { acknowledgeDelivery, countFailedDeliveries, enqueueAlert, listDeliveries, retryDelivery } from '../../src/lib/server/alerts/outbox';
import { processDeliveries, type DeliveryContext } from '../../src/lib/server/alerts/send';
import { startDeliveryWorker, type AlertScanner } from '../../src/lib/server/alerts/worker';
import { createWebhook, follow, saveNotificationSettings, setScheduleRecipients } from '../../src/lib/server/alerts/settings';
import { alertEnabled, unsubscribe } from '../../src/lib/server/alerts/unsubscribe';
import { verdictWorsened } from '../../src/lib/domain/alerts';
import type { VerdictStatus } from '../../src/lib/domain/verdict';
import { startHttpReceiver, startSmtpServer, type TestHttpReceiver, type TestSmtpServer } from '../fixtures/mail-receivers';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

const BASE = 'https://pacer.example.gov.cn';
const TARGET = 'sh-trial-startup';
const later = (minutes: number) => () => new Date(Date.now() + minutes * 60_000);

describe(`alerts on ${backend}`, () => {
	let t: TestDatabase;
	let second: DatabaseHandle;
	let smtp: TestSmtpServer;
	let hook: TestHttpReceiver;
	let pdfs: BookPdfStore;
	let lily: string;
	let admin: string;
	const context = (over: Partial<DeliveryContext['mail']> = {}, db = t.handle.db): DeliveryContext => ({
		db,
		pdfs,
		mail: { smtpUrl: smtp.url, from: 'Pacer <pacer@example.gov.cn>', publicBaseUrl: BASE, attachmentLimit: 5 * 1024 * 1024, ...over },
		// One minute between attempts, given up after the fifth: passes "a minute later" retry.
		retry: (n) => (n < 5 ? 60_000 : null)
	});
	const deliveriesOf = async (kind: string) => (await listDeliveries(t.handle.db)).filter((d) => d.kind === kind);

	beforeAll(async () => {
		t = await createMigratedDatabase();
		await seedCatalogue(t.handle.db, loadCatalogue(path.resolve('catalogue')));
		await ensureConsoleUser(t.handle.db);
		second = t.url ? await openDatabase({ databaseUrl: t.url, dataDir: '' }) : t.handle;
		pdfs = bookPdfStore(t.handle);
		smtp = await startSmtpServer();
		hook = await startHttpReceiver();
		lily = await createUser(t.handle.db, { username: 'lily', role: 'viewer', password: 'lily-password-1', mustChangePassword: false }, CONSOLE_USER_ID);
		admin = await createUser(t.handle.db, { username: 'chief', role: 'admin', password: 'chief-password-1', mustChangePassword: false }, CONSOLE_USER_ID);
		await saveNotificationSettings(t.handle.db, lily, { email: 'lily@example.gov.cn', locale: 'zh', kinds: ['verdict_worsened', 'book_delivered', 'book_failed', 'request_late'] });
		await saveNotificationSettings(t.handle.db, admin, { email: 'chief@example.gov.cn', locale: 'en', kinds: ['book_failed'] });
	});
	afterAll(async () => {
		await smtp?.stop();
		await hook?.stop();
		if (second && second !== t.handle) await second.close();
		await t?.drop();
	});

	it('mails a subscriber and posts a WeCom message when a figure makes a target worse, once', async () => {
		const db = t.handle.db;
		await follow(db, lily, { targetId: TARGET });
		await createWebhook(db, { name: 'office chat', url: hook.url, format: 'wecom', planIds: [], kinds: ['verdict_worsened'], locale: 'zh' }, CONSOLE_USER_ID);
		const statusOf = async () => (await db.select().from(s.targetJudgements).where(eq(s.targetJudgements.targetId, TARGET)))[0].status as VerdictStatus;
		const before = await statusOf();
		// The trial start-up time was to fall to 25 weeks; a 2026 figure of 60 is a step back.
		await addObservation(db, { indicatorId: 'sh.trial-startup-time', period: '2026', periodStart: '2026-01-01', periodEnd: '2026-12-31', basis: 'period', value: 60, provenance: 'estimate', sourceId: null, userId: CONSOLE_USER_ID });
		const after = await statusOf();
		expect(verdictWorsened(before, after)).toBe(true);
		expect(await processDeliveries(context())).toEqual({ sent: 2, failed: 0 });

		expect(smtp.mails).toHaveLength(1);
		const mail = smtp.mails[0];
		expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('lily@example.gov.cn');
		expect(mail.subject).toMatch(/^目标研判变差：/);
		expect(mail.text).toContain(`${BASE}/targets/${TARGET}`);
		expect(mail.text).toContain('依据：');
		expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/\s+/g, ' ')).toMatch(new RegExp(`^List-Unsubscribe: <${BASE}/unsubscribe/`));

		expect(hook.bodies).toHaveLength(1);
		expect(hook.bodies[0]).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining(`${BASE}/targets/${TARGET}`) } });
		expect((hook.bodies[0].markdown as { content: string }).content).toMatch(/目标研判变差/);

		// Judged again (another instance, the next page load): the same change is not told twice.
		await refreshJudgements(second.db, { targetIds: [TARGET], force: true });
		expect(await deliveriesOf('verdict_worsened')).toHaveLength(2);
	});

	it('an unsubscribe link turns that kind off for that person only, and a forged one does nothing', async () => {
		const db = t.handle.db;
		const link = /\/unsubscribe\/([^\s?]+)/.exec(smtp.mails[0].text ?? '')!;
		expect(await unsubscribe(db, `${link[1].slice(0, -2)}xx`)).toBeNull();
		expect(await alertEnabled(db, lily, 'verdict_worsened')).toBe(true);
		expect(await unsubscribe(db, link[1])).toEqual({ kind: 'verdict_worsened', locale: 'zh' });
		expect(await alertEnabled(db, lily, 'verdict_worsened')).toBe(false);
		expect(await alertEnabled(db, lily, 'book_delivered')).toBe(true);
		const queued = await enqueueAlert(db, { kind: 'verdict_worsened', recipients: [lily], params: { target: 'x', before: 'a', after: 'b', basis: 'c' }, dedupeKey: 'after-unsubscribe' });
		// The webhook still gets it; lily does not.
		expect(queued).toBe(1);
		expect((await deliveriesOf('verdict_worsened')).filter((d) => d.recipient === 'lily@example.gov.cn')).toHaveLength(1);
		expect(await processDeliveries(context())).toEqual({ sent: 1, failed: 0 });
	});

	it('mails a scheduled book with its PDF attached, and as a link when it is over the limit', async () => {
		const db = t.handle.db;
		const pdf = (asOf: string) => new TextEncoder().encode(`%PDF-1.4 fake book as of ${asOf}`);
		const render: BookRenderer = async (request) => ({ pdf: pdf(request.asOf), pageCount: 3 });
		const id = await createSchedule(db, { name: '月度简报', cron: '0 8 1 * *', timeZone: 'UTC', planIds: [], locale: 'zh' }, CONSOLE_USER_ID);
		await db.update(s.bookSchedules).set({ updatedAt: new Date('2026-11-20T00:00:00Z') }).where(eq(s.bookSchedules.id, id));
		expect(await setScheduleRecipients(db, id, { emails: ['boss@example.gov.cn'], usernames: ['lily', 'nobody'] }, CONSOLE_USER_ID)).toEqual({ unknown: ['nobody'] });
		expect(await setScheduleRecipients(db, id, { emails: ['boss@example.gov.cn'], usernames: ['lily'] }, CONSOLE_USER_ID)).toEqual({ unknown: [] });
		const mailsBefore = smtp.mails.length;
		await processBooks(db, pdfs, render, () => new Date('2026-12-01T08:00:05Z'));
		expect(await processDeliveries(context())).toEqual({ sent: 2, failed: 0 });
		const booked = smtp.mails.slice(mailsBefore);
		expect(booked.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort()).toEqual(['boss@example.gov.cn', 'lily@example.gov.cn']);
		for (const mail of booked) {
			expect(mail.subject).toBe('简报：月度简报（截至2026-11-30）');
			expect(mail.attachments).toHaveLength(1);
			expect(mail.attachments[0]).toMatchObject({ contentType: 'application/pdf', filename: 'pacer-2026-11-30.pdf' });
			expect(Buffer.from(mail.attachments[0].content).equals(Buffer.from(pdf('2026-11-30')))).toBe(true);
			expect(mail.text).toMatch(/\/books\/\d+\/book\.pdf/);
		}

		// The next month's book, with a limit smaller than the PDF: a link and no attachment.
		expect(await enqueueDueBooks(db, new Date('2027-01-01T09:00:00Z'))).toBe(1);
		await processBooks(db, pdfs, render, () => new Date('2027-01-01T09:00:05Z'));
		expect(await processDeliveries(context({ attachmentLimit: 10 }))).toEqual({ sent: 2, failed: 0 });
		const linked = smtp.mails.slice(mailsBefore + 2);
		expect(linked).toHaveLength(2);
		for (const mail of linked) {
			expect(mail.attachments).toHaveLength(0);
			expect(mail.text).toMatch(new RegExp(`${BASE}/books/\\d+/book\\.pdf`));
			expect(mail.text).toMatch(/超过邮件附件上限/);
		}
	});

	it('a scheduled book that fails tells its recipients and the admins, with the reason', async () => {
		const db = t.handle.db;
		const id = await createSchedule(db, { name: 'weekly', cron: '0 8 * * 1', timeZone: 'UTC', planIds: [], locale: 'en' }, CONSOLE_USER_ID);
		await db.update(s.bookSchedules).set({ updatedAt: new Date('2026-11-25T00:00:00Z') }).where(eq(s.bookSchedules.id, id));
		await setScheduleRecipients(db, id, { emails: ['outside@example.com'], usernames: [] }, CONSOLE_USER_ID);
		const broken: BookRenderer = async () => {
			throw new Error('Chromium crashed');
		};
		await processBooks(db, pdfs, broken, () => new Date('2026-11-30T08:00:05Z'));
		const told = await deliveriesOf('book_failed');
		expect(told.map((d) => d.recipient).sort()).toEqual(['chief@example.gov.cn', 'outside@example.com']);
		const mailsBefore = smtp.mails.length;
		await processDeliveries(context());
		const mails = smtp.mails.slice(mailsBefore);
		expect(mails).toHaveLength(2);
		expect(mails.every((m) => m.subject === 'Briefing book failed: weekly (as of 2026-11-29)' && (m.text ?? '').includes('Chromium crashed'))).toBe(true);
	});

	it('a refusing or absent mail server fails with its reason, is retried, and delivers once it accepts', async () => {
		const db = t.handle.db;
		const late = (key: string) =>
			enqueueAlert(db, {
				kind: 'request_late',
				recipients: [lily],
				params: { unit: '市药监局', round: '2026年第四季度', indicator: '临床试验启动时间', period: '2026Q4', due: '2027-01-15', days: 3 },
				dedupeKey: key,
				link: '/'
			});
		const row = async (key: string) => (await db.select().from(s.deliveries).where(eq(s.deliveries.dedupeKey, `${key}:user:${lily}`)))[0];

		smtp.refuse = 'mailbox unavailable';
		await late('refused');
		expect(await processDeliveries(context())).toEqual({ sent: 0, failed: 1 });
		let failed = await row('refused');
		expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
		expect(failed.lastError).toMatch(/mailbox unavailable/);
		expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
		// Not due yet: nothing is sent before its retry time.
		expect(await processDeliveries(context())).toEqual({ sent: 0, failed: 0 });
		smtp.refuse = null;
		const before = smtp.mails.length;
		expect(await processDeliveries(context(), later(2))).toEqual({ sent: 1, failed: 0 });
		expect(await row('refused')).toMatchObject({ status: 'sent', attempts: 2 });
		expect(smtp.mails.length).toBe(before + 1);
		expect(smtp.mails.at(-1)!.subject).toBe('填报逾期：临床试验启动时间（2026年第四季度），截止日2027-01-15');

		// The server is down: a connection failure, then delivered by "retry now" once it is back.
		const port = smtp.port;
		await smtp.stop();
		await late('down');
		expect(await processDeliveries(context())).toEqual({ sent: 0, failed: 1 });
		failed = await row('down');
		expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
		smtp = await startSmtpServer(port);
		expect(await retryDelivery(db, failed.id, admin)).toBe(true);
		expect(await processDeliveries(context())).toEqual({ sent: 1, failed: 0 });
		expect(smtp.mails).toHaveLength(1);

		// No SMTP settings: failed with that reason, visibly.
		await late('unconfigured');
		await processDeliveries(context({ smtpUrl: undefined }));
		expect((await row('unconfigured')).lastError).toMatch(/mail not configured/);

		// The attempts run out: given up, with no next attempt.
		smtp.refuse = 'still refusing';
		for (let minutes = 2; minutes < 12; minutes += 2) await processDeliveries(context(), later(minutes));
		expect(await row('unconfigured')).toMatchObject({ status: 'failed', attempts: 5, nextAttemptAt: null });
		smtp.refuse = null;
	});

	it('a robot that answers with an error code is a failure to retry', async () => {
		const db = t.handle.db;
		hook.answer = { status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' };
		await enqueueAlert(db, { kind: 'verdict_worsened', recipients: [], params: { target: 't', before: 'a', after: 'b', basis: 'c' }, dedupeKey: 'robot-error' });
		await processDeliveries(context());
		const [row] = await db.select().from(s.deliveries).where(eq(s.deliveries.dedupeKey, 'robot-error:webhook:1'));
		expect(row).toMatchObject({ status: 'failed', lastError: 'errcode 93000: invalid webhook url' });
		hook.answer = { status: 500, body: 'down' };
		await processDeliveries(context(), later(2));
		expect((await db.select().from(s.deliveries).where(eq(s.deliveries.id, row.id)))[0].lastError).toBe('HTTP 500: down');
		hook.answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
		await processDeliveries(context(), later(10));
		expect((await db.select().from(s.deliveries).where(eq(s.deliveries.id, row.id)))[0].status).toBe('sent');
	});

	it('counts failures no admin has acknowledged, and a person without an address fails visibly, at once', async () => {
		const db = t.handle.db;
		const lilyKinds = ['verdict_worsened', 'book_delivered', 'book_failed', 'request_late'] as const;
		await saveNotificationSettings(db, lily, { email: '', locale: 'zh', kinds: [...lilyKinds] });
		const before = await countFailedDeliveries(db);
		await enqueueAlert(db, { kind: 'request_late', recipients: [lily], params: { unit: 'u', round: 'r', indicator: 'i', period: 'p', due: 'd', days: 1 }, dedupeKey: 'no-address' });
		await processDeliveries(context());
		const [row] = await db.select().from(s.deliveries).where(eq(s.deliveries.dedupeKey, `no-address:user:${lily}`));
		expect(row).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
		expect(row.lastError).toMatch(/no mail address/);
		expect(await countFailedDeliveries(db)).toBe(before + 1);
		expect(await acknowledgeDelivery(db, row.id, admin)).toBe(true);
		expect(await countFailedDeliveries(db)).toBe(before);
		// Tried again after the address is set: delivered. Tried again without one: a new failure, flagged again.
		expect(await retryDelivery(db, row.id, admin)).toBe(true);
		await processDeliveries(context());
		expect(await countFailedDeliveries(db)).toBe(before + 1);
		await saveNotificationSettings(db, lily, { email: 'lily@example.gov.cn', locale: 'zh', kinds: [...lilyKinds] });
		await retryDelivery(db, row.id, admin);
		expect(await processDeliveries(context())).toEqual({ sent: 1, failed: 0 });
		expect(await countFailedDeliveries(db)).toBe(before);
	});

	it('runs calendar scanners (round reminders) on every pass, told once per occasion by their dedupe key', async () => {
		const scanner: AlertScanner = (db, now) =>
			enqueueAlert(db, {
				kind: 'request_due_soon',
				recipients: ['reporter@example.gov.cn'],
				params: { unit: '市药监局', round: '2026年第四季度', indicator: '临床试验启动时间', period: '2026Q4', due: '2027-01-15' },
				dedupeKey: `request_due_soon:request-7:${now.toISOString().slice(0, 10)}`,
				link: '/'
			});
		const worker = startDeliveryWorker(context(), 60_000, [scanner]);
		const before = smtp.mails.length;
		await worker.kick();
		await worker.kick();
		worker.stop();
		expect(smtp.mails.slice(before).map((m) => m.subject)).toEqual(['填报提醒：临床试验启动时间（2026年第四季度）将于2027-01-15截止']);
	});

	it('sends each delivery once when two workers run, and an event enqueued twice once', async () => {
		const db = t.handle.db;
		for (let i = 0; i < 2; i++) {
			expect(await enqueueAlert(second.db, { kind: 'request_late', recipients: ['twice@example.com'], params: { unit: 'u', round: 'r', indicator: 'i', period: 'p', due: 'd', days: 1 }, dedupeKey: 'same-event' })).toBe(i === 0 ? 1 : 0);
		}
		for (let i = 0; i < 24; i++) {
			await enqueueAlert(db, { kind: 'request_late', recipients: [`p${i}@example.com`], params: { unit: 'u', round: 'r', indicator: `i${i}`, period: 'p', due: 'd', days: 1 }, dedupeKey: `many-${i}` });
		}
		const before = smtp.mails.length;
		const [a, b] = await Promise.all([processDeliveries(context()), processDeliveries(context({}, second.db))]);
		expect(a.sent + b.sent).toBe(25);
		const arrived = smtp.mails.slice(before).map((m) => (m.to && 'text' in m.to ? m.to.text : ''));
		expect(arrived).toHaveLength(25);
		expect(new Set(arrived).size).toBe(25);
		if (second !== t.handle) expect(a.sent).toBeGreaterThan(0);
	});
});
