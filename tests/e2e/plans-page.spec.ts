import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';

const baseURL = inject('baseURL');

describe('the plans page in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows both plans in Chinese with their targets and source clauses, without console errors', async () => {
		const page = await browser.newPage();
		const problems = watchConsole(page);
		await page.goto(baseURL, { waitUntil: 'networkidle' });

		expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
		const planTitles = await page.locator('section.plan h2').allInnerTexts();
		expect(planTitles).toEqual([
			'浦东新区生物医药产业高质量发展行动方案（2022-2024年）',
			'上海市人民政府办公厅关于支持生物医药产业全链条创新发展的若干意见'
		]);

		const scale = page.locator('#target-pd-industry-scale');
		await expect.poll(() => scale.isVisible()).toBe(true);
		expect(await scale.locator('h3').innerText()).toBe('生物医药产业规模达到4000亿元');
		expect(await scale.locator('.value').innerText()).toBe('≥ 4,000亿元');
		expect(await scale.locator('.clause').innerText()).toContain('产业规模大幅增长。生物医药产业规模达到4000亿元、全市占比50%');
		expect(await scale.locator('.clause mark').innerText()).toBe('生物医药产业规模达到4000亿元');

		const ethics = page.locator('#target-sh-ethics-total');
		expect(await ethics.locator('.value').innerText()).toBe('≤ 3周');
		expect(await ethics.locator('.clause mark').innerText()).toBe('争取将伦理审查总体流程时间压缩至3周以内');
		// Generated figures are labelled as such wherever they appear.
		expect(await ethics.innerText()).toContain('示意数据');

		expect(await page.locator('article.target').count()).toBe(36);
		expect(problems).toEqual([]);
		await page.close();
	});

	it('switches to English with ?lang=en and remembers it', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/?lang=en`, { waitUntil: 'networkidle' });
		expect(await page.getAttribute('html', 'lang')).toBe('en');
		expect(await page.locator('h1').innerText()).toBe('Plans and targets');
		const scale = page.locator('#target-pd-industry-scale');
		expect(await scale.locator('h3').innerText()).toBe('Biomedicine industry scale reaches RMB 400 billion');
		expect(await scale.locator('.value').innerText()).toBe('≥ RMB 400 bn');
		expect(await scale.locator('.translation').innerText()).toMatch(/400 billion/);

		await page.goto(baseURL, { waitUntil: 'networkidle' });
		expect(await page.locator('h1').innerText()).toBe('Plans and targets');
		await page.click('header a.language');
		await page.waitForLoadState('networkidle');
		expect(await page.locator('h1').innerText()).toBe('规划与目标');
		expect(problems).toEqual([]);
		await context.close();
	});
});
