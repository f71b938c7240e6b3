/**
 * Every page kind in both languages: an English page shows no Chinese and a Chinese page no stray
 * English, outside elements marked as quoting (tests/e2e/page-language.ts says what counts). Also:
 * visitors are sent to log in and back wherever a login is needed while scripts get 401, the error
 * pages speak the reader's language, and the header fits on one line at 1280 px and folds into
 * one menu on a phone.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Locale } from '../../src/lib/domain/plan';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';
import { shownText, wrongLanguage } from './page-language';

const baseURL = inject('baseURL');
const accounts = inject('accounts');
const PUDONG = 'pudong-biomedicine-2022-2024';
const SHANGHAI = 'shanghai-biomedicine-full-chain-2024';

/** Page kinds an admin reaches; the targets cover a level, a share, a duration and a one-off act. */
const ADMIN_PAGES = [
	'/',
	'/plans',
	`/plans/${PUDONG}`,
	'/targets/pd-industry-scale',
	'/targets/pd-class1-drugs-share',
	'/targets/sh-ethics-total',
	'/targets/sh-key-enterprises',
	'/explore',
	'/import',
	'/tasks',
	'/tasks/pd-task-1',
	'/overdue',
	'/organisations',
	'/organisations/pd-science-economy',
	'/books',
	`/print/book?asOf=2025-06-30&plans=${PUDONG}`,
	'/methods',
	'/rounds',
	'/rounds/new',
	'/rounds/review',
	'/admin/users',
	'/admin/boards',
	'/admin/deliveries',
	'/account/password',
	'/account/notifications',
	'/indicators',
	'/indicators/pd.scale',
	'/indicators/pd.class1-drugs',
	'/api',
	'/admin/tokens',
	'/no-such-page'
];

/** Opens a page in the context's language and returns what it shows in the wrong one, each line naming the page. */
async function offences(page: Page, path: string, locale: Locale): Promise<string[]> {
	const response = await page.goto(path.startsWith('http') ? path : `${baseURL}${path}`, { waitUntil: 'networkidle' });
	expect(response, path).not.toBeNull();
	return wrongLanguage(await shownText(page, locale), locale).map((problem) => `${locale} ${path}: ${problem}`);
}

/** A fresh context that reads pages in `locale` (the language cookie, as the header's switch sets it). */
async function contextIn(browser: Browser, locale: Locale, viewport = { width: 1280, height: 1000 }): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport });
	await context.addCookies([{ name: 'pacer_lang', value: locale, url: baseURL }]);
	return context;
}

async function adminIn(browser: Browser, locale: Locale): Promise<Page> {
	const page = await loggedInPage(browser, baseURL, accounts.boss.username, accounts.boss.password);
	await page.goto(`${baseURL}/?lang=${locale}`, { waitUntil: 'networkidle' });
	return page;
}

// What a page shows does not depend on the database: checked in the PGlite pass, not again on PostgreSQL (keeps the suite under 30 minutes).
describe.skipIf(process.env.PACER_TEST_BACKEND === 'postgres')('pages in one language', () => {
	let browser: Browser;
	const boards: Partial<Record<Locale, { page: string; screen: string }>> = {};

	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('an admin makes a wall board in each language', async () => {
		const admin = await adminIn(browser, 'zh');
		for (const locale of ['zh', 'en'] as const) {
			await admin.goto(`${baseURL}/admin/boards`, { waitUntil: 'networkidle' });
			await admin.fill('.board-form input[name=name]', locale === 'zh' ? '语言测试大屏' : 'Language test wall');
			await admin.selectOption('.board-form select[name=locale]', locale);
			await admin.check(`.board-form input[name=planIds][value="${PUDONG}"]`);
			await admin.check(`.board-form input[name=planIds][value="${SHANGHAI}"]`);
			await admin.fill('.board-form input[name=rotationSeconds]', '600');
			await Promise.all([admin.waitForURL(/\/admin\/boards\/[0-9a-f-]+$/), admin.click('.board-form button[type=submit]')]);
			boards[locale] = { page: new URL(admin.url()).pathname, screen: (await admin.locator('a.screen-link').getAttribute('href'))! };
		}
		expect(boards.zh?.screen).toMatch(/\/screen\//);
		expect(boards.en?.screen).toMatch(/\/screen\//);
	});

	it.each(['en', 'zh'] as const)('every page an admin sees in %s carries no text of the other language outside quotations and names', async (locale) => {
		const admin = await adminIn(browser, locale);
		const problems = watchConsole(admin);
		const found: string[] = [];
		for (const path of [...ADMIN_PAGES, boards.zh!.page]) found.push(...(await offences(admin, path, locale)));
		// A viewer's refusal (403).
		const viewer = await loggedInPage(browser, baseURL, accounts.viewer.username, accounts.viewer.password);
		await viewer.goto(`${baseURL}/?lang=${locale}`);
		found.push(...(await offences(viewer, '/admin/users', locale)));
		// The login page, and a visitor's refused write (401) rendered as a page.
		const visitor = await (await contextIn(browser, locale)).newPage();
		found.push(...(await offences(visitor, '/login', locale)));
		await visitor.evaluate(() => {
			const form = Object.assign(document.createElement('form'), { method: 'POST', action: '/import?/preview' });
			document.body.append(form);
			form.submit();
		});
		await visitor.waitForSelector('[data-status="401"]');
		found.push(...wrongLanguage(await shownText(visitor, locale), locale).map((p) => `${locale} 401: ${p}`));
		// The wall, each of its pages, in the board's language.
		const wall = await (await contextIn(browser, locale, { width: 1920, height: 1080 })).newPage();
		for (const screenPage of ['headline', 'plans', 'at_risk', 'changes', 'behind']) {
			found.push(...(await offences(wall, `${boards[locale]!.screen}?page=${screenPage}`, locale)));
		}
		expect(found).toEqual([]);
		// The one error the browser reports is the 404 asked for.
		expect(problems.filter((p) => !p.includes('status of 404'))).toEqual([]);
	});

	it('error pages speak the reader language: 401 with a way to log in and back, 403, 404', async () => {
		for (const locale of ['zh', 'en'] as const) {
			const visitor = await (await contextIn(browser, locale)).newPage();
			const missing = await visitor.goto(`${baseURL}/no-such-page`);
			expect(missing?.status()).toBe(404);
			expect(await visitor.locator('main h1').innerText()).toBe(locale === 'zh' ? '未找到' : 'Not found');
			await visitor.goto(`${baseURL}/login`);
			await visitor.evaluate(() => {
				const form = Object.assign(document.createElement('form'), { method: 'POST', action: '/import?/preview' });
				document.body.append(form);
				form.submit();
			});
			await visitor.waitForSelector('[data-status="401"]');
			expect(await visitor.locator('main h1').innerText()).toBe(locale === 'zh' ? '请先登录' : 'Please log in');
			expect(await visitor.locator('main a.login').getAttribute('href')).toBe('/login?next=%2Fimport');
		}
		const viewer = await loggedInPage(browser, baseURL, accounts.viewer.username, accounts.viewer.password);
		expect((await viewer.goto(`${baseURL}/admin/boards`))?.status()).toBe(403);
		expect(await viewer.locator('main h1').innerText()).toBe('无权访问');
	});
});

describe('logged-out visitors', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('are sent to log in and back from every page that needs a login, with the query kept', async () => {
		const pages = ['/import', '/admin/users', '/admin/boards', '/admin/deliveries', '/books', '/plans', `/plans/${PUDONG}`, '/plans/new', '/rounds', '/rounds/new', '/rounds/review', '/rounds/mine', '/rounds/1', '/rounds/requests/1', '/account/password', '/account/notifications', '/books?tab=schedules'];
		const wrong: string[] = [];
		for (const path of pages) {
			const response = await fetch(`${baseURL}${path}`, { redirect: 'manual' });
			const location = response.headers.get('location');
			if (response.status !== 303 || location !== `/login?next=${encodeURIComponent(path)}`) wrong.push(`${path}: ${response.status} ${location}`);
		}
		expect(wrong).toEqual([]);
	});

	it('a person who logs in there lands on the page they asked for', async () => {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${baseURL}/admin/deliveries?status=failed`, { waitUntil: 'networkidle' });
		expect(new URL(page.url()).pathname).toBe('/login');
		await page.fill('input[name=username]', accounts.boss.username);
		await page.fill('input[name=password]', accounts.boss.password);
		await Promise.all([page.waitForURL(`${baseURL}/admin/deliveries?status=failed`), page.click('main button[type=submit]')]);
	});

	it('scripts get 401 from endpoints and downloads, without a redirect; a browser opening a download link is sent to log in', async () => {
		for (const path of [`/plans/${PUDONG}/bundle.json`, '/books/1/book.pdf', '/tasks/pd-task-1/evidence/1', '/rounds/requests/1/evidence/1']) {
			const response = await fetch(`${baseURL}${path}`, { redirect: 'manual' });
			expect(response.status, path).toBe(401);
			expect(response.headers.get('location'), path).toBeNull();
		}
		// Data requests of client-side navigation are told to go to the login page, not handed an error.
		const data = await fetch(`${baseURL}/admin/users/__data.json`);
		expect(await data.json()).toEqual({ type: 'redirect', location: '/login?next=%2Fadmin%2Fusers' });
		// A form action answers 401.
		const action = await fetch(`${baseURL}/books?/request`, { method: 'POST', headers: { origin: baseURL, 'content-type': 'application/x-www-form-urlencoded' }, body: 'asOf=2025-06-30', redirect: 'manual' });
		expect(action.status).toBe(401);
		const person = await (await browser.newContext()).newPage();
		await person.goto(`${baseURL}/tasks/pd-task-1/evidence/1`);
		expect(person.url()).toBe(`${baseURL}/login?next=${encodeURIComponent('/tasks/pd-task-1/evidence/1')}`);
	});
});

// What a page shows does not depend on the database: checked in the PGlite pass, not again on PostgreSQL (keeps the suite under 30 minutes).
describe.skipIf(process.env.PACER_TEST_BACKEND === 'postgres')('the header', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	/** The tops of the header's visible items: one line means one top (give or take centring). */
	const lines = (page: Page) =>
		page.evaluate(() => {
			const items = [...document.querySelectorAll('.site-header > *, .site-header .site-nav > *')].filter((e) => e.checkVisibility() && !e.classList.contains('site-nav'));
			const header = document.querySelector('.site-header')!;
			// Everything in the header lies within the window: nothing pushed past its right edge.
			const outside = items.some((e) => e.getBoundingClientRect().right > innerWidth + 0.5);
			return { tops: [...new Set(items.map((e) => Math.round(e.getBoundingClientRect().top / 12)))].length, height: header.getBoundingClientRect().height, scrolls: outside || header.scrollWidth > header.clientWidth + 1 };
		});

	it.each([
		['en', 1280],
		['en', 1920],
		['zh', 1280],
		['zh', 1920]
	] as const)('fits on one line for an admin in %s at %d px', async (locale, width) => {
		const page = await adminIn(browser, locale);
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`${baseURL}/`, { waitUntil: 'networkidle' });
		const measured = await lines(page);
		expect(measured.tops).toBe(1);
		expect(measured.height).toBeLessThan(70);
		expect(measured.scrolls).toBe(false);
	});

	it('opens its Admin menu by keyboard, and works without JavaScript', async () => {
		const page = await adminIn(browser, 'en');
		await page.focus('.site-header .admin-menu summary');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.locator('.site-header .admin-menu a[href="/admin/users"]').isVisible()).toBe(true);
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/admin/users');
		// No JavaScript: the same menu opens natively.
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
		await context.addCookies(await page.context().cookies());
		const plain = await context.newPage();
		await plain.goto(`${baseURL}/`);
		await plain.click('.site-header .admin-menu summary');
		expect(await plain.locator('.site-header .admin-menu a[href="/admin/boards"]').isVisible()).toBe(true);
	});

	it('folds into one menu at phone width (390 px) with every link', async () => {
		const page = await adminIn(browser, 'en');
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${baseURL}/`, { waitUntil: 'networkidle' });
		expect(await page.locator('.site-header .site-nav').isVisible()).toBe(false);
		const measured = await lines(page);
		expect(measured.tops).toBe(1);
		expect(measured.scrolls).toBe(false);
		await page.click('.site-header .compact summary');
		for (const href of ['/explore', '/import', '/methods', '/books', '/admin/users', '/account/notifications']) {
			expect(await page.locator(`.site-header .compact a[href="${href}"]`).isVisible(), href).toBe(true);
		}
		expect(await page.locator('.site-header .compact button[type=submit]').isVisible()).toBe(true);
	});
});
