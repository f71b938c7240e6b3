import fs from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';

const baseURL = inject('baseURL');
const accounts = inject('accounts');

async function upload(page: Page, name: string, text: string) {
	await page.setInputFiles('input[type=file]', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
	await page.click('.upload button');
	await page.waitForSelector('.preview');
}

const figureRows = async (page: Page, targetId: string) => {
	await page.goto(`${baseURL}/targets/${targetId}`, { waitUntil: 'networkidle' });
	// Period, value and provenance of each figure (the history column grows with every version).
	return page.locator('#figures table tbody tr').evaluateAll((rows) => rows.map((r) => [1, 2, 3].map((i) => (r as HTMLTableRowElement).cells[i].innerText.trim()).join(' | ')));
};

describe('importing figures in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('a bad file shows errors at their row and column, offers no commit, and changes nothing', async () => {
		const page = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		const problems = watchConsole(page);
		const before = await figureRows(page, 'sh-hospital-listing');
		await page.goto(`${baseURL}/import`, { waitUntil: 'networkidle' });
		await upload(
			page,
			'bad.csv',
			['indicator,period,value,provenance,note', 'sh.hospital-listing-lag,2026,0.9,estimate,<b>bold</b><script>window.hacked=1</script>', 'sh.hospital-listing-lag,2026-Q1,1万,official,', 'sh.hospital-listing-lag,2026,0.8,estimate,'].join('\n')
		);
		expect(await page.locator('.preview .summary').innerText()).toContain('共 3 行：新增 1，修正 0，无变化 0，有错误 2。');
		const row3 = page.locator('tr[data-row="3"]');
		expect(await row3.locator('td[data-column=period] .error').innerText()).toBe('该指标需要年份，如 2024。');
		expect(await row3.locator('td[data-column=value] .error').innerText()).toContain('单位“万”与指标单位（个月）不符');
		expect(await row3.locator('td[data-column=source] .error').innerText()).toBe('公开数据或初步数须注明来源。');
		expect(await page.locator('tr[data-row="4"] td[data-column=period] .error').innerText()).toBe('与第 2 行为同一数据。');
		// Script text is shown as text and never runs.
		expect(await page.locator('tr[data-row="2"] td[data-column=note]').innerText()).toBe('<b>bold</b><script>window.hacked=1</script>');
		expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
		expect(await page.locator('button.commit').count()).toBe(0);

		await upload(page, 'typo.csv', 'indicator,period,vaule,provenance\nsh.hospital-listing-lag,2026,0.9,estimate\n');
		expect(await page.locator('.preview .issues').innerText()).toContain('未知列“vaule”（第 3 列）。是否应为“value”？');
		await page.setInputFiles('input[type=file]', { name: 'photo.csv', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
		await page.click('.upload button');
		await expect.poll(() => page.locator('p.error[role=alert]').innerText()).toBe('这不是 CSV 或 XLSX 表格文件。');
		expect(await figureRows(page, 'sh-hospital-listing')).toEqual(before);
		expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
	});

	it('a good file is imported as one import, importing it again changes nothing, and a revert restores the figures', async () => {
		const page = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		const before = await figureRows(page, 'sh-hospital-listing');
		const file = ['指标,时期,数值,数据性质,备注', 'sh.hospital-listing-lag,2026,0.9,estimate,预计', 'sh.hospital-listing-lag,2025,1.1,estimate,'].join('\n');
		await page.goto(`${baseURL}/import`, { waitUntil: 'networkidle' });
		await upload(page, 'good.csv', file);
		expect(await page.locator('.preview .summary').innerText()).toContain('新增 1，修正 1，无变化 0，有错误 0');
		await page.click('button.commit');
		await expect.poll(() => page.locator('.saved').innerText()).toBe('已导入：新增 1 条，修正 1 条，0 行无变化。');
		const row = page.locator('table.history tbody tr').first();
		expect(await row.innerText()).toContain('good.csv');

		const after = await figureRows(page, 'sh-hospital-listing');
		expect(after.length).toBe(before.length + 1);
		expect(after[0]).toContain('0.9个月');

		await page.goto(`${baseURL}/import`, { waitUntil: 'networkidle' });
		await upload(page, 'good.csv', file);
		expect(await page.locator('.preview .summary').innerText()).toContain('新增 0，修正 0，无变化 2');
		expect(await page.locator('.preview .notice').innerText()).toMatch(/此文件此前已导入/);

		await page.locator('table.history tbody tr').filter({ hasText: 'good.csv' }).first().locator('button.revert').click();
		await expect.poll(() => page.locator('.saved').innerText()).toMatch(/已撤销：恢复 2 条数据。/);
		expect(await figureRows(page, 'sh-hospital-listing')).toEqual(before);
	});

	it('viewers and visitors cannot import', async () => {
		const viewer = await loggedInPage(browser, baseURL, accounts.viewer.username, accounts.viewer.password);
		const response = await viewer.goto(`${baseURL}/import`);
		expect(response?.status()).toBe(403);
		expect(await viewer.locator('header').innerText()).not.toContain('导入数据');
		const post = await viewer.request.post(`${baseURL}/import?/commit`, { form: { importId: '1' }, headers: { origin: baseURL } });
		expect(post.status()).toBe(403);
		// A visitor is sent to the login page and back.
		const visitor = await (await browser.newContext()).request.get(`${baseURL}/import`, { maxRedirects: 0 });
		expect(visitor.status()).toBe(303);
		expect(visitor.headers().location).toBe('/login?next=%2Fimport');
	});

	it('a figures table downloaded from a target page, one value edited, imports as exactly that one correction', async () => {
		const page = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		const problems = watchConsole(page);
		const before = await figureRows(page, 'pd-innovative-devices');
		const [download] = await Promise.all([page.waitForEvent('download'), page.click('#figures a[href$="figures.csv"]')]);
		const text = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
		const table = Papa.parse<string[]>(text.trim()).data;
		expect(table[0]).toEqual(['指标', '时期', '口径', '开始', '结束', '数值', '单位', '数据性质', '来源', '来源链接', '注记', '版本']);
		const edited = table.filter((r) => r[1] === '2024-H1');
		expect(edited.map((r) => [r[0], r[5], r[7], r[10]])).toEqual([['浦东获批创新医疗器械', '1', '公开数据', '转载']]);
		edited[0][5] = '2';

		await page.goto(`${baseURL}/import`, { waitUntil: 'networkidle' });
		await upload(page, download.suggestedFilename(), '\uFEFF' + Papa.unparse(table));
		expect(await page.locator('.preview .summary').innerText()).toContain(`共 ${table.length - 1} 行：新增 0，修正 1，无变化 ${table.length - 2}，有错误 0。`);
		expect(await page.locator('.preview tr.correction td[data-column=indicator]').innerText()).toBe('浦东获批创新医疗器械');
		await page.click('button.commit');
		await expect.poll(() => page.locator('.saved').innerText()).toBe(`已导入：新增 0 条，修正 1 条，${table.length - 2} 行无变化。`);

		const after = await figureRows(page, 'pd-innovative-devices');
		const changed = after.filter((r, i) => r !== before[i]);
		expect(changed).toHaveLength(1);
		expect(changed[0]).toMatch(/^2024-H1 当期 \| 2个 \| 公开数据\s*转载$/);
		expect(problems).toEqual([]);
	});
});
