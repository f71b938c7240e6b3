/**
 * Leaders open links on phones: the overview, a plan, a target page and the book list at 390x844
 * in Chromium's mobile emulation (touch, device scale 3), in Chinese and in English. The page never
 * scrolls sideways, charts fit their box, and the figures table collapses into labelled cards.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchConsole } from './browser';

const baseURL = inject('baseURL');
const accounts = inject('accounts');
const PHONE = { width: 390, height: 844 };
const PAGES = ['/', '/plans/pudong-biomedicine-2022-2024', '/targets/pd-industry-scale', '/targets/sh-hospital-listing', '/indicators/pd.scale', '/books'];
const LABELS = { zh: ['指标', '时期', '数值', '数据性质', '来源', '版本记录'], en: ['Indicator', 'Period', 'Value', 'Provenance', 'Source', 'History'] };

/** How wide the page is laid out, and every chart and table cell that sticks out of the screen. */
function measure(page: Page) {
	return page.evaluate(() => {
		const outside = (el: Element) => el.getBoundingClientRect().right > window.innerWidth + 0.5;
		return {
			innerWidth: window.innerWidth,
			scrollWidth: document.scrollingElement!.scrollWidth,
			charts: [...document.querySelectorAll('main .chart')].map((c) => ({ width: c.getBoundingClientRect().width, svg: c.querySelector('svg')?.getBoundingClientRect().width ?? 0, outside: outside(c) })),
			cellsOutside: [...document.querySelectorAll('main td, main th')].filter((c) => c.getBoundingClientRect().width > 0 && outside(c)).length,
			// What sticks out past the phone's 390 px, named for the failure message (none when the page fits).
			wider: [...document.querySelectorAll('body *')]
				.filter((el) => el.getBoundingClientRect().right > 390.5 && el.getBoundingClientRect().width > 0)
				.slice(0, 6)
				.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} → ${Math.round(el.getBoundingClientRect().right)} px: ${(el.textContent ?? '').trim().slice(0, 40)}`)
		};
	});
}

// What a page shows does not depend on the database: checked in the PGlite pass, not again on PostgreSQL (keeps the suite under 30 minutes).
describe.skipIf(process.env.PACER_TEST_BACKEND === 'postgres')('pages on a phone', () => {
	let browser: Browser;
	let phone: Page;
	let problems: string[];

	beforeAll(async () => {
		browser = await launchChromium();
		const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
		phone = await context.newPage();
		problems = watchConsole(phone);
		await phone.goto(`${baseURL}/login`, { waitUntil: 'networkidle' });
		await phone.fill('input[name=username]', accounts.analyst.username);
		await phone.fill('input[name=password]', accounts.analyst.password);
		await Promise.all([phone.waitForURL(`${baseURL}/`), phone.tap('main button[type=submit]')]);
	});
	afterAll(async () => {
		await browser?.close();
	});

	for (const locale of ['zh', 'en'] as const) {
		it(`fits 390 px without sideways scrolling, in ${locale}`, async () => {
			for (const path of PAGES) {
				await phone.goto(`${baseURL}${path}?lang=${locale}`, { waitUntil: 'networkidle' });
				expect(new URL(phone.url()).pathname, path).toBe(path);
				// Charts draw after load: wait for every one to have its SVG.
				await expect.poll(() => phone.evaluate(() => [...document.querySelectorAll('main .chart')].every((c) => c.querySelector('svg')))).toBe(true);
				const m = await measure(phone);
				// Mobile Chromium widens the layout viewport (innerWidth) to fit content wider than the screen.
				expect({ path, innerWidth: m.innerWidth, scrollWidth: m.scrollWidth, wider: m.wider }).toEqual({ path, innerWidth: PHONE.width, scrollWidth: PHONE.width, wider: [] });
				expect(m.cellsOutside, path).toBe(0);
				for (const chart of m.charts) {
					expect(chart.outside, path).toBe(false);
					// ECharts resized to its box (an unresized chart keeps the width it was first drawn at).
					expect(Math.abs(chart.svg - chart.width), path).toBeLessThanOrEqual(1);
				}
			}
			// The figures table: one card per figure, each cell labelled with its column.
			await phone.goto(`${baseURL}/targets/pd-industry-scale?lang=${locale}`, { waitUntil: 'networkidle' });
			const row = phone.locator('#figures table tbody tr').first();
			expect(await row.evaluate((r) => getComputedStyle(r).display)).toBe('block');
			const labels = await row.locator(':scope > td').evaluateAll((cells) => cells.map((c) => getComputedStyle(c, '::before').content.replace(/^"|"$/g, '')));
			expect(labels).toEqual(LABELS[locale]);
			// The chart asks for its phone layout: at most five year labels under the axis.
			const years = await phone.locator('.chart-panel .chart svg text').evaluateAll((texts) => texts.map((t) => t.textContent ?? '').filter((s) => /^\d{4}$/.test(s)));
			expect(years.length).toBeGreaterThan(1);
			expect(years.length).toBeLessThanOrEqual(5);
			expect(problems).toEqual([]);
		});
	}
});
