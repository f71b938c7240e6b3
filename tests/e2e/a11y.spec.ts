/**
 * Accessibility, on an instance of the test's own (it opens a round, makes two wall boards and
 * imports figures): axe-core finds no serious or critical violation on any page, in Chinese and
 * in English, and an analyst reviews and commits imports with the keyboard alone, seeing where
 * the focus is at every step.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../../src/lib/server/queries/boards';
import { openRound } from '../../src/lib/server/queries/rounds';
import { describeFindings, seriousAxeFindings } from './axe';
import { launchChromium } from './browser';
import { loggedInPage } from './helpers';
import { startIsolatedServer, type IsolatedServer } from './isolated-server';

const PLAN = 'pudong-biomedicine-2022-2024';
const TARGET = 'sh-hospital-listing';
const ALL_PAGES = ['headline', 'plans', 'at_risk', 'changes', 'behind'] as const;
/** A short plan an analyst pastes in: three quantified targets, each a proposal to review. */
const PLAN_TEXT = [
	'临江新区管理委员会办公室关于印发《临江新区生物医药产业提升行动方案（2025-2027年）》的通知',
	'临管办〔2025〕3号',
	'各部门、各街道：',
	'《临江新区生物医药产业提升行动方案（2025-2027年）》已经管委会同意，现印发给你们，请认真贯彻执行。',
	'临江新区管理委员会办公室',
	'2025年2月20日',
	'临江新区生物医药产业提升行动方案（2025-2027年）',
	'为加快生物医药产业发展，制定本行动方案。',
	'一、总体目标',
	'到2027年，全区生物医药产业规模达到900亿元，新增上市创新药10个，临床试验启动时间压缩至20个工作日以内。',
	'二、保障措施',
	'本方案自2025年3月1日起施行，有效期至2027年12月31日。'
].join('\n');

interface TabStop {
	element: string;
	ring: boolean;
}

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element matches `selector`, recording every
 * stop on the way in `stops`: a stop without a visible focus ring (an outline of 2 px or more, or a
 * box shadow) is a failure the test reports.
 */
async function tabTo(page: Page, selector: string, stops: TabStop[], back = false, max = 400): Promise<void> {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
		const stop = await page.evaluate((wanted) => {
			const el = document.activeElement as HTMLElement | null;
			if (!el || el === document.body) return null;
			const style = getComputedStyle(el);
			const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
			return { element: el.outerHTML.slice(0, 100), ring, match: el.matches(wanted) };
		}, selector);
		if (!stop) continue;
		stops.push({ element: stop.element, ring: stop.ring });
		if (stop.match) return;
	}
	throw new Error(`${max} presses of Tab never reached ${selector}`);
}

// What a page shows does not depend on the database: checked in the PGlite pass, not again on PostgreSQL (keeps the suite under 30 minutes).
describe.skipIf(process.env.PACER_TEST_BACKEND === 'postgres')('accessibility in Chromium', () => {
	let server: IsolatedServer;
	let browser: Browser;
	const walls: Record<'zh' | 'en', string> = { zh: '', en: '' };

	beforeAll(async () => {
		server = await startIsolatedServer('a11y', {}, async (db, users) => {
			for (const locale of ['zh', 'en'] as const) {
				const board = await createBoard(db, { name: `a11y-${locale}`, locale, planIds: [PLAN], headlineTargetIds: [], pages: [...ALL_PAGES], rotationSeconds: 600 }, users.admin);
				walls[locale] = `/screen/${board.token}`;
			}
			await openRound(db, { title: '2026年度填报', period: '2026', dueOn: '2026-12-31', indicatorIds: ['sh.scale'], taskIds: [], userId: users.analyst });
		});
		browser = await launchChromium();
	}, 180_000);
	afterEach(({ task }) => {
		if (task.result?.state === 'fail') console.log(`--- server log:\n${server?.log()}`);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	/** The first link on a list page whose address matches, so the walk reaches one detail page of each kind. */
	async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string> {
		await page.goto(`${server.base}${path}`, { waitUntil: 'networkidle' });
		const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
		const href = hrefs.find((h) => pattern.test(h));
		if (!href) throw new Error(`no link like ${pattern} on ${path}`);
		return href;
	}

	// Detail pages are found from their lists once; each language's walk is a test of its own.
	let walk: { signedIn: string[]; admin: Page; visitor: Page } | null = null;
	async function pages() {
		if (walk) return walk;
		const admin = await loggedInPage(browser, server.base, server.accounts.admin.username, server.accounts.admin.password);
		const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
		const task = await firstLink(admin, '/tasks', /^\/tasks\/[^/?]+$/);
		const organisation = await firstLink(admin, '/organisations', /^\/organisations\/[^/?]+$/);
		const round = await firstLink(admin, '/rounds', /^\/rounds\/\d+$/);
		const request = await firstLink(admin, round, /^\/rounds\/requests\/\d+$/);
		const board = await firstLink(admin, '/admin/boards', /^\/admin\/boards\/[0-9a-f-]+$/);
		const signedIn = [
			'/', '/plans', `/plans/${PLAN}`, '/plans/new', `/targets/${TARGET}`, '/explore', '/import', '/tasks', task, '/overdue', '/organisations', organisation, '/books', '/methods',
			'/rounds', '/rounds/new', '/rounds/review', round, request, '/admin/users', '/admin/boards', board, '/admin/deliveries', '/account/notifications', '/account/password', '/targets/no-such-target',
			'/indicators', '/indicators/pd.scale', '/api', '/admin/tokens'
		];
		walk = { signedIn, admin, visitor };
		return walk;
	}

	for (const locale of ['zh', 'en'] as const) {
		it(`finds no serious or critical axe violation on any page, in ${locale}`, async () => {
			const { signedIn, admin, visitor } = await pages();
			const findings: string[] = [];
			let checked = 0;
			const check = async (page: Page, where: string) => {
				findings.push(...describeFindings(where, await seriousAxeFindings(page)));
				checked++;
			};
			for (const page of [admin, visitor]) await page.goto(`${server.base}/methods?lang=${locale}`, { waitUntil: 'load' });
			for (const path of signedIn) {
				await admin.goto(`${server.base}${path}`, { waitUntil: 'load' });
				await check(admin, `${locale} ${path}`);
			}
			// The import's preview: one good row, one with errors.
			await admin.goto(`${server.base}/import`, { waitUntil: 'networkidle' });
			await admin.setInputFiles('input[type=file]', { name: 'a11y.csv', mimeType: 'text/csv', buffer: Buffer.from('indicator,period,value,provenance\nsh.hospital-listing-lag,2026,0.9,estimate\nsh.hospital-listing-lag,2026-Q1,1万,official\n') });
			await admin.click('.upload button');
			await admin.waitForSelector('.preview');
			await check(admin, `${locale} /import (preview)`);
			// Signed out: the login page, the error pages, the wall screen.
			for (const path of ['/login', '/import', '/admin/users', '/targets/no-such-target', '/screen/not-a-token']) {
				await visitor.goto(`${server.base}${path}`, { waitUntil: 'load' });
				await check(visitor, `${locale} visitor ${path}`);
			}
			await visitor.goto(`${server.base}${walls[locale]}`);
			await expect.poll(() => visitor.locator('[data-screen-page=headline] .card svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
			await check(visitor, `${locale} wall`);
			expect(checked).toBe(signedIn.length + 7);
			expect(findings).toEqual([]);
		}, 300_000);
	}

	it('imports figures with the keyboard alone: choose the file, preview, commit, the focus ring visible at every stop', async () => {
		const analyst = await loggedInPage(browser, server.base, server.accounts.analyst.username, server.accounts.analyst.password);
		await analyst.goto(`${server.base}/import?lang=en`, { waitUntil: 'networkidle' });
		const stops: TabStop[] = [];
		await tabTo(analyst, 'input[type=file]', stops);
		const [chooser] = await Promise.all([analyst.waitForEvent('filechooser'), analyst.keyboard.press('Space')]);
		await chooser.setFiles({ name: 'keyboard.csv', mimeType: 'text/csv', buffer: Buffer.from('indicator,period,value,provenance\nsh.hospital-listing-lag,2026,0.8,estimate\n') });
		await tabTo(analyst, '.upload button[type=submit]', stops);
		await analyst.keyboard.press('Enter');
		await analyst.waitForSelector('.preview');
		expect(await analyst.locator('.preview .summary').innerText()).toContain('1 new');
		await tabTo(analyst, 'button.commit', stops);
		await analyst.keyboard.press('Enter');
		await expect.poll(() => analyst.locator('p.saved[role=status]').count()).toBe(1);
		expect(await analyst.locator('table.history tbody tr').first().innerText()).toContain('keyboard.csv');
		expect(stops.length).toBeGreaterThan(3);
		expect(stops.filter((s) => !s.ring)).toEqual([]);
	});

	it('closes an open disclosure with Escape and gives the focus back to its summary', async () => {
		const analyst = await loggedInPage(browser, server.base, server.accounts.analyst.username, server.accounts.analyst.password);
		await analyst.goto(`${server.base}/targets/${TARGET}`, { waitUntil: 'networkidle' });
		const stops: TabStop[] = [];
		const versions = '#figures details.versions';
		await tabTo(analyst, `${versions} > summary`, stops);
		await analyst.keyboard.press('Enter');
		await expect.poll(() => analyst.locator(versions).first().evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
		await analyst.keyboard.press('Escape');
		await expect.poll(() => analyst.locator(versions).first().evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
		expect(await analyst.evaluate(() => document.activeElement?.matches('#figures details.versions > summary'))).toBe(true);
		expect(stops.filter((s) => !s.ring)).toEqual([]);
	});

	it("reviews a plan's proposals with the keyboard alone: refuse one, accept the rest, publish", async () => {
		const analyst = await loggedInPage(browser, server.base, server.accounts.analyst.username, server.accounts.analyst.password);
		await analyst.goto(`${server.base}/plans/new?lang=en`, { waitUntil: 'networkidle' });
		const stops: TabStop[] = [];
		await tabTo(analyst, 'textarea[name=text]', stops);
		await analyst.keyboard.insertText(PLAN_TEXT);
		await tabTo(analyst, 'main button[type=submit]', stops);
		await Promise.all([analyst.waitForURL(/\/plans\/(?!new)[a-z0-9.-]+$/, { timeout: 30_000 }), analyst.keyboard.press('Enter')]);
		const proposals = analyst.locator('form[data-testid=proposal]');
		await expect.poll(() => proposals.count()).toBeGreaterThanOrEqual(3);
		// Refuse the first proposal: Tab to its refuse button, Enter.
		const refused = await analyst.locator('#proposal-1').getAttribute('data-quote');
		await tabTo(analyst, '#proposal-1 button[name=decision][value=rejected]', stops);
		await analyst.keyboard.press('Enter');
		await expect.poll(() => analyst.locator(`form[data-testid=proposal][data-quote="${refused}"] .decision`).getAttribute('class')).toContain('rejected');
		// Accept the rest at once, then publish.
		await tabTo(analyst, 'form[action="?/acceptPending"] button', stops, true);
		await analyst.keyboard.press('Enter');
		await expect.poll(() => analyst.locator('form[action="?/publish"] button').isDisabled()).toBe(false);
		await tabTo(analyst, 'form[action="?/publish"] button', stops);
		await Promise.all([analyst.waitForURL(/published=1/), analyst.keyboard.press('Enter')]);
		expect(await analyst.locator('.status.published').count()).toBe(1);
		const decisions = await proposals.locator('.decision').evaluateAll((spans) => spans.map((s) => s.className));
		expect(decisions.filter((c) => c.includes('rejected'))).toHaveLength(1);
		expect(decisions.filter((c) => c.includes('pending'))).toHaveLength(0);
		expect(stops.filter((s) => !s.ring)).toEqual([]);
	}, 120_000);
});
