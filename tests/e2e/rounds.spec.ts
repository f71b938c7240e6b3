/**
 * A data round (填报) in Chromium, end to end: an admin makes a reporter for 市卫生健康委 (the owner
 * unit of the lead-institution ethics review time, target sh-ethics-lead), an analyst opens a round,
 * the reporter sees only their unit's request and submits with an evidence file, the coordinator
 * returns it with a comment, the reporter resubmits, the coordinator approves; the target page and
 * the wall's payload then carry the figure. A reporter is refused another unit's request on the
 * page and at the form action. Screenshots go to PACER_SCREENSHOTS when it is set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';
import { loginCookie } from './http-session';

const baseURL = inject('baseURL');
const accounts = inject('accounts');
const TARGET = 'sh-ethics-lead';
const INDICATOR = 'sh.ethics-lead-review-time';
const REPORTER = { username: 'e2e-reporter', displayName: '卫健委填报员', password: 'reporter-password-1' };
const PDF = { name: '伦理审查用时统计.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 伦理审查用时统计\n') };

async function shoot(page: Page, name: string) {
	const dir = process.env.PACER_SCREENSHOTS;
	if (!dir) return;
	fs.mkdirSync(dir, { recursive: true });
	await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** The page in the other language (the ?lang link sets the cookie), then back to Chinese. */
async function inEnglish(page: Page, check: () => Promise<void>) {
	const url = new URL(page.url());
	url.searchParams.set('lang', 'en');
	await page.goto(url.toString(), { waitUntil: 'networkidle' });
	await check();
	url.searchParams.set('lang', 'zh');
	await page.goto(url.toString(), { waitUntil: 'networkidle' });
}

describe('a data round in Chromium', () => {
	let browser: Browser;
	let admin: Page;
	let analyst: Page;
	let reporter: Page;
	let roundUrl: string;
	let requestUrl: string;
	let otherRequestId: string;
	// Each page's console errors, collected as they come (watchConsole fills its array later).
	const consoles: string[][] = [];
	let reporterConsole: string[] = [];
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('an admin makes a reporter, who must belong to a unit', async () => {
		admin = await loggedInPage(browser, baseURL, accounts.boss.username, accounts.boss.password);
		consoles.push(watchConsole(admin));
		await admin.goto(`${baseURL}/admin/users`, { waitUntil: 'networkidle' });
		await admin.fill('.create input[name=username]', REPORTER.username);
		await admin.fill('.create input[name=displayName]', REPORTER.displayName);
		await admin.selectOption('.create select[name=role]', 'reporter');
		await admin.click('.create button[type=submit]');
		await expect.poll(() => admin.locator('.panel.error').innerText()).toBe('填报人必须属于一个单位：请先选择单位。');
		await admin.selectOption('.create select[name=organisationId]', 'sh-health');
		await admin.click('.create button[type=submit]');
		const oneTime = await admin.locator('code.password').innerText();
		expect(await admin.locator(`tr[data-user="${REPORTER.username}"]`).innerText()).toContain('填报人');

		reporter = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
		reporterConsole = watchConsole(reporter);
		consoles.push(reporterConsole);
		await reporter.goto(`${baseURL}/login`, { waitUntil: 'networkidle' });
		await reporter.fill('input[name=username]', REPORTER.username);
		await reporter.fill('input[name=password]', oneTime);
		await Promise.all([reporter.waitForURL(/\/account\/password$/), reporter.click('main button[type=submit]')]);
		await reporter.fill('input[name=current]', oneTime);
		await reporter.fill('input[name=next]', REPORTER.password);
		await reporter.fill('input[name=confirm]', REPORTER.password);
		await Promise.all([reporter.waitForURL(`${baseURL}/`), reporter.click('main button[type=submit]')]);
		// The header offers a reporter their requests, and nothing an analyst does.
		const header = await reporter.locator('header').innerText();
		expect(header).toContain('我的填报');
		expect(await reporter.locator('header a[href="/import"], header a[href="/rounds"], header a[href="/plans"]').count()).toBe(0);
	});

	it('an analyst opens a round for two indicators of two units', async () => {
		analyst = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		consoles.push(watchConsole(analyst));
		await analyst.click('header a[href="/rounds"]');
		await analyst.waitForURL(/\/rounds$/);
		await analyst.click('a[href="/rounds/new"]');
		await analyst.waitForURL(/\/rounds\/new$/);
		await analyst.fill('input[name=title]', '2026年度数据填报');
		await analyst.fill('input[name=period]', '2026-Q3');
		// An annual stock is not asked in a quarterly round; an annual flow is asked year to date; the page says so.
		await expect.poll(() => analyst.locator(`tr[data-indicator="${INDICATOR}"]`).first().innerText()).toContain('本轮不征集');
		await expect.poll(() => analyst.locator('tr[data-indicator="pd.scale"]').first().innerText()).toContain('2026-01..09');
		await analyst.fill('input[name=period]', '2026');
		await expect.poll(() => analyst.locator(`tr[data-indicator="${INDICATOR}"]`).first().innerText()).toMatch(/市卫生健康委\s+2026$/);
		// Everything with a unit is asked by default; this round asks two indicators only.
		for (const plan of await analyst.locator('fieldset[data-plan] legend input').all()) await plan.uncheck();
		expect(await analyst.locator('input[name=indicatorId]:checked').count()).toBe(0);
		await analyst.fill('input[type=search]', '伦理');
		expect(await analyst.locator(`tr[data-indicator="pd.scale"]`).first().isHidden()).toBe(true);
		await analyst.locator(`input[name=indicatorId][value="${INDICATOR}"]`).first().check();
		await analyst.fill('input[type=search]', '');
		await analyst.locator('input[name=indicatorId][value="pd.scale"]').first().check();
		await shoot(analyst, 'new-round-zh');
		await Promise.all([analyst.waitForURL(/\/rounds\/\d+$/), analyst.click('.submit button[type=submit]')]);
		roundUrl = analyst.url();
		const health = analyst.locator('table.tally tr[data-unit=sh-health]');
		expect(await health.locator('[data-count=requested]').innerText()).toBe('1');
		expect(await health.locator('[data-count=late]').innerText()).toBe('0');
		expect(await analyst.locator('table.tally tr[data-unit]').count()).toBe(2);
		// A round or request id that cannot exist is "not found", not a server error.
		for (const bad of ['/rounds/not-a-round', '/rounds/99999999999', '/rounds/requests/99999999999', '/rounds/requests/1/evidence/x']) {
			expect((await analyst.request.get(`${baseURL}${bad}`)).status()).toBe(404);
		}
		otherRequestId = (await analyst.locator('table.requests tr[data-unit=pd-science-economy]').getAttribute('data-request'))!;
		await shoot(analyst, 'round-zh');
		await inEnglish(analyst, async () => {
			expect(await analyst.locator('main').innerText()).toContain('By unit');
			await shoot(analyst, 'round-en');
		});
	});

	it('the reporter sees only their unit’s request, and is refused another unit’s on the page and at the form action', async () => {
		await reporter.goto(baseURL, { waitUntil: 'networkidle' });
		expect(await reporter.locator('#my-requests').innerText()).toBe('本单位有 1 项数据待填报');
		await reporter.click('header a[href="/rounds/mine"]');
		await reporter.waitForURL(/\/rounds\/mine$/);
		const rows = reporter.locator('#todo table.requests tr[data-request]');
		expect(await rows.count()).toBe(1);
		expect(await rows.first().getAttribute('data-unit')).toBe('sh-health');
		expect(await rows.first().innerText()).toContain('牵头机构伦理审查用时');
		await shoot(reporter, 'mine-zh');
		await inEnglish(reporter, async () => {
			expect(await reporter.locator('h1').innerText()).toBe('My requests');
			await shoot(reporter, 'mine-en');
		});

		expect((await reporter.goto(`${baseURL}/rounds/requests/${otherRequestId}`))?.status()).toBe(404);
		expect((await reporter.goto(roundUrl))?.status()).toBe(403);
		// Those two refusals are the browser's only console errors, and meant.
		expect(reporterConsole.splice(0)).toEqual(['Failed to load resource: the server responded with a status of 404 (Not Found)', 'Failed to load resource: the server responded with a status of 403 (Forbidden)']);
		// Straight at the form action, as a hand-made request would.
		const cookie = await loginCookie(baseURL, REPORTER.username, REPORTER.password);
		const body = new FormData();
		body.set('value', '10000');
		body.set('provenance', 'official');
		body.set('sourceTitle', 'x');
		body.set('sourceUrl', 'https://example.org');
		body.set('sourceDate', '2026');
		const post = await fetch(`${baseURL}/rounds/requests/${otherRequestId}?/submit`, { method: 'POST', body, headers: { origin: baseURL, cookie, accept: 'text/html' }, redirect: 'manual' });
		expect(post.status).toBe(404);
		// A viewer gets no request at all.
		const viewerCookie = await loginCookie(baseURL, accounts.viewer.username, accounts.viewer.password);
		const viewerPost = await fetch(`${baseURL}/rounds/requests/${otherRequestId}?/submit`, { method: 'POST', body, headers: { origin: baseURL, cookie: viewerCookie, accept: 'text/html' }, redirect: 'manual' });
		expect(viewerPost.status).toBe(403);
	});

	it('the reporter submits with an evidence file; the figure does not count yet', async () => {
		await reporter.goto(`${baseURL}/rounds/mine`, { waitUntil: 'networkidle' });
		await Promise.all([reporter.waitForURL(/\/rounds\/requests\/\d+$/), reporter.locator('#todo table.requests a').first().click()]);
		requestUrl = reporter.url();
		await reporter.fill('#submit input[name=value]', '13');
		await reporter.selectOption('#submit select[name=provenance]', 'provisional');
		await reporter.click('#submit button[type=submit]');
		await expect.poll(() => reporter.locator('#submit').innerText()).toContain('请选择或填写来源，或上传佐证文件。');
		await reporter.setInputFiles('#submit input[name=evidenceFile]', PDF);
		await reporter.fill('#submit textarea[name=note]', '2026年1-9月初步统计');
		await reporter.click('#submit button[type=submit]');
		await expect.poll(() => reporter.locator('.saved').count()).toBe(1);
		expect(await reporter.locator('#submissions tr[data-version="1"]').innerText()).toContain(PDF.name);
		expect(await reporter.locator('#waiting').count()).toBe(1);

		const target = await browser.newPage();
		await target.goto(`${baseURL}/targets/${TARGET}`, { waitUntil: 'networkidle' });
		expect(await target.locator('.judgement .latest').innerText()).not.toMatch(/^13工作日/);
		await target.close();
	});

	it('the coordinator returns it with a comment, which the reporter sees; the reporter resubmits', async () => {
		await analyst.goto(`${baseURL}/rounds/review`, { waitUntil: 'networkidle' });
		await Promise.all([analyst.waitForURL(/\/rounds\/requests\/\d+$/), analyst.locator('table.requests a').first().click()]);
		expect(analyst.url()).toBe(requestUrl);
		await shoot(analyst, 'review-zh');
		await inEnglish(analyst, async () => {
			expect(await analyst.locator('#review').innerText()).toContain('Approve');
			await shoot(analyst, 'review-en');
		});
		await analyst.click('#review button[value=return]');
		await expect.poll(() => analyst.locator('#review .error').innerText()).toBe('退回时请填写审核意见。');
		await analyst.fill('#review textarea[name=comment]', '请附统计公报的链接，并改为正式数据');
		await analyst.click('#review button[value=return]');
		await expect.poll(() => analyst.locator('.saved').innerText()).toBe('已退回，填报单位会看到审核意见。');

		await reporter.goto(requestUrl, { waitUntil: 'networkidle' });
		expect(await reporter.locator('#returned-comment').innerText()).toContain('请附统计公报的链接，并改为正式数据');
		await inEnglish(reporter, async () => {
			expect(await reporter.locator('#returned-comment h2').innerText()).toBe('Returned: please correct and submit again');
			await shoot(reporter, 'reporter-en');
		});
		await shoot(reporter, 'reporter-zh');
		await reporter.fill('#submit input[name=value]', '12');
		await reporter.selectOption('#submit select[name=provenance]', 'official');
		await reporter.fill('#submit input[name=sourceTitle]', '2026年本市伦理审查用时统计公报');
		await reporter.fill('#submit input[name=sourcePublisher]', '上海市卫生健康委员会');
		await reporter.fill('#submit input[name=sourceUrl]', 'https://wsjkw.sh.gov.cn/ethics-2026');
		await reporter.fill('#submit input[name=sourceDate]', '2026-11-28');
		await reporter.setInputFiles('#submit input[name=evidenceFile]', PDF);
		await reporter.click('#submit button[type=submit]');
		await expect.poll(() => reporter.locator('#submissions tr[data-version]').count()).toBe(2);
		// The returned submission is kept, with its comment.
		expect(await reporter.locator('#submissions tr[data-version="1"]').innerText()).toContain('请附统计公报的链接');
	});

	it('the coordinator approves; the target page and the wall carry the figure, with who reported and who approved', async () => {
		const target = await browser.newPage();
		await target.goto(`${baseURL}/targets/${TARGET}`, { waitUntil: 'networkidle' });
		const latestBefore = await target.locator('.judgement .latest').innerText();
		const statusBefore = await target.locator('.judgement .status').innerText();

		await analyst.goto(requestUrl, { waitUntil: 'networkidle' });
		await analyst.click('#review button[value=approve]');
		await expect.poll(() => analyst.locator('.saved').innerText()).toBe('已通过：数据已记录并计入研判。');
		await analyst.goto(roundUrl, { waitUntil: 'networkidle' });
		expect(await analyst.locator('table.tally tr[data-unit=sh-health] [data-count=approved]').innerText()).toBe('1');

		await target.reload({ waitUntil: 'networkidle' });
		const latestAfter = await target.locator('.judgement .latest').innerText();
		expect(latestAfter).not.toBe(latestBefore);
		expect(latestAfter).toMatch(/^12工作日 2026 公开数据/);
		expect(await target.locator('.judgement .status').innerText()).not.toBe(statusBefore);
		const row = target.locator('table tbody tr', { hasText: '2026年本市伦理审查用时统计公报' }).first();
		expect(await row.locator('.reported').innerText()).toBe(`${REPORTER.displayName}（市卫生健康委）填报，e2e-analyst 审核通过`);
		await inEnglish(target, async () => {
			const english = target.locator('table tbody tr', { hasText: '2026年本市伦理审查用时统计公报' }).first();
			expect(await english.locator('.reported').innerText()).toBe(`reported by ${REPORTER.displayName} (Shanghai Health Commission), approved by e2e-analyst`);
		});
		await target.close();

		// The wall: a board of the Shanghai plan lists the approved figure among its changes.
		await admin.goto(`${baseURL}/admin/boards`, { waitUntil: 'networkidle' });
		await admin.fill('.board-form input[name=name]', '填报测试大屏');
		await admin.check('.board-form input[name=planIds][value="shanghai-biomedicine-full-chain-2024"]');
		await Promise.all([admin.waitForURL(/\/admin\/boards\/[0-9a-f-]+$/), admin.click('.board-form button[type=submit]')]);
		const screenUrl = (await admin.locator('a.screen-link').getAttribute('href'))!;
		const { payload } = (await (await fetch(new URL(`${screenUrl}/payload.json`, baseURL))).json()) as { payload: { changes: { indicator: string; value: number | null; period: string; provenance: string }[] } };
		expect(payload.changes.find((c) => c.indicator === '牵头机构伦理审查用时' && c.period === '2026')).toMatchObject({ value: 12, provenance: 'official' });
		expect(consoles.flat()).toEqual([]);
	});
});
