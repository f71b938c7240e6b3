import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';
import { comparableText, inkShares, pdfPages, squeeze } from './pdf';
import { localDay } from '../../src/lib/domain/dates';
import { formatDateTime } from '../../src/lib/domain/quantity';

const run = promisify(execFile);
const baseURL = inject('baseURL');
const accounts = inject('accounts');
const databaseUrl = inject('databaseUrl');
const dataDir = inject('dataDir');

const AS_OF = '2025-06-30';
const planFiles = ['pudong-biomedicine-2022-2024', 'shanghai-biomedicine-full-chain-2024'];
const catalogue = planFiles.map((id) => {
	const bundle = JSON.parse(fs.readFileSync(path.resolve('catalogue/bundles', `${id}.json`), 'utf8'));
	return { ...bundle.plan, targets: bundle.targets };
});

/** Asks for a book on the archive page and waits until it is in the archive; returns its id and PDF. */
async function makeBook(page: Page, asOf: string, lang: 'zh' | 'en' = 'zh'): Promise<{ id: string; pdf: Uint8Array }> {
	await page.goto(`${baseURL}/books`, { waitUntil: 'networkidle' });
	await page.fill('input[name=asOf]', asOf);
	await page.selectOption('form[action="?/request"] select[name=lang]', lang);
	await Promise.all([page.waitForResponse((r) => r.url().includes('?/request')), page.click('form[action="?/request"] button[type=submit]')]);
	await expect.poll(() => page.locator('[role=status]').count()).toBe(1);
	const row = page.locator('table.archive tbody tr').first();
	const id = (await row.getAttribute('data-book'))!;
	// The page follows the queue by itself while a book is being made.
	await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000, interval: 500 }).toBe('done');
	const href = await row.locator('a.download').getAttribute('href');
	expect(href).toBe(`/books/${id}/book.pdf`);
	const response = await page.request.get(`${baseURL}${href}`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/pdf');
	return { id, pdf: new Uint8Array(await response.body()) };
}

describe('briefing books', () => {
	let browser: Browser;
	let analyst: Page;
	let first: { id: string; pdf: Uint8Array };
	beforeAll(async () => {
		browser = await launchChromium();
		analyst = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
	});
	afterAll(async () => browser?.close());

	it('makes a book in the browser that names every plan and target, the as-of date and the illustrative data on every page', async () => {
		const problems = watchConsole(analyst);
		first = await makeBook(analyst, AS_OF);
		const pages = pdfPages(first.pdf);
		expect(pages.length).toBeGreaterThan(10);
		const text = squeeze(pages.join('\n'));
		for (const plan of catalogue) {
			expect(text).toContain(squeeze(plan.title.zh));
			for (const target of plan.targets) expect(text, target.id).toContain(squeeze(target.title.zh));
		}
		expect(text).toContain('数据截至2025年6月30日');
		// Each plan has a section on its tasks and measures: by lead unit, then one by one.
		expect(pages.filter((p) => squeeze(p).includes('按牵头单位')).length).toBeGreaterThanOrEqual(2);
		for (const words of ['任务1打造战略创新载体张江管理局', '第9条缩短临床试验启动时间市卫生健康委', '第37条']) expect(text).toContain(words);
		// Measures nobody reported on are "not reported yet" since their first report was due (2024-10-30), never "N days without update".
		expect(text).toContain('第9条缩短临床试验启动时间市卫生健康委?尚未报告自2024-10-30起');
		expect(text).not.toMatch(/天未更新/);
		// Every page's footer states the date and that illustrative figures are inside.
		for (const [i, page] of pages.entries()) {
			expect(squeeze(page), `page ${i + 1}`).toContain('数据截至2025年6月30日');
			expect(squeeze(page), `page ${i + 1}`).toContain('含示意数据（非官方统计）');
			expect(squeeze(page), `page ${i + 1}`).toContain(`第${i + 1}页/共${pages.length}页`);
		}
		// Verdicts on illustrative figures carry the 示意 mark beside the status word, the cover counts
		// them apart, and the appendix states the verdict rule as a table.
		expect(text).toMatch(/(按期可达|按进度但预测不足|进度落后但预测可达|需加快|进展有限|逆向变化|已完成|未完成|已达到|已落实|尚未落实)示意/);
		expect(text).toMatch(/未完成\d+（其中\d+个仅基于示意数据）/);
		expect(text).toContain('结论规则：进度状态×达标概率');
		// The Pudong scale target was met on its published 2024 figure: its verdict is not marked illustrative.
		expect(text).toMatch(/生物医药产业规模达到4000亿元✔已完成[\d,.]+亿元2024/);
		// The contents give the page each target starts on.
		const target = catalogue[0].targets[0].title.zh;
		const listed = Number(squeeze(pages[1]).split(squeeze(target))[1].match(/^\d+/)?.[0]);
		expect(squeeze(pages[listed - 1]).startsWith(squeeze(target))).toBe(true);
		// The cover, the contents and the summary are not blank when drawn.
		for (const share of inkShares(first.pdf, 3)) expect(share).toBeGreaterThan(0.01);
		expect(problems).toEqual([]);
	});

	it('shows the archive\'s times in the deployment zone, saying which', async () => {
		await analyst.goto(`${baseURL}/books`, { waitUntil: 'networkidle' });
		const now = new Date();
		const row = await analyst.locator(`table.archive tbody tr[data-book="${first.id}"]`).innerText();
		const shown = row.match(/(\d{2}):\d{2} \(UTC\+8\)/);
		expect(shown, row).not.toBeNull();
		expect(row).not.toMatch(/\d{2}:\d{2} UTC\b/);
		// The book was asked for minutes ago: its hour is Shanghai's wall clock (8 hours from UTC's).
		const hourIn = (d: Date) => formatDateTime(d, 'en', 'Asia/Shanghai').slice(-5, -3);
		expect([hourIn(now), hourIn(new Date(now.getTime() - 15 * 60_000))]).toContain(shown![1]);
	});

	it('keeps a book as of a date unchanged after a later correction, while a book as of today shows it', async () => {
		await analyst.goto(`${baseURL}/targets/pd-industry-scale`, { waitUntil: 'networkidle' });
		const row = analyst.locator('table tbody tr').first();
		await row.locator('details.correct summary').click();
		await row.locator('input[name=value]').fill('4321.7');
		await row.locator('input[name=reason]').fill('book test: corrected after the as-of date');
		await row.locator('button[type=submit]').click();
		await expect.poll(() => analyst.locator('.saved').count()).toBe(1);

		const again = await makeBook(analyst, AS_OF);
		expect(again.id).not.toBe(first.id);
		expect(comparableText(again.pdf)).toBe(comparableText(first.pdf));
		expect(squeeze(comparableText(again.pdf))).not.toContain('4,321.7');

		// Today in the deployment's zone (the test server runs with the default, Asia/Shanghai).
		const today = await makeBook(analyst, localDay(new Date(), 'Asia/Shanghai'));
		expect(squeeze(comparableText(today.pdf))).toContain('4,321.7亿元');
	});

	it('lets an admin schedule a monthly book in the browser, and refuses viewers and visitors on the server', async () => {
		const boss = await loggedInPage(browser, baseURL, accounts.boss.username, accounts.boss.password);
		await boss.goto(`${baseURL}/books`, { waitUntil: 'networkidle' });
		const form = boss.locator('form[action="?/schedule"]');
		await form.locator('input[name=name]').fill('每月简报');
		await form.locator('input[name=cron]').fill('0 8 1 * *');
		await Promise.all([boss.waitForResponse((r) => r.url().includes('?/schedule')), form.locator('button[type=submit]').click()]);
		const schedule = boss.locator('tr[data-schedule]', { hasText: '每月简报' });
		await expect.poll(() => schedule.count()).toBe(1);
		// The next ticks in the deployment's zone, with its offset: 08:00 in Shanghai, not 00:00 UTC.
		expect(await schedule.innerText()).toMatch(/0 8 1 \* \*[\s\S]*1日 08:00 \(UTC\+8\)/);

		await form.locator('input[name=name]').fill('bad');
		await form.locator('input[name=cron]').fill('every month');
		await Promise.all([boss.waitForResponse((r) => r.url().includes('?/schedule')), form.locator('button[type=submit]').click()]);
		await expect.poll(() => boss.locator('[role=alert]').innerText()).toContain('5段');

		const viewer = await loggedInPage(browser, baseURL, accounts.viewer.username, accounts.viewer.password);
		await viewer.goto(`${baseURL}/books`, { waitUntil: 'networkidle' });
		expect(await viewer.locator('table.archive tbody tr').count()).toBeGreaterThan(0);
		expect(await viewer.locator('form[action="?/request"]').count()).toBe(0);
		const refused = await viewer.request.post(`${baseURL}/books?/request`, { form: { asOf: AS_OF, lang: 'zh' }, headers: { origin: baseURL } });
		expect(refused.status()).toBe(403);
		const notAdmin = await analyst.request.post(`${baseURL}/books?/schedule`, {
			form: { name: 'x', cron: '0 8 1 * *', timeZone: 'UTC', lang: 'zh' },
			headers: { origin: baseURL }
		});
		expect(notAdmin.status()).toBe(403);
		// The viewer can still download: the address is stable for every logged-in user.
		expect((await viewer.request.get(`${baseURL}/books/${first.id}/book.pdf`)).status()).toBe(200);
		const visitor = await (await browser.newContext()).newPage();
		await visitor.goto(`${baseURL}/books/${first.id}/book.pdf`);
		expect(new URL(visitor.url()).pathname).toBe('/login');
	});

	it('serves the archived PDF from the store, checked against its hash: a damaged one is a 500, never other bytes', async () => {
		// Byte for byte, without toEqual: it compares 3 MB one element at a time, for seconds.
		const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
		const address = `${baseURL}/books/${first.id}/book.pdf`;
		const response = await analyst.request.get(address);
		const sha256 = response.headers().etag.replaceAll('"', '');
		expect(Number(response.headers()['content-length'])).toBe(first.pdf.length);
		// Where the server keeps it: a file in its PGlite folder, a row of book_pdfs on PostgreSQL.
		const file = dataDir && path.join(dataDir, 'books', sha256.slice(0, 2), `${sha256}.pdf`);
		const sql = databaseUrl ? postgres(databaseUrl, { max: 1, onnotice: () => {} }) : null;
		try {
			const stored = file ? fs.readFileSync(file) : Buffer.from((await sql!`select content from book_pdfs where sha256 = ${sha256}`)[0].content);
			expect(same(stored, first.pdf)).toBe(true);
			const damaged = Buffer.from(first.pdf);
			damaged[damaged.length >> 1] ^= 0xff;
			if (file) fs.writeFileSync(file, damaged);
			else await sql!`update book_pdfs set content = ${damaged} where sha256 = ${sha256}`;
			const refused = await analyst.request.get(address);
			expect(refused.status()).toBe(500);
			expect(await refused.text()).toContain('damaged');
			if (file) fs.writeFileSync(file, first.pdf);
			else await sql!`update book_pdfs set content = ${Buffer.from(first.pdf)} where sha256 = ${sha256}`;
			expect(same(await (await analyst.request.get(address)).body(), first.pdf)).toBe(true);
		} finally {
			await sql?.end();
		}
	});

	it('writes the same book text from the command line for the same date', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-snapshot-'));
		try {
			// Its own PGlite folder: the server owns its own one.
			const env: NodeJS.ProcessEnv = { ...process.env, PACER_DATA_DIR: path.join(dir, 'data') };
			delete env.DATABASE_URL;
			const snapshot = (out: string, ...extra: string[]) =>
				run('npx', ['tsx', 'scripts/snapshot.ts', '--as-of', AS_OF, '--plan', 'shanghai-biomedicine-full-chain-2024', '--lang', 'en', '--out', out, ...extra], { env });
			const a = await snapshot(path.join(dir, 'a.pdf'));
			expect(a.stdout).toMatch(/wrote .*a\.pdf: \d+ pages, as of 2025-06-30, sha256 [0-9a-f]{64}/);
			await snapshot(path.join(dir, 'b.pdf'));
			const [bookA, bookB] = ['a.pdf', 'b.pdf'].map((f) => new Uint8Array(fs.readFileSync(path.join(dir, f))));
			expect(comparableText(bookA)).toBe(comparableText(bookB));
			const text = squeeze(comparableText(bookA));
			expect(text).toContain(squeeze(catalogue[1].title.en));
			expect(text).not.toContain(squeeze(catalogue[0].targets[0].title.en));
			expect(text).toContain('DataasofJun30,2025');

			await expect(run('npx', ['tsx', 'scripts/snapshot.ts', '--as-of', '2025-02-30', '--out', path.join(dir, 'c.pdf')], { env })).rejects.toMatchObject({
				stderr: expect.stringContaining('2025-02-30 is not a calendar date')
			});
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}, 120_000);

	it.runIf(databaseUrl !== null)('reproduces an archived book from the command line on the same PostgreSQL data', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-snapshot-'));
		try {
			const out = path.join(dir, 'again.pdf');
			await run('npx', ['tsx', 'scripts/snapshot.ts', '--as-of', AS_OF, '--out', out], { env: { ...process.env, DATABASE_URL: databaseUrl! } });
			expect(comparableText(new Uint8Array(fs.readFileSync(out)))).toBe(comparableText(first.pdf));
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}, 120_000);
});
