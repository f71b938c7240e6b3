/**
 * Indicator pages in Chromium: reached from a target page, they explain the indicator, list a
 * published figure with its source and the targets using it, and their downloads import back
 * unchanged; both languages, and a phone's width without sideways scrolling.
 * Only reads pd.scale (other tests may add figures to it; nothing here counts on how many).
 */
import fs from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';

const baseURL = inject('baseURL');
const accounts = inject('accounts');

/** Uploads a file on the import page and returns its preview's counts line (nothing is committed). */
async function previewImport(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<string> {
	await page.goto(`${baseURL}/import?lang=zh`, { waitUntil: 'networkidle' });
	await page.setInputFiles('input[type=file]', { name, mimeType, buffer });
	await page.click('.upload button');
	await page.waitForSelector('.preview');
	return page.locator('.preview .summary').innerText();
}

/** Horizontal overflow of the page in CSS pixels (0 when nothing scrolls sideways). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('indicator pages in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('a target page links its indicator, whose page shows the definition, a published figure with its source, the targets using it and when the next figure is due', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/targets/pd-industry-scale?lang=zh`, { waitUntil: 'networkidle' });
		await Promise.all([page.waitForURL(/\/indicators\/pd\.scale$/), page.click('[data-indicator-link]')]);
		await page.waitForLoadState('networkidle');

		expect(await page.locator('h1').innerText()).toBe('浦东生物医药产业规模');
		expect(await page.locator('[data-definition]').innerText()).toBe('浦东新区生物医药制造业产值、高技术服务业营收与商业营收之和（年度）。');
		expect(await page.locator('#definition').innerText()).toMatch(/单位\s+亿元[\s\S]*发布频率\s+年[\s\S]*方向\s+越高越好/);
		// The 2024 figure is published, with its source linked out.
		const published = page.locator('#figures tr[data-figure="2024"][data-provenance="official"]');
		expect(await published.locator('td').nth(1).innerText()).toBe('4,100亿元');
		expect(await published.innerText()).toContain('公开数据');
		expect(await published.locator('a[data-source]').getAttribute('href')).toMatch(/^https?:\/\//);
		await published.locator('details.versions summary').click();
		expect(await published.locator('details.versions li').first().innerText()).toMatch(/^v1: 4,100亿元 \(公开数据\) · /);
		// Both targets measured on it, each with its stored verdict.
		const target = page.locator('#targets li[data-target="pd-industry-scale"]');
		expect(await target.locator('a').first().getAttribute('href')).toBe('/targets/pd-industry-scale');
		expect(await target.locator('.status').count()).toBe(1);
		expect(await page.locator('#targets li[data-target="pd-industry-scale-share"]').count()).toBe(1);
		// The calendar says something definite, and the chart is drawn.
		expect(await page.locator('[data-release-calendar]').getAttribute('data-release-calendar')).toMatch(/^(due|overdue|complete)$/);
		await expect.poll(() => page.locator('.chart-panel [role=img] svg path').count()).toBeGreaterThan(5);
		// Officials' stated share sits beside it and has its own page.
		expect(await page.locator('#other-scopes li[data-beside="pd.scale-share-stated"] a').first().getAttribute('href')).toBe('/indicators/pd.scale-share-stated');
		expect(problems).toEqual([]);
		await page.close();
	});

	it('in English: the same facts in English words and units', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/indicators/pd.scale?lang=en`, { waitUntil: 'networkidle' });
		expect(await page.locator('h1').innerText()).toBe('Pudong biomedicine industry scale');
		expect(await page.locator('#definition').innerText()).toMatch(/Unit\s+RMB 100 million[\s\S]*Frequency\s+yearly[\s\S]*Direction\s+higher is better/);
		expect(await page.locator('#calendar h2').innerText()).toBe('Release calendar');
		const published = page.locator('#figures tr[data-figure="2024"][data-provenance="official"]');
		expect(await published.locator('td').nth(1).innerText()).toBe('RMB 410 bn');
		expect(await published.innerText()).toContain('published');
		expect(await page.locator('#targets h2').innerText()).toBe('Targets using this indicator');
		expect(problems).toEqual([]);
		await page.close();
	});

	it('each download works, and the CSV and XLSX import back unchanged through the import page', async () => {
		const page = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/indicators/pd.scale?lang=zh`, { waitUntil: 'networkidle' });
		const rows = await page.locator('#figures tbody tr').count();
		const download = async (format: string) => {
			const [file] = await Promise.all([page.waitForEvent('download'), page.click(`#figures a[data-download=${format}]`)]);
			expect(file.suggestedFilename()).toBe(`pacer-pd.scale-figures.${format}`);
			return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
		};
		const csv = await download('csv');
		const xlsx = await download('xlsx');
		const json = JSON.parse((await download('json')).bytes.toString('utf8'));

		const table = Papa.parse<string[]>(csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim()).data;
		expect(table[0]).toEqual(['指标', '时期', '口径', '开始', '结束', '数值', '单位', '数据性质', '来源', '来源链接', '注记', '版本']);
		expect(table.length - 1).toBe(rows);
		expect(table.find((r) => r[1] === '2024' && r[7] === '公开数据')?.[5]).toBe('4100');

		// JSON: codes, sources and versions for other systems.
		expect(json.indicator).toMatchObject({ id: 'pd.scale', unit: '亿元', frequency: 'year', direction: 'higher' });
		const figure2024 = json.figures.find((f: { period: string; provenance: string }) => f.period === '2024' && f.provenance === 'official');
		expect(figure2024).toMatchObject({ value: 4100, unit: '亿元', source: { url: expect.stringMatching(/^https?:\/\//) } });
		expect(figure2024.versions[0]).toMatchObject({ version: 1, value: 4100 });
		expect(json.figures).toHaveLength(rows);

		const unchanged = `共 ${rows} 行：新增 0，修正 0，无变化 ${rows}，有错误 0。`;
		expect(await previewImport(page, csv.name, 'text/csv', csv.bytes)).toContain(unchanged);
		expect(await previewImport(page, xlsx.name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsx.bytes)).toContain(unchanged);
		expect(problems).toEqual([]);
		await page.context().close();
	});

	it('the list finds indicators by words and groups them by plan or area; an unknown indicator is not found', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/indicators?lang=zh`, { waitUntil: 'networkidle' });
		expect(await page.locator('section[data-group="pudong-biomedicine-2022-2024"] tr[data-indicator="pd.scale"]').count()).toBe(1);
		await page.fill('input[name=q]', '产业规模 浦东');
		await Promise.all([page.waitForURL(/q=/), page.click('form.search button[type=submit]')]);
		const found = await page.locator('tr[data-indicator]').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-indicator')))]);
		expect(found).toContain('pd.scale');
		expect(found).not.toContain('sh.scale');
		await page.goto(`${baseURL}/indicators?group=area&lang=en`, { waitUntil: 'networkidle' });
		expect(await page.locator('section[data-group="Pudong New Area"] tr[data-indicator="pd.scale"] a').getAttribute('href')).toBe('/indicators/pd.scale');
		expect((await page.request.get(`${baseURL}/indicators/no.such-indicator`)).status()).toBe(404);
		expect((await page.request.get(`${baseURL}/indicators/no.such-indicator/figures.csv`)).status()).toBe(404);
		expect(problems).toEqual([]);
		await page.close();
	});

	it('at phone width 390x844 the list and the page scroll only downwards and their tables become cards, in both languages', async () => {
		const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		const problems = watchConsole(page);
		for (const lang of ['zh', 'en']) {
			for (const path of ['/indicators', '/indicators/pd.scale']) {
				await page.goto(`${baseURL}${path}?lang=${lang}`, { waitUntil: 'networkidle' });
				expect(await sideways(page), `${path} in ${lang}`).toBe(0);
				expect(await page.locator('table thead').first().evaluate((e) => getComputedStyle(e).display)).toBe('none');
			}
		}
		expect(problems).toEqual([]);
		await page.close();
	});
});
