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
		// The clause shows when asked for.
		await scale.locator('.clause summary').click();
		expect(await scale.locator('.clause').innerText()).toContain('产业规模大幅增长。生物医药产业规模达到4000亿元、全市占比50%');
		expect(await scale.locator('.clause mark').innerText()).toBe('生物医药产业规模达到4000亿元');

		const ethics = page.locator('#target-sh-ethics-total');
		expect(await ethics.locator('.value').innerText()).toBe('≤ 3周');
		await ethics.locator('.clause summary').click();
		expect(await ethics.locator('.clause mark').innerText()).toBe('争取将伦理审查总体流程时间压缩至3周以内');
		// Generated figures are labelled as such wherever they appear.
		expect(await ethics.innerText()).toContain('示意数据');

		expect(await page.locator('article.target').count()).toBe(36);
		expect(problems).toEqual([]);
		await page.close();
	});

	it('judges every target: status, figure judged, gap, forecast or the reason for none, and a plan summary', async () => {
		const page = await browser.newPage();
		const problems = watchConsole(page);
		await page.goto(baseURL, { waitUntil: 'networkidle' });
		const statuses = await page.locator('article.target .status').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
		expect(statuses).toHaveLength(36);
		expect(statuses.every((s) => s && s !== 'insufficient_data')).toBe(true);

		// Past its deadline, a count target is judged on the running total at the deadline: 3 + 5 + 6 approvals.
		const drugs = page.locator('#target-pd-class1-drugs');
		expect(await drugs.locator('.status').innerText()).toContain('已完成');
		expect(await drugs.locator('.latest').innerText()).toMatch(/^14个 2024/);
		expect(await drugs.locator('.forecast').innerText()).toContain('已过截止日');

		// Before its deadline, a duration target gets a forecast with an interval and a probability.
		const ethics = page.locator('#target-sh-ethics-total');
		expect(await ethics.locator('.forecast').innerText()).toMatch(/周（80%区间 .+周 至 .+周）/);
		expect(await ethics.locator('.probability').innerText()).toMatch(/^\d{1,3}%$/);
		expect(await ethics.locator('.pace').innerText()).toMatch(/已实现每年−.+周，此后需每年−.+周/);

		// No verdict is contradicted by its own probability: on track needs 50% or more, and a
		// probability below 50% beside a pace on track reads "on pace, but forecast short".
		// (Which targets fall where depends on the forecast; the rule table itself is unit-tested.)
		for (const target of await page.locator('article.target').all()) {
			const status = await target.locator('.verdict .status').getAttribute('data-status');
			const shown = (await target.locator('.probability').count()) ? Number((await target.locator('.probability').innerText()).replace('%', '')) : null;
			if (status === 'on_track' && shown !== null) expect(shown).toBeGreaterThanOrEqual(50);
			if (['met', 'missed', 'done', 'not_done', 'overdue'].includes(status!)) expect(shown).toBeNull();
			if (status === 'achieved' && shown !== null) expect(shown).toBeGreaterThanOrEqual(50);
			if (status === 'on_pace_forecast_short') expect(shown).toBeLessThan(50);
			if (status === 'behind_forecast_meets') expect(shown).toBeGreaterThanOrEqual(50);
			// A verdict that differs from its pace class names the pace class beside it.
			const paceDetail = target.locator('.verdict [data-pace]');
			const pace = (await paceDetail.count()) ? await paceDetail.getAttribute('data-pace') : null;
			if (status === 'on_pace_forecast_short') expect(pace).toBe('on_track');
		}
		// A one-off act is done or not, with no forecast and no probability.
		const guarantee = page.locator('#target-sh-guarantee-small');
		expect(await guarantee.locator('.verdict .status').getAttribute('data-status')).toBe('done');
		expect(await guarantee.locator('.probability').count()).toBe(0);
		expect(await guarantee.locator('.forecast').innerText()).toContain('一次性举措');

		// Verdicts on illustrative figures are marked on the badge, and the totals count them apart.
		// (On a target no other test writes to: the wall-screen test enters an estimate for research beds,
		// the data-round test approves a figure for the lead institution's ethics review.)
		const illustrated = page.locator('#target-sh-ethics-simplified');
		expect(await illustrated.locator('.verdict .status').getAttribute('data-basis')).toBe('illustrative');
		expect(await illustrated.locator('.verdict .status .mark').innerText()).toBe('示意');
		expect(await page.locator('[data-testid=totals] span.count[data-status=missed]').innerText()).toMatch(/未完成\s*\d+\s*（其中\d+个仅基于示意数据）/);

		const summaries = await page.locator('section.plan .rollup .status').count();
		expect(summaries).toBeGreaterThanOrEqual(2);
		expect(problems).toEqual([]);
		await page.close();
	});

	it('opens with an overview per plan: status counts as a chart, last update, and the targets most at risk', async () => {
		const page = await browser.newPage();
		const problems = watchConsole(page);
		await page.goto(baseURL, { waitUntil: 'networkidle' });
		const pudong = page.locator('article.overview[data-plan="pudong-biomedicine-2022-2024"]');
		expect(await pudong.locator('.headline').innerText()).toMatch(/20 项目标\s+数据更新于 \d{4}年\d{1,2}月\d{1,2}日/);
		await expect.poll(() => pudong.locator('svg path').count()).toBeGreaterThan(1);
		const risky = await pudong.locator('.risky li').allInnerTexts();
		expect(risky).toHaveLength(5);
		// Missed targets come before met ones.
		expect(risky[0]).toContain('未完成');
		// The list never holds a verdict that says the target will be met or was met.
		const listed = await page.locator('.risky li .status').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
		expect(listed.length).toBeGreaterThanOrEqual(5);
		for (const status of listed) expect(['on_track', 'achieved', 'met', 'done', 'insufficient_data']).not.toContain(status);
		expect(problems).toEqual([]);
		await page.close();
	});

	it('shows the plans as of a past date, from the figures recorded by then', async () => {
		const page = await browser.newPage();
		const problems = watchConsole(page);
		await page.goto(baseURL, { waitUntil: 'networkidle' });
		await page.fill('form.as-of input[name=asOf]', '2023-06-30');
		await Promise.all([page.waitForURL(/asOf=2023-06-30/), page.click('form.as-of button')]);
		expect(await page.locator('.as-of-banner').innerText()).toContain('显示截至 2023年6月30日 已记录的数据');
		// Mid-2023 the Pudong deadline had not passed: judged on pace, not met or missed, and with
		// only the baseline and 2022 recorded, too few figures for a forecast.
		const drugs = page.locator('#target-pd-class1-drugs');
		expect(['met', 'missed']).not.toContain(await drugs.locator('.status').getAttribute('data-status'));
		expect(await drugs.locator('.latest').innerText()).toMatch(/^3个 2022/);
		expect(await drugs.locator('.forecast').innerText()).toBe('不作预测：图中2期数据，2期可用于预测（至少需3期）');
		// In spring 2024 the running total of approvals had not yet met "10 or more": on pace, no contradiction.
		await page.goto(`${baseURL}/?asOf=2024-05-01`, { waitUntil: 'networkidle' });
		expect(await drugs.locator('.verdict .status').getAttribute('data-status')).toBe('on_track');
		expect(Number((await drugs.locator('.probability').innerText()).replace('%', ''))).toBeGreaterThanOrEqual(50);
		// The 3 drugs approved in 2024 to 22 May (published that day) take the running total to 11 by August.
		await page.goto(`${baseURL}/?asOf=2024-08-01`, { waitUntil: 'networkidle' });
		expect(await drugs.locator('.verdict .status').getAttribute('data-status')).toBe('achieved');
		expect(await drugs.locator('.latest').innerText()).toMatch(/^11个 2024年（截至5月22日）/);
		expect(problems).toEqual([]);
		await page.close();
	});

	it('explains the rules on the methods page, in both languages', async () => {
		const page = await browser.newPage();
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/methods`, { waitUntil: 'networkidle' });
		expect(await page.locator('#methods-status').innerText()).toContain('R ≥ 0.95 按期可达');
		// The verdict rule as a table, every cell from the same function the pages use.
		expect(await page.locator('#methods-verdict').innerText()).toContain('按进度但预测不足');
		expect(await page.locator('#methods-verdict-table tr[data-pace=on_track] td .status').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual([
			'on_track',
			'on_pace_forecast_short',
			'on_track'
		]);
		expect(await page.locator('#methods-verdict-table tr[data-pace=running] td .status').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual([
			'achieved',
			'achieved',
			'achieved'
		]);
		await page.goto(`${baseURL}/methods?lang=en`, { waitUntil: 'networkidle' });
		expect(await page.locator('h1').innerText()).toBe('How Pacer judges progress');
		expect(await page.locator('#methods-intervals').innerText()).toMatch(/split-conformal/);
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
		await scale.locator('.clause summary').click();
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
