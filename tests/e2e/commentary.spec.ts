import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';
import { startIsolatedServer, type IsolatedServer } from './isolated-server';
import * as s from '../../src/lib/server/db/schema';
import { createBoard } from '../../src/lib/server/queries/boards';
import { recordComment } from '../../src/lib/server/queries/commentary';
import { correctObservation, latestVersions } from '../../src/lib/server/queries/observations';
import { localDay } from '../../src/lib/domain/dates';
import type { ScreenPayload } from '../../src/lib/domain/screen-payload';

/** Set to a folder to keep screenshots of the target page and the wall's risk page in zh and en. */
const shots = process.env.COMMENTARY_SCREENSHOTS;

const TARGET = 'sh-research-beds';
const PLAN = 'shanghai-biomedicine-full-chain-2024';
const OLD = '年中说明：研究型病床占比提升慢于路径，主要因新院区延期开业。';
const NEW = '2025年数据回落至4.1%。\n原因：两家研究型病房改造推迟；卫健委已按月督办，<b>预计</b>2026年二季度恢复。';
const LIVE = 'Update: both research wards reopened in November; the share is expected back on path by mid-2026.';

describe('commentary per target in the browser', () => {
	let server: IsolatedServer;
	let browser: Browser;
	let analyst: Page;
	const tokens = { zh: '', en: '' };

	beforeAll(async () => {
		server = await startIsolatedServer('commentary', {}, async (db, users) => {
			// No catalogue target is at risk today: a (labelled illustrative) 2025 figure far below its path puts this one behind.
			const [figure] = (await latestVersions(db, ['sh.research-bed-share'])).filter((o) => o.period === '2025');
			await correctObservation(db, { observationId: figure.observationId, expectedVersion: figure.version, value: 4.1, provenance: 'illustrative', sourceId: null, reason: 'commentary test: behind', userId: users.admin });
			// A second target at risk, without commentary: its card must look as before.
			const [startup] = (await latestVersions(db, ['sh.trial-startup-time'])).filter((o) => o.period === '2025');
			await correctObservation(db, { observationId: startup.observationId, expectedVersion: startup.version, value: 40, provenance: 'illustrative', sourceId: null, reason: 'commentary test: behind', userId: users.admin });
			// A note written in June, before the test: what a book as of 2026-06-30 must still show.
			await recordComment(db, { targetId: TARGET, userId: users.analyst, expectedVersion: 0, text: OLD, asOf: '2026-06-15' });
			await db.update(s.targetComments).set({ recordedAt: new Date('2026-06-20T02:00:00Z') }).where(and(eq(s.targetComments.targetId, TARGET), eq(s.targetComments.version, 1)));
			for (const locale of ['zh', 'en'] as const) {
				const board = await createBoard(db, { name: `cm-${locale}`, locale, planIds: [PLAN], headlineTargetIds: [], pages: ['at_risk'], rotationSeconds: 60 }, users.admin);
				tokens[locale] = board.token!;
			}
		});
		browser = await launchChromium();
		analyst = await loggedInPage(browser, server.base, server.accounts.analyst.username, server.accounts.analyst.password);
	}, 240_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	const shoot = async (page: Page, name: string) => {
		if (!shots) return;
		fs.mkdirSync(shots, { recursive: true });
		await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: !name.startsWith('wall') });
	};
	const payload = async (): Promise<ScreenPayload> => (await (await fetch(`${server.base}/screen/${tokens.zh}/payload.json`)).json()).payload;

	it('an analyst writes the next version beside the verdict; the text stays plain, line breaks kept; too long and stale edits are refused', async () => {
		const problems = watchConsole(analyst);
		await analyst.goto(`${server.base}/targets/${TARGET}`, { waitUntil: 'networkidle' });
		const panel = analyst.locator('.judgement .commentary-panel');
		expect(await panel.locator('.commentary .text').innerText()).toBe(OLD);
		expect(await panel.locator('footer').innerText()).toContain('commentary-analyst');

		await panel.locator('details.edit summary').click();
		await panel.locator('textarea[name=text]').fill('字'.repeat(1001));
		expect(await panel.locator('.count').innerText()).toContain('1001 / 1000');
		await panel.locator('button[type=submit]').click();
		await expect.poll(() => panel.locator('.error').count()).toBe(1);
		expect(await panel.locator('.error').innerText()).toContain('说明最多1000字');
		expect(await panel.locator('.commentary .text').innerText()).toBe(OLD);

		await panel.locator('textarea[name=text]').fill(NEW);
		await panel.locator('button[type=submit]').click();
		await expect.poll(() => panel.locator('.saved').count()).toBe(1);
		expect(await panel.locator('.saved').innerText()).toContain('第2版');
		await analyst.reload({ waitUntil: 'networkidle' });
		expect(await panel.locator('.commentary .text').first().innerText()).toBe(NEW);
		// The edit kept the note's "as of" day, which the form started from. Markup in a note is its text, never HTML.
		expect(await panel.locator('.commentary .text b').count()).toBe(0);

		// A form loaded before version 2 (it names version 1) is refused with the other version, nothing saved.
		const stale = await analyst.request.post(`${server.base}/targets/${TARGET}?/comment`, {
			form: { text: '旧页面上的编辑', asOf: '', expectedVersion: '1' },
			headers: { origin: server.base, accept: 'text/html' }
		});
		expect(stale.status()).toBe(409);
		expect(await stale.text()).toContain('已保存第2版');
		await shoot(analyst, 'target-zh');
		await analyst.goto(`${server.base}/targets/${TARGET}?lang=en`, { waitUntil: 'networkidle' });
		expect(await panel.locator('h2').innerText()).toBe('Analyst commentary');
		await panel.locator('details.comment-history summary').click();
		await panel.locator('details.edit summary').click();
		expect(await panel.locator('.count').innerText()).toMatch(/^\d+ \/ 1000 characters$/);
		await shoot(analyst, 'target-en');
		await analyst.goto(`${server.base}/targets/${TARGET}?lang=zh`, { waitUntil: 'networkidle' });
		expect(problems).toEqual([]);
	});

	it('a viewer reads the note and both versions in the history, with no way to edit, and the server refuses their post', async () => {
		const viewer = await loggedInPage(browser, server.base, server.accounts.viewer.username, server.accounts.viewer.password);
		await viewer.goto(`${server.base}/targets/${TARGET}`, { waitUntil: 'networkidle' });
		const panel = viewer.locator('.commentary-panel');
		expect(await panel.locator('.commentary .text').first().innerText()).toBe(NEW);
		expect(await panel.locator('details.edit, form, textarea').count()).toBe(0);
		await panel.locator('details.comment-history summary').click();
		const versions = panel.locator('details.comment-history li');
		expect(await versions.count()).toBe(2);
		expect(await versions.nth(0).innerText()).toMatch(/第2版/);
		expect(await versions.nth(0).locator('.text').innerText()).toBe(NEW);
		expect(await versions.nth(1).locator('.text').innerText()).toBe(OLD);
		expect(await versions.nth(1).innerText()).toContain('针对截至2026年6月15日的情况');
		const refused = await viewer.request.post(`${server.base}/targets/${TARGET}?/comment`, {
			form: { text: '观众不能写', asOf: '', expectedVersion: '2' },
			headers: { origin: server.base }
		});
		expect(refused.status()).toBe(403);
		await viewer.context().close();
	});

	it('the wall’s payload carries the note beside the at-risk target, and an open screen shows a new version without reloading', async () => {
		const atRisk = (await payload()).atRisk.find((t) => t.id === TARGET);
		expect(atRisk?.comment).toMatchObject({ author: 'commentary-analyst', cut: true, asOf: '2026-06-15' });
		expect(atRisk!.comment!.text.startsWith('2025年数据回落至4.1%。 原因：')).toBe(true);
		expect(atRisk!.comment!.text.endsWith('…')).toBe(true);

		const wall = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
		const problems = watchConsole(wall);
		await wall.goto(`${server.base}/screen/${tokens.zh}`, { waitUntil: 'networkidle' });
		const card = wall.locator(`[data-screen-page=at_risk] .risk[data-target=${TARGET}] [data-comment]`);
		expect(await card.innerText()).toContain('2025年数据回落至4.1%。');
		expect(await card.innerText()).toContain('commentary-analyst');
		// The card without commentary has no comment line, and every card's chart still takes the room left.
		expect(await wall.locator('[data-screen-page=at_risk] .risk').count()).toBe(2);
		expect(await wall.locator('[data-screen-page=at_risk] .risk[data-target=sh-trial-startup] [data-comment]').count()).toBe(0);
		const chartHeight = async (id: string) => (await wall.locator(`[data-screen-page=at_risk] .risk[data-target=${id}] .body > .chart`).boundingBox())!.height;
		const [withNote, without] = [await chartHeight(TARGET), await chartHeight('sh-trial-startup')];
		expect(withNote).toBeGreaterThan(100);
		expect(without).toBeGreaterThan(withNote);
		await shoot(wall, 'wall-risk-zh');

		await analyst.goto(`${server.base}/targets/${TARGET}`, { waitUntil: 'networkidle' });
		const panel = analyst.locator('.commentary-panel');
		await panel.locator('details.edit summary').click();
		await panel.locator('textarea[name=text]').fill(LIVE);
		await panel.locator('button[type=submit]').click();
		await expect.poll(() => panel.locator('.saved').count()).toBe(1);
		await expect.poll(() => card.innerText(), { timeout: 15_000 }).toContain('Update: both research wards reopened');
		expect(problems).toEqual([]);

		const en = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
		await en.goto(`${server.base}/screen/${tokens.en}`, { waitUntil: 'networkidle' });
		expect(await en.locator(`.risk[data-target=${TARGET}] [data-comment]`).innerText()).toContain('commentary-analyst');
		await shoot(en, 'wall-risk-en');
		await wall.context().close();
		await en.context().close();
	});

	it('a book as of an earlier date shows the note current then; a book as of today the newest', async () => {
		const book = async (asOf: string) => {
			await analyst.goto(`${server.base}/print/book?asOf=${asOf}&plans=${PLAN}`, { waitUntil: 'load' });
			return analyst.locator(`[data-commentary=${TARGET}] .text`).innerText();
		};
		expect(await book('2026-06-30')).toBe(OLD);
		expect(await book(localDay(new Date(), 'Asia/Shanghai'))).toBe(LIVE);
		// Before the first note there is none.
		await analyst.goto(`${server.base}/print/book?asOf=2026-06-19&plans=${PLAN}`, { waitUntil: 'load' });
		expect(await analyst.locator('[data-commentary]').count()).toBe(0);
	});
});
