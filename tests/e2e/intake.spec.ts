/**
 * Plan intake as an analyst does it, in the browser, on an instance of its own: a .docx and a PDF
 * of a plan Pacer has never seen (made here, the PDF by Chromium's print) are uploaded; the .docx
 * is reviewed (one proposal edited, one rejected, one linked to an existing indicator) and
 * published; the plan then shows on the overview, the explorer, a wall screen and in a book, while
 * the PDF's draft stays invisible to a viewer. The published plan's bundle moves to a second
 * instance through the browser, with the same targets, and importing it again changes nothing.
 */
import { Document, Packer, Paragraph } from 'docx';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';
import { pdfPages, squeeze } from './pdf';
import { startIsolatedServer, type IsolatedServer } from './isolated-server';

const TITLE = '滨江新区数字经济发展三年行动方案（2025-2027年）';
const PLAN_TEXT = [
	'滨江新区管理委员会办公室关于印发《滨江新区数字经济发展三年行动方案（2025-2027年）》的通知',
	'滨管办〔2025〕7号',
	'各部门、各街道：',
	'《滨江新区数字经济发展三年行动方案（2025-2027年）》已经管委会同意，现印发给你们，请认真贯彻执行。',
	'滨江新区管理委员会办公室',
	'2025年3月10日',
	TITLE,
	'为加快数字经济发展，制定本行动方案。',
	'一、总体目标',
	'到2027年，全区数字经济核心产业增加值达到1200亿元，新增规模以上数字经济企业50家，5G基站总数达到8000个，企业开办时间压缩至2个工作日以内。',
	'二、重点任务',
	'（一）培育企业梯队。累计培育专精特新企业100家以上。（责任单位：区科经委、区发改委）',
	'（二）加大政策支持。对新认定的数字经济总部企业，给予最高200万元奖励。（责任单位：区财政局）',
	'三、保障措施',
	'本方案自印发之日起施行，有效期至2027年12月31日。'
];
const PDF_TITLE = '滨江新区智慧交通建设实施方案（2025-2026年）';
const PDF_TEXT = [
	PDF_TITLE,
	'一、工作目标',
	'到2026年，全区公交准点率达到95%以上，新建智慧停车泊位5000个。',
	'二、保障措施',
	'本方案自2025年5月1日起施行，有效期至2026年12月31日。'
];

async function docxOf(lines: string[]): Promise<Buffer> {
	return Packer.toBuffer(new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] }));
}

/** The plan printed to PDF by Chromium, as a government site's PDF would be. */
async function pdfOf(browser: Browser, lines: string[]): Promise<Buffer> {
	const page = await browser.newPage();
	await page.setContent(`<html><body style="font-family: 'Noto Sans CJK SC'">${lines.map((l) => `<p>${l}</p>`).join('')}</body></html>`);
	const pdf = await page.pdf({ format: 'A4' });
	await page.close();
	return pdf;
}

async function upload(page: Page, base: string, name: string, mimeType: string, buffer: Buffer) {
	await page.goto(`${base}/plans/new`, { waitUntil: 'networkidle' });
	await page.setInputFiles('input[name=file]', { name, mimeType, buffer });
	await Promise.all([page.waitForURL(/\/plans\/(?!new)[a-z0-9.-]+$/, { timeout: 30_000 }), page.click('form[action="?/extract"] button[type=submit]')]);
	return decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
}

/** The review card whose quote holds `words`. */
function card(page: Page, words: string) {
	return page.locator(`form[data-testid=proposal][data-quote*="${words}"]`);
}

async function decide(page: Page, words: string, decision: 'accepted' | 'rejected') {
	const form = card(page, words);
	await Promise.all([page.waitForResponse((r) => r.url().includes('?/proposal') && r.request().method() === 'POST'), form.locator(`button[name=decision][value=${decision}]`).click()]);
	await expect.poll(() => card(page, words).locator('.decision').getAttribute('class')).toContain(decision);
}

describe('plan intake in the browser', () => {
	let one: IsolatedServer;
	let two: IsolatedServer;
	let browser: Browser;
	let analyst: Page;
	let planId: string;
	let draftId: string;
	let bundle: string;

	beforeAll(async () => {
		[one, two] = await Promise.all([startIsolatedServer('intake-one'), startIsolatedServer('intake-two')]);
		browser = await launchChromium();
		analyst = await loggedInPage(browser, one.base, one.accounts.analyst.username, one.accounts.analyst.password);
	}, 180_000);
	afterEach(({ task }) => {
		if (task.result?.state === 'fail') console.log(`--- instance one:\n${one?.log()}\n--- instance two:\n${two?.log()}`);
	});
	afterAll(async () => {
		await browser?.close();
		await Promise.all([one?.stop(), two?.stop()]);
	});

	it('reads an uploaded .docx into a draft with its details, clauses and proposals, the original kept beside', async () => {
		const problems = watchConsole(analyst);
		planId = await upload(analyst, one.base, '行动方案.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', await docxOf(PLAN_TEXT));
		await expect.poll(() => analyst.locator('h1').textContent()).toContain('滨江新区数字经济发展三年行动方案');
		expect(await analyst.locator('.status.draft').count()).toBe(1);
		const quotes = await analyst.locator('form[data-testid=proposal] input[name=quote]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
		for (const words of ['1200亿元', '50家', '8000个', '2个工作日', '100家']) expect(quotes.some((q) => q.includes(words)), words).toBe(true);
		// A support cap is a fact of its clause, not a target.
		expect(quotes.some((q) => q.includes('200万元'))).toBe(false);
		expect(await analyst.locator('.fact').filter({ hasText: '最高200万元' }).count()).toBeGreaterThan(0);
		// Each proposal's words are marked in its clause.
		expect(await analyst.locator('.clause-text mark').filter({ hasText: '1200亿元' }).count()).toBe(1);
		expect(await analyst.locator('pre').filter({ hasText: '滨管办〔2025〕7号' }).count()).toBe(2);
		// Publishing waits until every proposal is decided.
		expect(await analyst.locator('form[action="?/publish"] button').isDisabled()).toBe(true);
		expect(problems).toEqual([]);
	});

	it('refuses a quote that is not word for word in its clause, and keeps the proposal as it was', async () => {
		const form = card(analyst, '8000个');
		await form.locator('input[name=quote]').fill('5G基站总数达到9000个');
		await Promise.all([analyst.waitForResponse((r) => r.url().includes('?/proposal')), form.locator('button[name=decision][value=accepted]').click()]);
		await expect.poll(() => analyst.locator('form[data-testid=proposal] [role=alert]').count()).toBeGreaterThan(0);
		expect(await card(analyst, '8000个').locator('.decision').getAttribute('class')).toContain('pending');
	});

	it('edits one proposal, rejects one, links one to an existing indicator and accepts the rest', async () => {
		await analyst.reload({ waitUntil: 'networkidle' });
		// Edit: the station count's value and its English title.
		const stations = card(analyst, '8000个');
		await stations.locator('input[name=value]').fill('8500');
		await stations.locator('input[name=titleEn]').fill('5G base stations');
		await decide(analyst, '8000个', 'accepted');
		expect(await card(analyst, '8000个').locator('input[name=value]').inputValue()).toBe('8500');
		// Reject: the company count.
		await decide(analyst, '50家', 'rejected');
		// Link: the value added to an existing indicator in 亿元.
		const value = card(analyst, '1200亿元');
		await value.locator('input[name=indicatorMode][value=link]').check();
		await value.locator('select[name=indicatorId]').selectOption('pd.scale');
		await decide(analyst, '1200亿元', 'accepted');
		await Promise.all([analyst.waitForResponse((r) => r.url().includes('?/acceptPending')), analyst.click('form[action="?/acceptPending"] button')]);
		await expect.poll(() => analyst.locator('form[action="?/publish"] button').isDisabled()).toBe(false);
	});

	it('publishes the plan: it is judged on the overview, in the explorer, on a wall screen and in a book', async () => {
		await Promise.all([analyst.waitForURL(/published=1/), analyst.click('form[action="?/publish"] button')]);
		expect(await analyst.locator('.status.published').textContent()).toContain('1');
		await analyst.goto(`${one.base}/`, { waitUntil: 'networkidle' });
		const overview = await analyst.locator('main').textContent();
		expect(overview).toContain(TITLE);
		expect(overview).toContain('8,500');
		await analyst.goto(`${one.base}/explore?lang=en`, { waitUntil: 'networkidle' });
		expect(await analyst.locator('main').textContent()).toContain('5G base stations');

		const admin = await loggedInPage(browser, one.base, one.accounts.admin.username, one.accounts.admin.password);
		await admin.goto(`${one.base}/admin/boards`, { waitUntil: 'networkidle' });
		await admin.fill('.board-form input[name=name]', '数字经济大屏');
		await admin.check(`.board-form input[name=planIds][value="${planId}"]`);
		await Promise.all([admin.waitForURL(/\/admin\/boards\/[0-9a-f-]+$/), admin.click('.board-form button[type=submit]')]);
		const screenUrl = (await admin.locator('a.screen-link').getAttribute('href'))!;
		const payload = await (await admin.request.get(`${screenUrl}/payload.json`)).text();
		expect(payload).toContain('滨江新区');

		await analyst.goto(`${one.base}/books`, { waitUntil: 'networkidle' });
		await analyst.check(`form[action="?/request"] input[name=plans][value="${planId}"]`);
		await Promise.all([analyst.waitForResponse((r) => r.url().includes('?/request')), analyst.click('form[action="?/request"] button[type=submit]')]);
		const row = analyst.locator('table.archive tbody tr').first();
		await expect.poll(() => row.getAttribute('data-status'), { timeout: 90_000, interval: 500 }).toBe('done');
		const pdf = await analyst.request.get(`${one.base}${await row.locator('a.download').getAttribute('href')}`);
		const text = squeeze(pdfPages(new Uint8Array(await pdf.body())).join('\n'));
		expect(text).toContain(squeeze(TITLE));
		expect(text).toContain(squeeze('企业开办时间压缩至2个工作日以内'));
	});

	it('reads a PDF printed by Chromium into a draft that a viewer cannot see anywhere', async () => {
		draftId = await upload(analyst, one.base, '智慧交通.pdf', 'application/pdf', await pdfOf(browser, PDF_TEXT));
		const quotes = await analyst.locator('form[data-testid=proposal] input[name=quote]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
		expect(quotes.some((q) => q.includes('95%'))).toBe(true);
		expect(quotes.some((q) => q.includes('5000个'))).toBe(true);
		// A reviewer adds a target by hand under its clause (here the parking spaces once more, as the charging share).
		const goals = analyst.locator('[data-testid=clause-review]').filter({ hasText: '工作目标' });
		await goals.locator('details.add-target summary').click();
		await goals.locator('form[action="?/add"] input[name=quote]').fill('新建智慧停车泊位5000个');
		await goals.locator('form[action="?/add"] input[name=value]').fill('5000');
		await goals.locator('form[action="?/add"] input[name=unit]').fill('个');
		await goals.locator('form[action="?/add"] select[name=kind]').selectOption('new_since_baseline');
		await Promise.all([analyst.waitForResponse((r) => r.url().includes('?/add')), goals.locator('form[action="?/add"] button[type=submit]').click()]);
		await expect.poll(() => analyst.locator('form[data-testid=proposal]').count()).toBe(quotes.length + 1);

		const viewer = await loggedInPage(browser, one.base, one.accounts.viewer.username, one.accounts.viewer.password);
		for (const path of ['/', '/explore', '/organisations', '/tasks', '/books']) {
			await viewer.goto(`${one.base}${path}`, { waitUntil: 'networkidle' });
			expect(await viewer.locator('main').textContent(), path).not.toContain('智慧交通');
		}
		expect((await viewer.request.get(`${one.base}/plans/${draftId}`)).status()).toBe(403);
		expect((await viewer.request.get(`${one.base}/plans`)).status()).toBe(403);
		expect(await viewer.locator(`header a[href="/plans"]`).count()).toBe(0);
	});

	it('refuses an unreadable document with a clear message and keeps nothing', async () => {
		await analyst.goto(`${one.base}/plans/new?lang=en`, { waitUntil: 'networkidle' });
		const scanned = await browser.newPage();
		await scanned.setContent('<svg width="400" height="400"><rect width="400" height="400" fill="#888"/></svg>');
		const image = await scanned.pdf({ format: 'A4' });
		await scanned.close();
		await analyst.setInputFiles('input[name=file]', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: image });
		await Promise.all([analyst.waitForResponse((r) => r.url().includes('?/extract')), analyst.click('form[action="?/extract"] button[type=submit]')]);
		await expect.poll(() => analyst.locator('[role=alert]').textContent()).toContain('no text layer');
		await analyst.goto(`${one.base}/plans`, { waitUntil: 'networkidle' });
		expect(await analyst.locator('[data-testid=intake-plan]').filter({ hasText: 'scan' }).count()).toBe(0);
	});

	it('publishes no new revision when nothing changed', async () => {
		await analyst.goto(`${one.base}/plans/${planId}?lang=en`, { waitUntil: 'networkidle' });
		await Promise.all([analyst.waitForResponse((r) => r.url().includes('?/publish')), analyst.click('form[action="?/publish"] button')]);
		await expect.poll(() => analyst.locator('[role=status]').filter({ hasText: 'Nothing changed since revision 1' }).count()).toBe(1);
		expect(await analyst.locator('.status.published').textContent()).toContain('revision 1');
	});

	it('moves the published plan to another instance as a bundle, with the same targets; the same bundle twice changes nothing', async () => {
		const response = await analyst.request.get(`${one.base}/plans/${planId}/bundle.json`);
		expect(response.status()).toBe(200);
		bundle = await response.text();
		const targets = JSON.parse(bundle).targets as { id: string; value: number; quote: string }[];
		expect(targets.map((t) => t.quote).join()).not.toContain('50家');

		const other = await loggedInPage(browser, two.base, two.accounts.analyst.username, two.accounts.analyst.password);
		const importIt = async () => {
			await other.goto(`${two.base}/plans?lang=en`, { waitUntil: 'networkidle' });
			await other.setInputFiles('input[name=bundle]', { name: `${planId}.bundle.json`, mimeType: 'application/json', buffer: Buffer.from(bundle) });
			await Promise.all([other.waitForResponse((r) => r.url().includes('?/importBundle')), other.click('form[action="?/importBundle"] button[type=submit]')]);
			await expect.poll(() => other.locator('[role=status]').count()).toBe(1);
			return other.locator('[role=status]').textContent();
		};
		expect(await importIt()).toContain('Imported plan');
		const copied = JSON.parse(await (await other.request.get(`${two.base}/plans/${planId}/bundle.json`)).text());
		expect(copied.targets).toEqual(JSON.parse(bundle).targets);
		expect(await importIt()).toContain('nothing changed');
		await other.goto(`${two.base}/`, { waitUntil: 'networkidle' });
		expect(await other.locator('main').textContent()).toContain(TITLE);
	});
});
