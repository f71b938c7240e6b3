import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';

const baseURL = inject('baseURL');
const accounts = inject('accounts');

async function logIn(page: Page, username: string, password: string) {
	await page.goto(`${baseURL}/login`, { waitUntil: 'networkidle' });
	await page.fill('input[name=username]', username);
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForLoadState('networkidle'), page.click('main button[type=submit]')]);
}

describe('accounts in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('an admin made on the console logs in with the one-time password, must replace it, then logs out', async () => {
		const page = await (await browser.newContext()).newPage();
		const problems = watchConsole(page);
		await logIn(page, accounts.admin.username, accounts.admin.oneTimePassword);
		await page.waitForURL(/\/account\/password$/);
		expect(await page.locator('h1').innerText()).toBe('修改密码');
		// Nothing else opens until the password is changed.
		await page.goto(`${baseURL}/methods`, { waitUntil: 'networkidle' });
		expect(page.url()).toMatch(/\/account\/password$/);

		await page.fill('input[name=current]', accounts.admin.oneTimePassword);
		await page.fill('input[name=next]', 'short');
		await page.fill('input[name=confirm]', 'short');
		await page.locator('input[name=next]').evaluate((el) => el.removeAttribute('minlength'));
		await Promise.all([page.waitForLoadState('networkidle'), page.click('main button[type=submit]')]);
		expect(await page.locator('.error').innerText()).toContain('至少需要 10 个字符');

		await page.fill('input[name=current]', accounts.admin.oneTimePassword);
		await page.fill('input[name=next]', 'my own admin password');
		await page.fill('input[name=confirm]', 'my own admin password');
		await Promise.all([page.waitForURL(`${baseURL}/`), page.click('main button[type=submit]')]);
		expect(await page.locator('header .user').innerText()).toBe('e2e-admin（管理员）');

		await Promise.all([page.waitForLoadState('networkidle'), page.click('header .logout button')]);
		// The logout is a full page load: wait for the header it brings.
		await expect.poll(() => page.locator('header').innerText()).toContain('登录');
		expect(await page.locator('header .user').count()).toBe(0);
		expect(problems).toEqual([]);
	});

	it('an analyst logs in with the password given on stdin', async () => {
		const page = await (await browser.newContext()).newPage();
		await logIn(page, accounts.analyst.username, accounts.analyst.password);
		expect(await page.locator('header .user').innerText()).toBe('e2e-analyst（分析人员）');
	});

	it('refuses a wrong password and slows down repeated guesses', async () => {
		const page = await (await browser.newContext()).newPage();
		for (let i = 0; i < 3; i++) {
			await logIn(page, 'ghost', 'guess-' + i);
			expect(await page.locator('.error').innerText()).toBe('用户名或密码错误。');
		}
		await logIn(page, 'ghost', 'guess-4');
		expect(await page.locator('.error').innerText()).toMatch(/失败次数过多，请 \d+ 秒后再试。/);
		expect(await page.locator('header .user').count()).toBe(0);
	});
});
