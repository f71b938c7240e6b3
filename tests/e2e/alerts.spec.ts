/**
 * Alerts as people use them, on an instance of the test's own whose mail goes to an SMTP server
 * started here and whose chat robot is a local HTTP receiver: a person sets an address and follows
 * a target, a worse figure mails them and posts a WeCom message, the mail's unsubscribe link works
 * without a login; a refusing mail server shows on /admin/deliveries with its reason and "retry
 * now" delivers once it accepts; a scheduled book arrives with its PDF attached.
 * ALERTS_SCREENSHOTS=DIR keeps screenshots of the pages in both languages.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';
import { startIsolatedServer, type IsolatedServer } from './isolated-server';
import { startHttpReceiver, startSmtpServer, waitFor, type TestHttpReceiver, type TestSmtpServer } from '../fixtures/mail-receivers';

const shots = process.env.ALERTS_SCREENSHOTS;

describe('alerts and subscriptions in the browser', () => {
	let server: IsolatedServer;
	let smtp: TestSmtpServer;
	let hook: TestHttpReceiver;
	let browser: Browser;
	let admin: Page;
	let problems: string[];

	const screenshot = async (page: Page, name: string) => {
		if (!shots) return;
		fs.mkdirSync(shots, { recursive: true });
		for (const lang of ['zh', 'en']) {
			await page.goto(`${page.url().split('?')[0]}?lang=${lang}${page.url().includes('status=failed') ? '&status=failed' : ''}`, { waitUntil: 'networkidle' });
			await page.screenshot({ path: path.join(shots, `${name}-${lang}.png`), fullPage: true });
		}
		await page.goto(`${page.url().split('?')[0]}?lang=zh`, { waitUntil: 'networkidle' });
	};

	/** Enters a figure for 2026 on a target's page, through its form. */
	const enterFigure = async (targetId: string, value: string) => {
		await admin.goto(`${server.base}/targets/${targetId}`, { waitUntil: 'networkidle' });
		await admin.fill('#entry input[name=period]', '2026');
		await admin.fill('#entry input[name=value]', value);
		await admin.selectOption('#entry select[name=provenance]', 'estimate');
		await admin.click('#entry button[type=submit]');
		// 2026 has not ended yet: the form asks once to confirm.
		await admin.locator('#entry [data-confirm] input[value=period_not_ended]').check();
		await admin.click('#entry button[type=submit]');
		await admin.locator('#entry .saved').waitFor();
	};

	const follow = async (targetId: string) => {
		await admin.goto(`${server.base}/targets/${targetId}`, { waitUntil: 'networkidle' });
		await admin.click('button[data-follow=off]');
		await admin.locator('button[data-follow=on]').waitFor();
	};

	beforeAll(async () => {
		smtp = await startSmtpServer();
		hook = await startHttpReceiver();
		server = await startIsolatedServer('alerts', {
			PACER_SMTP_URL: smtp.url,
			PACER_MAIL_FROM: 'Pacer <pacer@example.gov.cn>',
			PACER_ALERT_WORKER_INTERVAL_MS: '300',
			// A failed mail waits an hour: only "retry now" can deliver it within the test.
			PACER_ALERT_RETRY_SECONDS: '3600'
		});
		browser = await launchChromium();
		admin = await loggedInPage(browser, server.base, server.accounts.admin.username, server.accounts.admin.password);
		problems = watchConsole(admin);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await smtp?.stop();
		await hook?.stop();
	});

	it('mails a follower and posts to the WeCom robot when a figure makes a target worse; the unsubscribe link turns it off', async () => {
		await admin.goto(`${server.base}/account/notifications`, { waitUntil: 'networkidle' });
		// The browser lets it through (its rule is looser); the server refuses it.
		await admin.fill('input[name=email]', 'chief@example');
		await admin.click('form.settings button[type=submit]');
		await expect(admin.locator('form.settings .error').textContent()).resolves.toContain('邮箱格式不正确');
		await admin.fill('input[name=email]', 'Chief@Example.gov.cn');
		await admin.click('form.settings button[type=submit]');
		await admin.locator('form.settings .saved').waitFor();

		await admin.goto(`${server.base}/admin/deliveries`, { waitUntil: 'networkidle' });
		await admin.fill('.webhook-form input[name=name]', '监测工作群');
		await admin.fill('.webhook-form input[name=url]', hook.url);
		await admin.selectOption('.webhook-form select[name=format]', 'wecom');
		await admin.click('.webhook-form button[type=submit]');
		await admin.locator('tr[data-webhook]').waitFor();

		await follow('sh-trial-startup');
		await screenshot(admin, 'target-following');
		// The trial start-up time was to fall to 25 weeks; 60 weeks in 2026 is a step back.
		await enterFigure('sh-trial-startup', '60');

		const mail = await waitFor(() => smtp.mails.find((m) => m.subject?.startsWith('目标研判变差')), 20_000, 'the verdict mail');
		expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('chief@example.gov.cn');
		expect(mail.text).toContain(`${server.base}/targets/sh-trial-startup`);
		const post = await waitFor(() => hook.bodies.find((b) => JSON.stringify(b).includes('sh-trial-startup')), 20_000, 'the WeCom post');
		expect(post).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('目标研判变差') } });

		// A plan is followed from the overview, and shows among what the person follows.
		await admin.goto(`${server.base}/`, { waitUntil: 'networkidle' });
		const planButton = admin.locator('form.follow-plan button').first();
		await expect(planButton.getAttribute('data-follow-plan')).resolves.toBe('off');
		await planButton.click();
		await admin.locator('form.follow-plan button[data-follow-plan=on]').first().waitFor();
		await admin.goto(`${server.base}/account/notifications`, { waitUntil: 'networkidle' });
		await expect(admin.locator('[data-subscription=sh-trial-startup]').count()).resolves.toBe(1);
		await expect(admin.locator('.subscriptions li').count()).resolves.toBe(2);
		await screenshot(admin, 'account-notifications');

		// The link works in a browser with no session, and answers in the person's language.
		const link = /(https?:\/\/\S+\/unsubscribe\/\S+)/.exec(mail.text ?? '')![1];
		expect(link).toMatch(/\?lang=zh$/);
		const stranger = await (await browser.newContext({ locale: 'en-US' })).newPage();
		await stranger.goto(link, { waitUntil: 'networkidle' });
		await expect(stranger.locator('.unsubscribed').textContent()).resolves.toContain('已退订');
		await expect(stranger.locator('h1').textContent()).resolves.toBe('退订');
		if (shots) await stranger.screenshot({ path: path.join(shots, 'unsubscribed.png') });
		await stranger.context().close();
		await admin.goto(`${server.base}/account/notifications`, { waitUntil: 'networkidle' });
		expect(await admin.isChecked('[data-kind=verdict_worsened] input')).toBe(false);
		expect(await admin.isChecked('[data-kind=book_delivered] input')).toBe(true);
		expect(problems).toEqual([]);
	});

	it('shows a mail the server refuses on /admin/deliveries with its reason, and delivers it on "retry now"', async () => {
		// Turned back on where it was turned off.
		await admin.goto(`${server.base}/account/notifications`, { waitUntil: 'networkidle' });
		await admin.check('[data-kind=verdict_worsened] input');
		await admin.click('form.settings button[type=submit]');
		await admin.locator('form.settings .saved').waitFor();

		smtp.refuse = 'mailbox full';
		await follow('sh-research-beds');
		const before = smtp.mails.length;
		await enterFigure('sh-research-beds', '0.1');

		await admin.goto(`${server.base}/admin/deliveries?status=failed`, { waitUntil: 'networkidle' });
		const failed = admin.locator('tr[data-status=failed]', { hasText: 'mailbox full' });
		for (let tries = 0; (await failed.count()) === 0; tries++) {
			if (tries > 100) throw new Error(`no failed delivery shown: ${await admin.locator('main').textContent()}`);
			await admin.waitForTimeout(200);
			await admin.reload({ waitUntil: 'networkidle' });
		}
		await expect(admin.locator('.failed-deliveries').textContent()).resolves.toMatch(/1项失败/);
		await screenshot(admin, 'admin-deliveries-failed');

		smtp.refuse = null;
		const id = await failed.first().getAttribute('data-delivery');
		await failed.first().locator('form[action="?/retry"] button').click();
		await admin.locator('.saved').waitFor();
		await waitFor(() => smtp.mails.length > before, 20_000, 'the retried mail');
		expect(smtp.mails.at(-1)!.subject).toMatch(/^目标研判变差：/);
		await admin.goto(`${server.base}/admin/deliveries`, { waitUntil: 'networkidle' });
		await expect(admin.locator(`tr[data-delivery="${id}"]`).getAttribute('data-status')).resolves.toBe('sent');
		await expect(admin.locator('.failed-deliveries').count()).resolves.toBe(0);
		await screenshot(admin, 'admin-deliveries');
	});

	it('mails a unit’s reporter before a data round’s request is due, with a link to the request', async () => {
		// A reporter of 市卫生健康委 with an address, made by the admin.
		await admin.goto(`${server.base}/admin/users`, { waitUntil: 'networkidle' });
		await admin.fill('.create input[name=username]', 'health-reporter');
		await admin.fill('.create input[name=displayName]', '卫健委填报人');
		await admin.selectOption('.create select[name=role]', 'reporter');
		await admin.selectOption('.create select[name=organisationId]', 'sh-health');
		await admin.click('.create button[type=submit]');
		await admin.locator('code.password').waitFor();
		const row = admin.locator('tr[data-user="health-reporter"]');
		await row.locator('input[name=email]').fill('reporter@health.example.gov.cn');
		await Promise.all([admin.waitForResponse((r) => r.url().includes('?/email') && r.request().method() === 'POST'), row.locator('form[action="?/email"] button').click()]);

		// A round asking 市卫生健康委 for the research-bed share, due in two days.
		await admin.goto(`${server.base}/rounds/new`, { waitUntil: 'networkidle' });
		// Until the page is hydrated its script would put back what is typed: the count on the button
		// follows the ticks only once it is.
		await expect
			.poll(async () => {
				for (const plan of await admin.locator('fieldset[data-plan] legend input:checked').all()) await plan.uncheck();
				return admin.locator('.submit button[type=submit]').innerText();
			})
			.toContain('已选 0 项');
		await admin.locator('input[name=indicatorId][value="sh.research-bed-share"]').first().check();
		const today = (await admin.locator('input[name=dueOn]').getAttribute('min'))!;
		const due = new Date(Date.parse(`${today}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
		await admin.fill('input[name=title]', '提醒测试');
		await admin.fill('input[name=period]', '2026');
		await admin.fill('input[name=dueOn]', due);
		await Promise.all([admin.waitForURL(/\/rounds\/\d+$/), admin.click('.submit button[type=submit]')]);

		const mail = await waitFor(() => smtp.mails.find((m) => m.to && 'text' in m.to && m.to.text === 'reporter@health.example.gov.cn'), 20_000, 'the reminder');
		expect(mail.subject).toContain(due);
		expect(mail.text).toContain('市卫生健康委');
		expect(mail.text).toContain(`${server.base}/rounds/requests/`);
		expect(mail.text).toMatch(/\/unsubscribe\//);
		// Told once, however many passes the worker makes.
		await new Promise((r) => setTimeout(r, 1500));
		expect(smtp.mails.filter((m) => m.to && 'text' in m.to && m.to.text === 'reporter@health.example.gov.cn')).toHaveLength(1);
	});

	it('mails a scheduled book to its recipients with the PDF attached', { timeout: 240_000 }, async () => {
		await admin.goto(`${server.base}/books`, { waitUntil: 'networkidle' });
		await admin.fill('.schedule-form input[name=name]', '每分钟简报');
		await admin.fill('.schedule-form input[name=cron]', '* * * * *');
		await admin.click('.schedule-form button[type=submit]');
		const row = admin.locator('tr[data-schedule]', { hasText: '每分钟简报' });
		await row.waitFor();
		await row.locator('textarea[name=recipients]').fill('boss@example.gov.cn, nobody-here');
		await row.locator('form:has(textarea) button').click();
		await expect(row.locator('.error').textContent()).resolves.toContain('nobody-here');
		await row.locator('textarea[name=recipients]').fill(`boss@example.gov.cn, ${server.accounts.admin.username}`);
		await Promise.all([admin.waitForResponse((r) => r.url().includes('?/recipients') && r.request().method() === 'POST'), row.locator('form:has(textarea) button').click()]);
		await admin.reload({ waitUntil: 'networkidle' });
		// Stored: users by username first, then addresses.
		await expect(row.locator('textarea[name=recipients]').inputValue()).resolves.toBe(`${server.accounts.admin.username}, boss@example.gov.cn`);

		const booked = await waitFor(() => {
			const mails = smtp.mails.filter((m) => m.subject?.startsWith('简报：每分钟简报'));
			return mails.length >= 2 ? mails.slice(0, 2) : null;
		}, 200_000, 'the book mails');
		expect(booked.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort()).toEqual(['boss@example.gov.cn', 'chief@example.gov.cn']);
		for (const mail of booked) {
			expect(mail.attachments).toHaveLength(1);
			expect(mail.attachments[0].contentType).toBe('application/pdf');
			expect(Buffer.from(mail.attachments[0].content).subarray(0, 5).toString()).toBe('%PDF-');
			expect(mail.text).toMatch(/\/unsubscribe\//);
		}
		await screenshot(admin, 'books-recipients');
		// Paused, so it makes no more books while the suite goes on.
		await admin.goto(`${server.base}/books`, { waitUntil: 'networkidle' });
		await admin.locator('tr[data-schedule]', { hasText: '每分钟简报' }).locator('form[action="?/toggle"] button').click();
		await admin.waitForLoadState('networkidle');
	});
});
