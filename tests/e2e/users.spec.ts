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
		await admin.click('header .admin-menu summary');
		await admin.click('header .admin-menu a[href="/admin/users"]');
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

	it('an admin deactivates a user: their open session ends, login is refused; reactivated, they log in again', async () => {
		const admin = await loggedInPage(browser, baseURL, accounts.boss.username, accounts.boss.password);
		const problems = watchConsole(admin);
		await admin.goto(`${baseURL}/admin/users`, { waitUntil: 'networkidle' });
		await admin.fill('.create input[name=username]', 'e2e-leaver');
		await admin.fill('.create input[name=displayName]', '离职分析员');
		await admin.selectOption('.create select[name=role]', 'analyst');
		await admin.click('.create button[type=submit]');
		const oneTime = await admin.locator('code.password').innerText();

		const leaver = await (await browser.newContext()).newPage();
		await leaver.goto(`${baseURL}/login`, { waitUntil: 'networkidle' });
		await leaver.fill('input[name=username]', 'e2e-leaver');
		await leaver.fill('input[name=password]', oneTime);
		await Promise.all([leaver.waitForURL(/\/account\/password$/), leaver.click('main button[type=submit]')]);
		const password = 'leaver password 2026';
		await leaver.fill('input[name=current]', oneTime);
		await leaver.fill('input[name=next]', password);
		await leaver.fill('input[name=confirm]', password);
		await Promise.all([leaver.waitForURL(`${baseURL}/`), leaver.click('main button[type=submit]')]);
		expect(await leaver.locator('header .user').innerText()).toContain('离职分析员');

		// The admin cannot deactivate themselves: refused with a message, nothing changed.
		const self = admin.locator(`tr[data-user="${accounts.boss.username}"]`);
		await Promise.all([admin.waitForResponse((r) => r.url().includes('?/active')), self.locator('form[action="?/active"] button').click()]);
		await expect.poll(() => admin.locator('p.error[role=alert]').innerText()).toContain('不能停用自己的账号');

		const row = admin.locator('tr[data-user="e2e-leaver"]');
		await Promise.all([admin.waitForResponse((r) => r.url().includes('?/active')), row.locator('form[action="?/active"] button').click()]);
		await expect.poll(() => row.locator('[data-deactivated]').count()).toBe(1);
		expect(await row.locator('form[action="?/active"] button').innerText()).toBe('重新启用');

		// Their open page's next request is a visitor's: no name in the header, writes refused.
		await leaver.reload({ waitUntil: 'networkidle' });
		expect(await leaver.locator('header .user').count()).toBe(0);
		expect((await leaver.goto(`${baseURL}/import`))?.url()).toContain('/login');

		const tryLogin = async (pass: string) => {
			await leaver.goto(`${baseURL}/login`, { waitUntil: 'networkidle' });
			await leaver.fill('input[name=username]', 'e2e-leaver');
			await leaver.fill('input[name=password]', pass);
			await leaver.click('main button[type=submit]');
		};
		// The same message for the right and a wrong password.
		for (const pass of [password, 'not the password']) {
			await tryLogin(pass);
			await expect.poll(() => leaver.locator('p.error[role=alert]').innerText()).toContain('该账号已停用');
			expect(leaver.url()).toContain('/login');
		}

		await Promise.all([admin.waitForResponse((r) => r.url().includes('?/active')), row.locator('form[action="?/active"] button').click()]);
		await expect.poll(() => row.locator('[data-deactivated]').count()).toBe(0);
		await leaver.goto(`${baseURL}/login`, { waitUntil: 'networkidle' });
		await leaver.fill('input[name=username]', 'e2e-leaver');
		await leaver.fill('input[name=password]', password);
		await Promise.all([leaver.waitForURL(`${baseURL}/`), leaver.click('main button[type=submit]')]);
		expect(await leaver.locator('header .user').innerText()).toContain('离职分析员');
		expect(problems).toEqual([]);
	});
});
