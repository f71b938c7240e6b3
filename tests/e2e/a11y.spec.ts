/**
 * Accessibility, on an instance of the test's own (it opens a round, makes two wall boards and
 * imports figures): axe-core finds no serious or critical violation on any page, in Chinese and
 * in English, and an analyst reviews and commits imports with the keyboard alone, seeing where
 * the focus is at every step.
 */
import { Document, Packer, Paragraph } from 'docx';
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

describe('accessibility in Chromium', () => {
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

	it('finds no serious or critical axe violation on any page, in both languages', async () => {
		const admin = await loggedInPage(browser, server.base, server.accounts.admin.username, server.accounts.admin.password);
		const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
		const task = await firstLink(admin, '/tasks', /^\/tasks\/[^/?]+$/);
		const organisation = await firstLink(admin, '/organisations', /^\/organisations\/[^/?]+$/);
		const round = await firstLink(admin, '/rounds', /^\/rounds\/\d+$/);
		const request = await firstLink(admin, round, /^\/rounds\/requests\/\d+$/);
		const board = await firstLink(admin, '/admin/boards', /^\/admin\/boards\/[0-9a-f-]+$/);
		const signedIn = [
			'/', '/plans', `/plans/${PLAN}`, '/plans/new', `/targets/${TARGET}`, '/explore', '/import', '/tasks', task, '/overdue', '/organisations', organisation, '/books', '/methods',
			'/rounds', '/rounds/new', '/rounds/review', round, request, '/admin/users', '/admin/boards', board, '/admin/deliveries', '/account/notifications', '/account/password', '/targets/no-such-target'
		];
		const findings: string[] = [];
		let checked = 0;
		const check = async (page: Page, where: string) => {
			findings.push(...describeFindings(where, await seriousAxeFindings(page)));
			checked++;
		};
		for (const locale of ['zh', 'en'] as const) {
			for (const page of [admin, visitor]) await page.goto(`${server.base}/methods?lang=${locale}`, { waitUntil: 'networkidle' });
			for (const path of signedIn) {
				await admin.goto(`${server.base}${path}`, { waitUntil: 'networkidle' });
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
				await visitor.goto(`${server.base}${path}`, { waitUntil: 'networkidle' });
				await check(visitor, `${locale} visitor ${path}`);
			}
			await visitor.goto(`${server.base}${walls[locale]}`);
			await expect.poll(() => visitor.locator('[data-screen-page=headline] .card svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
			await check(visitor, `${locale} wall`);
		}
		expect(checked).toBe(2 * (signedIn.length + 7));
		expect(findings).toEqual([]);
	}, 240_000);
});
