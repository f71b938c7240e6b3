import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';

const baseURL = inject('baseURL');

describe('the target page in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows the judgement, a gap-to-target chart, the source clause and the figures with their sources and history', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		const problems = watchConsole(page);
		await page.goto(baseURL, { waitUntil: 'networkidle' });
		await Promise.all([page.waitForURL(/\/targets\/pd-industry-scale$/), page.click('#target-pd-industry-scale h3 a')]);
		await page.waitForLoadState('networkidle');

		expect(await page.locator('h1').innerText()).toBe('生物医药产业规模达到4000亿元');
		expect(await page.locator('.judgement').innerText()).toContain('状态');
		// The chart is drawn (SVG with paths), with its labelled lines.
		const chart = page.locator('.chart-panel [role=img] svg');
		await expect.poll(() => chart.locator('path').count()).toBeGreaterThan(10);
		const chartText = (await chart.textContent()) ?? '';
		for (const word of ['实际值', '目标', '应达路径', '截止日']) expect(chartText).toContain(word);
		expect(await page.locator('.clause, section.panel mark').first().innerText()).toBe('生物医药产业规模达到4000亿元');

		// Published figures name their source; each figure's versions can be opened.
		const rows = page.locator('table tbody tr');
		expect(await rows.count()).toBeGreaterThan(5);
		const published = rows.filter({ hasText: '2024' }).filter({ hasText: '公开数据' }).first();
		expect(await published.locator('a').getAttribute('href')).toMatch(/^https?:\/\//);
		await published.locator('summary').click();
		expect(await published.locator('details li').first().innerText()).toMatch(/^v1: .+（?公开数据）?/);
		// The table can be downloaded as shown.
		const csv = await page.request.get(`${baseURL}/targets/pd-industry-scale/figures.csv`);
		const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
		expect(lines[0]).toBe('指标,时期,口径,开始,结束,数值,单位,数据性质,来源,来源链接,注记,版本');
		expect(lines.length - 1).toBe(await rows.count());
		expect(problems).toEqual([]);
		await page.close();
	});

	it('draws a forecast fan for a target before its deadline, and answers an unknown target with 404', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/targets/sh-ethics-total?lang=en`, { waitUntil: 'networkidle' });
		const chart = page.locator('.chart-panel [role=img] svg');
		await expect.poll(() => chart.locator('path').count()).toBeGreaterThan(10);
		const chartText = (await chart.textContent()) ?? '';
		for (const word of ['Forecast', '80% interval', '95% interval']) expect(chartText).toContain(word);
		expect(await page.locator('.illustrative-note').innerText()).toMatch(/not an official statistic/);
		expect(problems).toEqual([]);
		const missing = await page.goto(`${baseURL}/targets/no-such-target`);
		expect(missing?.status()).toBe(404);
		await page.close();
	});

	it('shows one verdict that its own probability does not contradict, with the pace class and what it rests on', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		const problems = watchConsole(page);
		// Research beds: on pace, but a 23%-style probability: not "on track".
		await page.goto(`${baseURL}/targets/sh-research-beds?lang=en`, { waitUntil: 'networkidle' });
		const badge = page.locator('.judgement .verdict .status');
		const probability = Number((await page.locator('.judgement .probability').innerText()).replace('%', ''));
		expect(probability).toBeLessThan(50);
		expect(await badge.getAttribute('data-status')).toBe('on_pace_forecast_short');
		expect(await badge.innerText()).toContain('on pace, but forecast short');
		expect(await page.locator('.judgement .verdict').innerText()).toContain('pace class: on track');
		// It rests on illustrative figures: the badge says so in words, not only by its outline.
		expect(await badge.getAttribute('data-basis')).toBe('illustrative');
		expect(await badge.locator('.mark').innerText()).toBe('illustr.');
		expect(await page.locator('.judgement').innerText()).toMatch(/UN progress chart: .+ESCAP anticipated progress: /s);

		// Class-1 drugs: met at the deadline; a final verdict shows no probability beside it.
		await page.goto(`${baseURL}/targets/pd-class1-drugs`, { waitUntil: 'networkidle' });
		expect(await page.locator('.judgement .verdict .status').getAttribute('data-status')).toBe('met');
		expect(await page.locator('.judgement .probability').count()).toBe(0);

		// The Pudong scale result is a published figure: met, and not marked illustrative.
		await page.goto(`${baseURL}/targets/pd-industry-scale`, { waitUntil: 'networkidle' });
		expect(await page.locator('.judgement .verdict .status').getAttribute('data-basis')).toBe('published');
		expect(await page.locator('.judgement .verdict .status .mark').count()).toBe(0);
		expect(problems).toEqual([]);
		await page.close();
	});
});
