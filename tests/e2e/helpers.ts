import type { Browser, Page } from 'playwright-core';

/** Logs in through the login form, in a fresh browser context (its own cookies). */
export async function loggedInPage(browser: Browser, baseURL: string, username: string, password: string): Promise<Page> {
	const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
	await page.goto(`${baseURL}/login`, { waitUntil: 'networkidle' });
	await page.fill('input[name=username]', username);
	await page.fill('input[name=password]', password);
	await Promise.all([page.waitForURL(`${baseURL}/`), page.click('main button[type=submit]')]);
	return page;
}
