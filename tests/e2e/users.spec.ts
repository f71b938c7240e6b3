import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';

const baseURL = inject('baseURL');
const accounts = inject('accounts');

describe('user management in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('an admin adds a user who gets a one-time password, and changes their role', async () => {
		const admin = await loggedInPage(browser, baseURL, accounts.boss.username, accounts.boss.password);
		const problems = watchConsole(admin);
		await admin.click('header a[href="/admin/users"]');
		await admin.waitForURL(/\/admin\/users$/);
		await admin.fill('.create input[name=username]', 'e2e-newbie');
		await admin.selectOption('.create select[name=role]', 'viewer');
		await admin.click('.create button[type=submit]');
		const password = await admin.locator('code.password').innerText();
		expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
		const row = admin.locator('tr[data-user="e2e-newbie"]');
		expect(await row.innerText()).toContain('尚未更换一次性密码');

		const newbie = await (await browser.newContext()).newPage();
		await newbie.goto(`${baseURL}/login`, { waitUntil: 'networkidle' });
		await newbie.fill('input[name=username]', 'e2e-newbie');
		await newbie.fill('input[name=password]', password);
		await Promise.all([newbie.waitForURL(/\/account\/password$/), newbie.click('main button[type=submit]')]);

		await row.locator('select[name=role]').selectOption('analyst');
		// Wait for the save itself: the page is already idle when the click happens.
		await Promise.all([
			admin.waitForResponse((r) => r.url().includes('/admin/users?/role') && r.request().method() === 'POST'),
			row.locator('form[action="?/role"] button').click()
		]);
		await admin.reload({ waitUntil: 'networkidle' });
		expect(await admin.locator('tr[data-user="e2e-newbie"] select[name=role]').inputValue()).toBe('analyst');
		expect(problems).toEqual([]);
	});

	it('only admins reach user management', async () => {
		const analyst = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		expect((await analyst.goto(`${baseURL}/admin/users`))?.status()).toBe(403);
		const post = await analyst.request.post(`${baseURL}/admin/users?/create`, { form: { username: 'sneaky', role: 'admin' }, headers: { origin: baseURL } });
		expect(post.status()).toBe(403);
	});
});
