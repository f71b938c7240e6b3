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
		const rows = page.locator('#figures table tbody tr');
		expect(await rows.count()).toBeGreaterThan(5);
		const published = rows.filter({ hasText: '2024' }).filter({ hasText: '公开数据' }).first();
		expect(await published.locator('a').getAttribute('href')).toMatch(/^https?:\/\//);
		await published.locator('details.versions summary').click();
		expect(await published.locator('details.versions li').first().innerText()).toMatch(/^v1: .+（?公开数据）?/);
		// Its note says which of two published figures the verdict uses, and names the other.
		await published.locator('details.note summary').click();
		expect(await published.locator('details.note').innerText()).toMatch(/4200[\s\S]*verdicts use 4100/);
		// Officials' stated share of the city's scale sits apart, with its source, not among the figures judged.
		const beside = page.locator('#other-scopes tr[data-beside="pd.scale-share-stated"]');
		expect(await beside.innerText()).toMatch(/40%/);
		expect(await beside.locator('a').getAttribute('href')).toBe('http://bcsc.top/guonei/81682.html');
		// The table can be downloaded as shown.
		const csv = await page.request.get(`${baseURL}/targets/pd-industry-scale/figures.csv`);
		const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
		expect(lines[0]).toBe('指标,时期,口径,开始,结束,数值,单位,数据性质,来源,来源链接,注记,版本');
		expect(lines.length - 1).toBe(await rows.count());
		expect(problems).toEqual([]);
		await page.close();
	});

	it('puts each figure on its own year: the 2020 figure at the 2020 tick, the 2024 figure and the deadline at 2024', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/targets/pd-industry-scale`, { waitUntil: 'networkidle' });
		const panel = page.locator('.chart-panel [role=img]');
		const chart = panel.locator('svg');
		await expect.poll(() => chart.locator('path').count()).toBeGreaterThan(10);
		const box = (await chart.boundingBox())!;
		const tickX = async (label: string) => {
			const tick = (await chart.locator('text').filter({ hasText: new RegExp(`^${label}$`) }).first().boundingBox())!;
			return tick.x + tick.width / 2;
		};
		// As a reader does: point at a year's tick and read what the chart's tooltip says is there.
		const readAt = async (label: string) => {
			await page.mouse.move(await tickX(label), box.y + box.height / 2);
			const tooltip = panel.locator(':scope > div').filter({ hasText: '实际值', hasNot: page.locator('svg') });
			await expect.poll(() => tooltip.isVisible()).toBe(true);
			return (await tooltip.innerText()).split(/\s+/).filter(Boolean);
		};
		expect(await readAt('2020')).toEqual(['2020', '实际值', '2,408']);
		// The required path ends at the target on the deadline's year too.
		expect(await readAt('2024')).toEqual(['2024', '实际值', '4,100', '应达路径', '4,000']);
		// The deadline (31 December 2024) is drawn on the 2024 tick, not on 2025.
		const deadline = (await chart.locator('text').filter({ hasText: /^截止日$/ }).first().boundingBox())!;
		expect(Math.abs(deadline.x + deadline.width / 2 - (await tickX('2024')))).toBeLessThan(3);
		expect(problems).toEqual([]);
		await page.close();
	});

	it('writes the gap and pace of a percentage in percentage points, and the compound pace of a level as a growth rate', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/targets/sh-research-beds`, { waitUntil: 'networkidle' });
		expect(await page.locator('.judgement .gap').innerText()).toMatch(/^[\d.]+个百分点/);
		expect(await page.locator('.judgement .pace').innerText()).toMatch(/^已实现每年[+−±][\d.]+个百分点，此后需每年[+−±][\d.]+个百分点$/);
		await page.goto(`${baseURL}/targets/sh-research-beds?lang=en`, { waitUntil: 'networkidle' });
		expect(await page.locator('.judgement .gap').innerText()).toMatch(/^[\d.]+ pp/);
		expect(await page.locator('.judgement .pace').innerText()).toMatch(/^achieved [+−±][\d.]+ pp a year; needed [+−±][\d.]+ pp a year from now on$/);
		// The share of Class 1 drugs: the gap the issue found written as "6.67%".
		await page.goto(`${baseURL}/targets/pd-class1-drugs-share?lang=zh`, { waitUntil: 'networkidle' });
		expect(await page.locator('.judgement .gap').innerText()).toMatch(/^[\d.]+个百分点/);
		// The verdict names the two series it divides, and the shares officials stated, which it does not use.
		expect(await page.locator('[data-share-basis]').innerText()).toMatch(/“浦东获批上市国产1类新药”\s*÷\s*“全国获批上市国产1类新药”[\s\S]*不用于判断[\s\S]*15%[\s\S]*20%/);
		await page.goto(`${baseURL}/targets/sh-factory-space`, { waitUntil: 'networkidle' });
		expect(await page.locator('.judgement .pace').innerText()).toMatch(/^已实现年均(增长|下降)[\d.]+%，此后需年均(增长|下降)[\d.]+%$/);
		await page.goto(`${baseURL}/targets/pd-class1-drugs-share?lang=en`, { waitUntil: 'networkidle' });
		expect(await page.locator('[data-share-basis]').innerText()).toMatch(/"Pudong domestic Class 1 new drugs approved"\s*÷\s*"Domestic Class 1 new drugs approved in China"[\s\S]*not used[\s\S]*15%[\s\S]*20%/);
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
		// Research beds (the example: "on track" beside 23%): the verdict and the probability agree.
		await page.goto(`${baseURL}/targets/sh-research-beds?lang=en`, { waitUntil: 'networkidle' });
		const badge = page.locator('.judgement .verdict .status');
		const probability = Number((await page.locator('.judgement .probability').innerText()).replace('%', ''));
		if (probability < 50) {
			expect(await badge.getAttribute('data-status')).toBe('on_pace_forecast_short');
			expect(await badge.innerText()).toContain('on pace, but forecast short');
			expect(await page.locator('.judgement .verdict').innerText()).toContain('pace class: on track');
		} else {
			expect(await badge.getAttribute('data-status')).toBe('on_track');
			expect(await badge.innerText()).toContain('on track');
		}
		// The forecast at the deadline sits on the same side of the target as the probability says.
		const expected = Number((await page.locator('.judgement .forecast').innerText()).match(/([\d.]+)%/)?.[1] ?? NaN);
		if (Number.isFinite(expected)) expect(expected >= 10).toBe(probability >= 50);
		expect(await page.locator('.judgement').innerText()).toMatch(/UN progress chart: .+ESCAP anticipated progress: /s);
		// A target no test writes to rests on illustrative figures only: the badge says so in words, not only by its outline.
		await page.goto(`${baseURL}/targets/sh-ethics-simplified?lang=en`, { waitUntil: 'networkidle' });
		const illustrated = page.locator('.judgement .verdict .status');
		expect(await illustrated.getAttribute('data-basis')).toBe('illustrative');
		expect(await illustrated.locator('.mark').innerText()).toBe('illustr.');

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

	it('shows the verdict at every quarter end since the plan took effect, in both languages', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		const problems = watchConsole(page);
		await page.goto(`${baseURL}/targets/sh-trial-startup?lang=zh`);
		const cells = page.locator('.judgement ol.strip li');
		// The opinions took effect on 2024-08-01: the first quarter end judged is 2024-09-30.
		expect(await cells.first().getAttribute('data-date')).toBe('2024-09-30');
		expect(await cells.count()).toBeGreaterThanOrEqual(9);
		expect(await cells.first().getAttribute('data-status')).toBe('insufficient_data');
		const words = await page.locator('.judgement').innerText();
		expect(words).toContain('各季度末的判断');
		expect(words).toContain('2024年第3季度末');
		// Every verdict on this strip rests on illustrative figures, and the strip says so by its hatch.
		expect(await page.locator('.judgement ol.strip li.illustrative').count()).toBe(await cells.count());
		await page.goto(`${baseURL}/targets/sh-trial-startup?lang=en`);
		expect(await page.locator('.judgement').innerText()).toContain('Verdict at each quarter end');
		expect(await page.locator('.judgement').innerText()).toContain('end of Q3 2024');
		expect(problems).toEqual([]);
		await page.close();
	});
});
