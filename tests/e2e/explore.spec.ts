import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';

const baseURL = inject('baseURL');

describe('the explorer in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('searches in Chinese or English, filters and sorts, with every choice in the URL', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/explore`, { waitUntil: 'networkidle' });
		expect(await page.locator('.count').innerText()).toBe('显示 36 / 共 36 项目标');
		await page.fill('input[name=q]', 'ethics');
		await Promise.all([page.waitForURL(/q=ethics/), page.click('.filters button[type=submit]')]);
		const titles = await page.locator('tbody tr td:nth-child(2) a').allInnerTexts();
		// English words find targets by their English titles, shown here in Chinese.
		expect(titles.length).toBeGreaterThanOrEqual(3);
		expect(titles.length).toBeLessThan(10);
		expect(titles).toContain('伦理审查总体流程时间压缩至3周以内');
		// Sparklines are drawn on the server.
		expect(await page.locator('tbody svg.spark path').count()).toBe(titles.length);

		await page.goto(`${baseURL}/explore?status=missed&sort=title`, { waitUntil: 'networkidle' });
		const statuses = await page.locator('tbody .status').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
		expect(statuses.length).toBeGreaterThan(0);
		expect(new Set(statuses)).toEqual(new Set(['missed']));
		// The status menu shows the choice from the URL: its box ticked, and the count on the closed button.
		expect(await page.locator('details[data-filter=status] input[name=status]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['missed']);
		expect(await page.locator('details[data-filter=status] summary .chosen').innerText()).toBe('已选 1 项');
		expect(problems).toEqual([]);
		await page.close();
	});

	it('compares ticked targets on one chart as % of the way to target, and exports the table', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/explore?q=伦理`, { waitUntil: 'networkidle' });
		const boxes = page.locator('tbody input[name=compare]');
		await boxes.nth(0).check();
		await boxes.nth(1).check();
		await Promise.all([page.waitForURL(/compare=/), page.click('.results button[type=submit]')]);
		expect(page.url()).toMatch(/q=%E4%BC%A6%E7%90%86/);
		const chart = page.locator('.compare svg');
		await expect.poll(() => chart.locator('path').count()).toBeGreaterThan(5);
		expect(await page.locator('.compare h2').innerText()).toBe('对比 2 项目标');

		const csv = await page.request.get(`${baseURL}/explore/export.csv?q=伦理`);
		expect(csv.headers()['content-type']).toMatch(/text\/csv/);
		const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
		expect(lines[0]).toBe('目标代码,目标,规划,部分,状态,判断依据,最新值,单位,数据性质,目标值,期限,达标概率');
		// The export carries the verdict and its basis, as the table shows them.
		for (const line of lines.slice(1)) expect(line).toMatch(/,(公开数据|含估计|示意),/);
		expect(lines.length - 1).toBe(await page.locator('tbody tr').count());
		const xlsx = await page.request.get(`${baseURL}/explore/export.xlsx?q=伦理`);
		expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
		expect(problems).toEqual([]);
		await page.close();
	});
});
