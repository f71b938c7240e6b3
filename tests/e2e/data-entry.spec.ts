import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';

const baseURL = inject('baseURL');
const accounts = inject('accounts');

const chartPoints = (page: Page) => page.locator('.chart-panel svg path[d]').count();

describe('entering and correcting figures in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('an analyst gets errors beside the fields for bad input, then adds a figure and sees the status and chart change', async () => {
		const page = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/targets/sh-trial-startup`, { waitUntil: 'networkidle' });
		const rowsBefore = await page.locator('table tbody tr').count();
		const latestBefore = await page.locator('.judgement .latest').innerText();
		const pathsBefore = await chartPoints(page);

		await page.fill('#entry input[name=period]', '2026-Q1');
		await page.fill('#entry input[name=value]', '24万');
		await page.click('#entry button[type=submit]');
		await expect.poll(() => page.locator('#entry .error').count()).toBeGreaterThanOrEqual(3);
		const errors = await page.locator('#entry').innerText();
		expect(errors).toContain('该指标需要年份，如 2024。');
		expect(errors).toContain('单位“万”与指标单位（周）不符');
		expect(errors).toContain('公开数据或初步数须注明来源。');
		expect(await page.locator('table tbody tr').count()).toBe(rowsBefore);

		await page.fill('#entry input[name=period]', '2026');
		await page.fill('#entry input[name=value]', '24');
		await page.selectOption('#entry select[name=provenance]', 'official');
		await page.locator('#entry summary').click();
		await page.fill('#entry input[name=sourceTitle]', '临床试验启动用时通报');
		await page.fill('#entry input[name=sourcePublisher]', '市卫生健康委');
		await page.fill('#entry input[name=sourceUrl]', 'https://wsjkw.sh.gov.cn/example');
		await page.fill('#entry input[name=sourceDate]', '2026-11-01');
		await page.click('#entry button[type=submit]');
		// 2026 has not ended, and a November release cannot hold the whole year: both are asked, nothing saved yet.
		const confirm = page.locator('#entry [data-confirm]');
		await expect.poll(() => confirm.count()).toBe(1);
		expect(await confirm.innerText()).toContain('该时期尚未结束');
		expect(await confirm.innerText()).toContain('所选来源发布于该时期结束之前');
		expect(await page.locator('table tbody tr').count()).toBe(rowsBefore);
		await confirm.locator('input[value=period_not_ended]').check();
		await confirm.locator('input[value=source_before_period_end]').check();
		await page.click('#entry button[type=submit]');
		await expect.poll(() => page.locator('#entry .saved').count()).toBe(1);
		expect(await page.locator('table tbody tr').count()).toBe(rowsBefore + 1);
		const latestAfter = await page.locator('.judgement .latest').innerText();
		expect(latestAfter).not.toBe(latestBefore);
		expect(latestAfter).toMatch(/^24周 2026 公开数据/);
		expect(await page.locator('.judgement .status').innerText()).toContain('已达到');
		await expect.poll(() => chartPoints(page)).not.toBe(pathsBefore);
		expect(await page.locator('table tbody tr').first().innerText()).toContain('市卫生健康委: 临床试验启动用时通报');
		expect(problems).toEqual([]);
	});

	it('two analysts correcting one figure: the second gets a conflict with both values, and nothing is overwritten', async () => {
		const first = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		const second = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		for (const page of [first, second]) await page.goto(`${baseURL}/targets/sh-research-beds`, { waitUntil: 'networkidle' });
		// The 2025 figure by its period: another test may have added a newer one above it.
		const figure2025 = (page: Page) => page.locator('#figures table tbody tr').filter({ has: page.locator('td:nth-child(2)', { hasText: /^2025 当期/ }) });
		const open = async (page: Page) => {
			const row = figure2025(page);
			await row.locator('details.correct summary').click();
			return row;
		};
		const mine = await open(first);
		const theirs = await open(second);

		// The figure is illustrative: an analyst may not keep it so, and records it as an estimate.
		for (const row of [mine, theirs]) {
			expect(await row.locator('select[name=provenance] option[value=illustrative]').count()).toBe(0);
			await row.locator('select[name=provenance]').selectOption('estimate');
		}
		await mine.locator('input[name=value]').fill('6.5');
		await mine.locator('input[name=reason]').fill('revised by the health commission');
		await mine.locator('button[type=submit]').click();
		await expect.poll(() => first.locator('.saved').count()).toBe(1);

		await theirs.locator('input[name=value]').fill('7.1');
		await theirs.locator('input[name=reason]').fill('my own reading');
		await theirs.locator('button[type=submit]').click();
		const conflict = second.locator('.conflict');
		await expect.poll(() => conflict.count()).toBe(1);
		expect(await conflict.innerText()).toMatch(/现为 6\.5（第2版），您填写的是 7\.1/);

		await second.reload({ waitUntil: 'networkidle' });
		const row = figure2025(second);
		expect(await row.locator('td.num').innerText()).toBe('6.5%');
		await row.locator('details:not(.correct) summary').click();
		expect(await row.locator('details:not(.correct) li').first().innerText()).toMatch(/^v2: 6\.5%.*revised by the health commission/);
	});

	it('a viewer sees no entry form, and the server refuses viewers and visitors', async () => {
		const viewer = await loggedInPage(browser, baseURL, accounts.viewer.username, accounts.viewer.password);
		await viewer.goto(`${baseURL}/targets/sh-trial-startup`, { waitUntil: 'networkidle' });
		expect(await viewer.locator('#entry').count()).toBe(0);
		expect(await viewer.locator('details.correct').count()).toBe(0);
		const form = { indicatorId: 'sh.trial-startup-time', basis: 'period', period: '2027', value: '1', provenance: 'estimate' };
		const asViewer = await viewer.request.post(`${baseURL}/targets/sh-trial-startup?/add`, { form, headers: { origin: baseURL } });
		expect(asViewer.status()).toBe(403);
		const visitor = await (await browser.newContext()).request.post(`${baseURL}/targets/sh-trial-startup?/add`, { form, headers: { origin: baseURL } });
		expect(visitor.status()).toBe(401);
		await viewer.reload({ waitUntil: 'networkidle' });
		expect(await viewer.locator('table tbody tr').filter({ hasText: '2027' }).count()).toBe(0);
	});

	it('a correction keeps the figure’s source and flags; illustrative figures are for admins, who are warned', async () => {
		const page = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/targets/pd-innovative-devices`, { waitUntil: 'networkidle' });
		// The 2025 figure (one period), not the year-to-date one of 2025.
		const figure2025 = () => page.locator('#figures table tbody tr').filter({ has: page.locator('td:nth-child(2)', { hasText: /^2025 当期/ }) });
		const row = figure2025();
		expect(await row.count()).toBe(1);
		const sourceText = await row.locator('td').nth(4).innerText();
		await row.locator('details.correct summary').click();
		const correction = row.locator('form.correction');
		expect(await correction.locator('select[name=sourceId]').inputValue()).toBe('hgjy-2026-01-21');
		expect(await correction.locator('input[name=flags][value=mirror_site]').isChecked()).toBe(true);
		expect(await correction.locator('input[name=flags][value=reprint]').isChecked()).toBe(false);
		expect(await correction.locator('select[name=provenance] option[value=illustrative]').count()).toBe(0);
		await correction.locator('input[name=value]').fill('7');
		await correction.locator('input[name=reason]').fill('区政府工作报告全文核对');
		await correction.locator('button[type=submit]').click();
		await expect.poll(() => page.locator('#figures .saved').count()).toBe(1);
		const after = figure2025();
		expect(await after.locator('td').nth(3).innerText()).toContain('镜像网站');
		expect(await after.locator('td.num').innerText()).toBe('7个');
		expect(await after.locator('td').nth(4).innerText()).toBe(sourceText);

		// The server refuses an analyst's illustrative figure whatever the page offers.
		const sneaky = { indicatorId: 'pd.innovative-devices', basis: 'period', period: '2018', value: '3', provenance: 'illustrative' };
		const refused = await page.request.post(`${baseURL}/targets/pd-innovative-devices?/add`, { form: sneaky, headers: { origin: baseURL, accept: 'text/html' } });
		expect(refused.status()).toBe(400);
		expect(await refused.text()).toContain('只有管理员可以录入示意数据。');
		await page.reload({ waitUntil: 'networkidle' });
		expect(await page.locator('#figures table tbody tr').filter({ has: page.locator('td:nth-child(2)', { hasText: /^2018/ }) }).count()).toBe(0);

		// An admin may choose it, and is told what it means.
		const admin = await loggedInPage(browser, baseURL, accounts.boss.username, accounts.boss.password);
		await admin.goto(`${baseURL}/targets/pd-innovative-devices`, { waitUntil: 'networkidle' });
		expect(await admin.locator('#entry [data-illustrative-warning]').count()).toBe(0);
		await admin.locator('#entry select[name=provenance]').selectOption('illustrative');
		expect(await admin.locator('#entry [data-illustrative-warning]').innerText()).toContain('示意数据将在所有页面');
		expect(problems).toEqual([]);
	});
});
