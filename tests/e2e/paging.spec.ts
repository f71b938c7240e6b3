/**
 * The home page and the explorer with more plans than fit one page: a server of its own on a small
 * generated data set (npm run bench:data: 12 illustrative plans of 25 targets beside the catalogue).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../scripts/bench/server';
import { launchChromium, watchConsole } from './browser';
import { freshDatabase } from './isolated-server';

describe('paging with many plans, in Chromium', () => {
	let browser: Browser;
	let server: RunningServer;
	let cleanup = async () => {};
	beforeAll(async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-e2e-paging-'));
		const database = await freshDatabase('e2e-paging', dir);
		const env: NodeJS.ProcessEnv = { ...database.env };
		cleanup = async () => {
			await database.drop();
			fs.rmSync(dir, { recursive: true, force: true });
		};
		execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/data.ts', '--plans', '12', '--targets', '300', '--observations', '6000'], {
			env: { ...process.env, ...env },
			stdio: 'ignore'
		});
		server = await startServer(env);
		browser = await launchChromium();
	}, 180_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await cleanup();
	});

	it('shows five plans per page with every target counted, and pages through the rest', async () => {
		const page = await browser.newPage();
		const problems = watchConsole(page);
		await page.goto(`${server.base}/?lang=en`, { waitUntil: 'networkidle' });
		expect(await page.locator('main h1 + p').innerText()).toBe('14 plans, 336 quantified targets');
		// The totals count every target, in every plan, not only those on this page.
		const totals = await page.locator('[data-testid=totals] .count').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
		expect(totals.reduce((a, b) => a + b, 0)).toBe(336);
		expect(await page.locator('article.overview').count()).toBe(5);
		expect(await page.locator('section.plan').count()).toBe(5);
		expect(await page.locator('nav.pages').first().innerText()).toMatch(/1\s+2\s+3/);
		expect(await page.locator('nav.pages [aria-current=page]').first().innerText()).toBe('1');

		await Promise.all([page.waitForURL(/\?page=3$/), page.locator('nav.pages a', { hasText: '3' }).first().click()]);
		expect(await page.locator('section.plan').count()).toBe(4);
		expect(await page.locator('nav.pages [aria-current=page]').first().innerText()).toBe('3');
		const firstPageTitles = await (async () => {
			const other = await browser.newPage();
			await other.goto(`${server.base}/?lang=en`, { waitUntil: 'networkidle' });
			const titles = await other.locator('section.plan h2').allInnerTexts();
			await other.close();
			return titles;
		})();
		const lastPageTitles = await page.locator('section.plan h2').allInnerTexts();
		expect(lastPageTitles.filter((t) => firstPageTitles.includes(t))).toEqual([]);
		expect(problems).toEqual([]);
	});

	it('lists a long plan’s first 20 targets and links to all of them in the explorer', async () => {
		const page = await browser.newPage();
		await page.goto(`${server.base}/?page=3&lang=en`, { waitUntil: 'networkidle' });
		const plan = page.locator('section.plan[id^="plan-scale-"]').last();
		expect(await plan.locator('.targets-heading').innerText()).toBe('Quantified targets (25)');
		expect(await plan.locator('article.target').count()).toBe(20);
		const more = plan.locator('.more a');
		expect(await more.innerText()).toContain('all 25 targets');
		await Promise.all([page.waitForURL(/\/explore\?plan=/), more.click()]);
		expect(await page.locator('.count').innerText()).toBe('25 of 336 targets');
		expect(await page.locator('tbody tr').count()).toBe(25);
	});

	it('pages the explorer with a short pager', async () => {
		const page = await browser.newPage();
		await page.goto(`${server.base}/explore?lang=en`, { waitUntil: 'networkidle' });
		expect(await page.locator('tbody tr').count()).toBe(100);
		expect(await page.locator('nav.pages').innerText()).toMatch(/^1\s+2\s+3\s+4$/);
		await Promise.all([page.waitForURL(/page=4/), page.locator('nav.pages a', { hasText: '4' }).click()]);
		expect(await page.locator('tbody tr').count()).toBe(36);
	});
});
