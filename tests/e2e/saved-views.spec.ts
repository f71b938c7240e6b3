/**
 * Finding things, in Chromium and in both languages: the explorer's checkbox menus used with the
 * keyboard and the mouse, a saved view (save, rename, refuse a duplicate, delete) whose link shows
 * another person the same targets and can be saved as theirs, and the home page's clauses hidden
 * until asked for, with deadlines on one line.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';

const baseURL = inject('baseURL');
const accounts = inject('accounts');

const WORDS = {
	zh: { missed: '未完成', plan: '浦东', oneChosen: '已选 1 项', fourChosen: '已选 4 项', any: '全部', shownOne: /^显示 1 \/ \d+ 项$/, trend: '走势', duplicate: '您已有同名的视图' },
	en: { missed: 'missed', plan: 'Pudong', oneChosen: '1 chosen', fourChosen: '4 chosen', any: 'any', shownOne: /^1 of \d+ shown$/, trend: 'Trend', duplicate: 'You already have a view with this name' }
} as const;

/** The targets the table lists, in order. */
const listed = (page: Page) => page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-target')));
/** How many lines a cell's text takes. */
const lines = (page: Page, selector: string) =>
	page.locator(selector).evaluateAll((cells) =>
		cells.map((cell) => {
			const range = document.createRange();
			range.selectNodeContents(cell);
			return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
		})
	);

describe('saved views and checkbox menus in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('filters and saves views without JavaScript: <details> of checkboxes in the GET form, plain form posts', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 1000 } });
		const page = await context.newPage();
		await page.goto(`${baseURL}/login`);
		await page.fill('input[name=username]', accounts.viewer.username);
		await page.fill('input[name=password]', accounts.viewer.password);
		await Promise.all([page.waitForURL(`${baseURL}/`), page.click('main button[type=submit]')]);
		await page.goto(`${baseURL}/explore`);
		const status = page.locator('details[data-filter=status]');
		// No search box without a script to run it; the boxes are all there.
		expect(await status.locator('input[type=search]').count()).toBe(0);
		await status.locator('summary').click();
		await status.locator('input[value=missed]').check();
		await Promise.all([page.waitForURL(/status=missed/), page.click('.filters button[type=submit]')]);
		expect(new Set(await page.locator('tbody .status').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))))).toEqual(new Set(['missed']));
		expect(await status.locator('summary .chosen').innerText()).toBe('已选 1 项');

		const name = `no-script-${Date.now()}`;
		await page.fill('.views form.save input[name=name]', name);
		await Promise.all([page.waitForURL(`${baseURL}/explore?status=missed`), page.click('.views form.save button')]);
		expect(await page.locator('.views li a').allInnerTexts()).toContain(name);
		// Refused: the same view, its filters and the typed name kept, the reason said.
		await page.fill('.views form.save input[name=name]', name);
		await page.click('.views form.save button');
		await page.waitForSelector('.views .error');
		expect(await page.locator('.views .error').innerText()).toContain('您已有同名的视图');
		expect(await status.locator('summary .chosen').innerText()).toBe('已选 1 项');
		expect(await page.locator('.views form.save input[name=name]').inputValue()).toBe(name);
		await Promise.all([page.waitForURL(`${baseURL}/explore?status=missed`), page.locator('.views li', { hasText: name }).locator('form.delete button').click()]);
		expect(await page.locator('.views li a').allInnerTexts()).not.toContain(name);
		await context.close();
	});

	for (const lang of ['zh', 'en'] as const) {
		const w = WORDS[lang];
		it(`filters with the menus by keyboard and mouse, saves a view and shares it with a colleague (${lang})`, async () => {
			const viewer = await loggedInPage(browser, baseURL, accounts.viewer.username, accounts.viewer.password);
			const problems = watchConsole(viewer);
			await viewer.goto(`${baseURL}/explore?lang=${lang}`, { waitUntil: 'networkidle' });

			// Keyboard: Tab reaches the status menu, Enter opens it, typing narrows it, Enter goes to the
			// one option left, Space ticks it, Escape closes the menu and returns to its button.
			const status = viewer.locator('details[data-filter=status]');
			await viewer.focus('details[data-filter=provenance] summary');
			await viewer.keyboard.press('Shift+Tab');
			await viewer.keyboard.press('Enter');
			expect(await status.getAttribute('open')).not.toBeNull();
			await viewer.keyboard.press('Tab');
			await viewer.keyboard.type(w.missed);
			await expect.poll(() => status.locator('.tools [aria-live]').innerText()).toMatch(w.shownOne);
			await viewer.keyboard.press('Enter');
			await viewer.keyboard.press('Space');
			await viewer.keyboard.press('Escape');
			expect(await status.getAttribute('open')).toBeNull();
			expect(await viewer.evaluate(() => document.activeElement?.closest('details')?.dataset.filter)).toBe('status');
			expect(await status.locator('summary .chosen').innerText()).toBe(w.oneChosen);
			expect(await status.locator('input:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['missed']);

			// Mouse: the plan menu, narrowed by typing, its full title ticked; two columns taken off.
			const plan = viewer.locator('details[data-filter=plan]');
			await plan.locator('summary').click();
			await plan.locator('input[type=search]').fill(w.plan);
			const option = plan.locator('label:not([hidden])');
			expect(await option.count()).toBe(1);
			expect((await option.innerText()).length).toBeGreaterThan(20);
			await option.locator('input').check();
			expect(await plan.locator('summary .chosen').innerText()).toBe(w.oneChosen);
			// A click elsewhere closes the open menu (it covers the menus below it).
			await viewer.click('h1');
			expect(await plan.getAttribute('open')).toBeNull();
			const columns = viewer.locator('details[data-filter=cols]');
			await columns.locator('summary').click();
			expect(await columns.locator('summary .chosen').innerText()).toBe(w.any);
			await columns.locator('input[value=trend]').uncheck();
			await columns.locator('input[value=probability]').uncheck();
			expect(await columns.locator('summary .chosen').innerText()).toBe(w.fourChosen);
			await Promise.all([viewer.waitForURL(/cols=/), viewer.click('.filters button[type=submit]')]);
			const url = new URL(viewer.url());
			expect(url.searchParams.get('status')).toBe('missed');
			expect(url.searchParams.get('plan')).toBeTruthy();
			// The form sends one parameter per ticked box.
			expect(url.searchParams.getAll('cols')).toEqual(['status', 'progress', 'value', 'deadline']);
			const targets = await listed(viewer);
			expect(targets.length).toBeGreaterThan(0);
			expect(new Set(await viewer.locator('tbody .status').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))))).toEqual(new Set(['missed']));
			expect(await viewer.locator('thead th').allInnerTexts()).not.toContain(w.trend);
			// A deadline stays on one line.
			expect(new Set(await lines(viewer, 'tbody td.deadline'))).toEqual(new Set([1]));

			// Save the view, rename it, and be refused a second one under the same name.
			const name = `${lang}-view-${Date.now()}`;
			await viewer.fill('.views form.save input[name=name]', name);
			await viewer.click('.views form.save button');
			const saved = viewer.locator('.views li', { hasText: name });
			await expect.poll(() => saved.count()).toBe(1);
			expect(await viewer.locator('.views .current').innerText()).toContain(name);
			await saved.locator('.rename summary').click();
			await saved.locator('.rename input[name=name]').fill(`${name} renamed`);
			await Promise.all([viewer.waitForResponse((r) => r.request().method() === 'POST'), saved.locator('.rename button').click()]);
			await expect.poll(() => viewer.locator('.views li a').allInnerTexts()).toContain(`${name} renamed`);
			const link = await viewer.locator('.views .share input').inputValue();
			// The link a person sends: the same filters, written short.
			expect(link).toBe(`${baseURL}/explore?plan=${encodeURIComponent(url.searchParams.get('plan')!)}&status=missed&cols=status%2Cprogress%2Cvalue%2Cdeadline`);

			// The view opens with one click from the list, from anywhere in the explorer.
			await viewer.goto(`${baseURL}/explore`, { waitUntil: 'networkidle' });
			await Promise.all([viewer.waitForURL(/status=missed/), viewer.locator('.views li a', { hasText: `${name} renamed` }).click()]);
			expect(await listed(viewer)).toEqual(targets);

			// A colleague opens the link: the same targets and columns; saving it makes it theirs.
			const analyst = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
			await analyst.goto(`${baseURL}/?lang=${lang}`, { waitUntil: 'networkidle' });
			await analyst.goto(link, { waitUntil: 'networkidle' });
			expect(await listed(analyst)).toEqual(targets);
			expect(await analyst.locator('thead th').allInnerTexts()).toEqual(await viewer.locator('thead th').allInnerTexts());
			expect(await analyst.locator('details[data-filter=status] summary .chosen').innerText()).toBe(w.oneChosen);
			expect(await analyst.locator('.views li a').allInnerTexts()).not.toContain(`${name} renamed`);
			await analyst.fill('.views form.save input[name=name]', `${name} (colleague)`);
			await analyst.click('.views form.save button');
			await expect.poll(() => analyst.locator('.views li a').allInnerTexts()).toContain(`${name} (colleague)`);

			// A second view under a name already used is refused in the person's language, nothing lost.
			await viewer.goto(`${baseURL}/explore?status=missed`, { waitUntil: 'networkidle' });
			await viewer.fill('.views form.save input[name=name]', `${name} renamed`);
			await viewer.click('.views form.save button');
			await expect.poll(() => viewer.locator('.views .error').innerText()).toContain(w.duplicate);
			expect(await viewer.locator('.views form.save input[name=name]').inputValue()).toBe(`${name} renamed`);

			// Deleting it leaves the colleague's copy alone.
			const mine = viewer.locator('.views li', { hasText: `${name} renamed` });
			await Promise.all([viewer.waitForResponse((r) => r.request().method() === 'POST'), mine.locator('form.delete button').click()]);
			await expect.poll(() => viewer.locator('.views li', { hasText: `${name} renamed` }).count()).toBe(0);
			await analyst.reload({ waitUntil: 'networkidle' });
			expect(await analyst.locator('.views li a').allInnerTexts()).toContain(`${name} (colleague)`);

			expect(problems).toEqual([]);
			await viewer.context().close();
			await analyst.context().close();
		});

		it(`shows each target's clause on the home page only when asked, deadlines on one line (${lang})`, async () => {
			const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
			const problems = watchConsole(page);
			await page.goto(`${baseURL}/?lang=${lang}`, { waitUntil: 'networkidle' });
			const clauses = page.locator('article.target details.clause');
			expect(await clauses.count()).toBeGreaterThan(10);
			expect(await page.locator('article.target blockquote:visible').count()).toBe(0);
			// By keyboard: the toggle is focusable and Enter opens it.
			const first = clauses.first();
			await first.locator('summary').focus();
			await page.keyboard.press('Enter');
			expect(await page.locator('article.target blockquote:visible').count()).toBe(1);
			expect((await first.locator('blockquote').innerText()).length).toBeGreaterThan(20);
			expect(new Set(await lines(page, 'article.target .deadline'))).toEqual(new Set([1]));
			expect(problems).toEqual([]);
			await page.close();
		});
	}
});
