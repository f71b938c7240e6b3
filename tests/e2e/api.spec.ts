/**
 * The read API against the built server: an admin makes a token in the browser and copies it once;
 * a plain HTTP client reads targets with verdicts as of a day with it; every documented endpoint
 * answers in the shape the OpenAPI document gives; refusals (bad query, no token, revoked token,
 * a viewer asking for drafts, the rate limit) are clear; the docs and token pages read well in both
 * languages (screenshots in $PACER_SCREENSHOTS or the temp folder).
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';
import { API_ENDPOINTS } from '../../src/lib/domain/api-openapi';
import { apiError, targetsAnswer } from '../../src/lib/domain/api';
import { endOfLocalDay } from '../../src/lib/domain/dates';

const baseURL = inject('baseURL');
const accounts = inject('accounts');
const shots = process.env.PACER_SCREENSHOTS ?? os.tmpdir();

const get = (pathAndQuery: string, token?: string) => fetch(`${baseURL}${pathAndQuery}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('the read API', () => {
	let browser: Browser;
	let admin: Page;
	let analystToken = '';
	let viewerToken = '';
	let problems: string[] = [];

	/** Makes a token on /admin/tokens for an account and reads it from the page, where it is shown once. */
	async function makeToken(owner: string, name: string): Promise<string> {
		await admin.goto(`${baseURL}/admin/tokens`, { waitUntil: 'networkidle' });
		const value = await admin.locator('select[name=userId] option', { hasText: `(${owner},` }).getAttribute('value');
		await admin.selectOption('select[name=userId]', value!);
		await admin.fill('input[name=name]', name);
		await admin.click('form.create button[type=submit]');
		const field = admin.locator('[data-new-token]');
		await field.waitFor();
		return field.inputValue();
	}

	beforeAll(async () => {
		browser = await launchChromium();
		admin = await loggedInPage(browser, baseURL, accounts.boss.username, accounts.boss.password);
		await admin.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
		problems = watchConsole(admin);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('an admin makes a token in the browser and copies it; it is shown once and the list names its owner', async () => {
		analystToken = await makeToken(accounts.analyst.username, 'e2e dashboard');
		expect(analystToken).toMatch(/^pacer_[A-Za-z0-9_-]{43}$/);
		await admin.getByRole('button', { name: '复制' }).click();
		expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(analystToken);
		await admin.screenshot({ path: path.join(shots, 'api-tokens-zh.png'), fullPage: true });
		// Shown once: a new visit to the page does not have it.
		await admin.goto(`${baseURL}/admin/tokens?lang=en`, { waitUntil: 'networkidle' });
		expect(await admin.content()).not.toContain(analystToken);
		const row = admin.locator('tr[data-token-name="e2e dashboard"]');
		expect(await row.getAttribute('data-state')).toBe('active');
		expect(await row.innerText()).toContain(accounts.analyst.username);
		await admin.screenshot({ path: path.join(shots, 'api-tokens-en.png'), fullPage: true });
		viewerToken = await makeToken(accounts.viewer.username, 'e2e viewer feed');
		expect(problems).toEqual([]);
	});

	it('a client with the token reads targets with their verdicts as of a day, and says what the answer reflects', async () => {
		const response = await get('/api/v1/targets?asOf=2024-12-31&limit=50', analystToken);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/json');
		const body = targetsAnswer.parse(await response.json());
		expect(body.meta).toMatchObject({ asOf: '2024-12-31', judged: 'as_of', cutoff: endOfLocalDay('2024-12-31', body.meta.timeZone).toISOString() });
		expect(body.meta.dataVersion).toMatch(/\|/);
		expect(body.data.length).toBeGreaterThan(10);
		expect(body.page.total).toBeGreaterThanOrEqual(body.data.length);
		// A target judged on figures recorded by then: the figure it rests on is no later than the day.
		const judged = body.data.filter((t) => t.latest);
		expect(judged.length).toBeGreaterThan(0);
		for (const t of judged) expect(t.latest!.date <= '2024-12-31' || t.latest!.partial).toBe(true);
		for (const t of body.data) expect(['published', 'estimated', 'illustrative']).toContain(t.verdict.basis);
		// The same target today comes from the stored judgements.
		const today = await (await get(`/api/v1/targets/${body.data[0].id}`, analystToken)).json();
		expect(today.meta.judged).toBe('stored');
		// Paging: the next link gives the following page.
		const first = targetsAnswer.parse(await (await get('/api/v1/targets?limit=3', analystToken)).json());
		const second = targetsAnswer.parse(await (await get(first.page.next!, analystToken)).json());
		const both = targetsAnswer.parse(await (await get('/api/v1/targets?limit=6', analystToken)).json());
		expect([...first.data, ...second.data].map((t) => t.id)).toEqual(both.data.map((t) => t.id));
	});

	it('serves an OpenAPI 3.1 document listing every route, and every documented route answers in its documented shape', async () => {
		const response = await get('/api/v1/openapi.json');
		expect(response.status).toBe(200);
		const document = await response.json();
		expect(document.openapi).toBe('3.1.0');
		expect(Object.keys(document.paths).sort()).toEqual(API_ENDPOINTS.map((e) => e.path).sort());
		const plans = (await (await get('/api/v1/plans', analystToken)).json()).data;
		const target = (await (await get('/api/v1/targets?limit=1', analystToken)).json()).data[0];
		for (const e of API_ENDPOINTS) {
			const url = e.example.replace('{planId}', plans[0].id).replace('{targetId}', target.id).replace('{indicatorId}', target.indicatorId);
			const answer = await get(url, e.open ? undefined : analystToken);
			expect(answer.status, url).toBe(200);
			const parsed = e.answer.safeParse(await answer.json());
			expect(parsed.success ? [] : parsed.error.issues.slice(0, 3), url).toEqual([]);
		}
		// Figures carry provenance and source.
		const figures = (await (await get(`/api/v1/indicators/${target.indicatorId}/figures`, analystToken)).json()).data;
		expect(figures.length).toBeGreaterThan(0);
		for (const f of figures) {
			expect(['official', 'provisional', 'estimate', 'illustrative']).toContain(f.provenance);
			if (f.provenance === 'official') expect(f.source).not.toBeNull();
		}
	});

	it('refuses clearly: bad parameters, a future day, no token, an unknown thing', async () => {
		const bad = await get('/api/v1/targets?limit=9999&asof=2024-01-01&status=great', analystToken);
		expect(bad.status).toBe(400);
		const body = apiError.parse(await bad.json());
		expect(body.error.issues!.map((i) => i.parameter).sort()).toEqual(['asof', 'limit', 'status']);
		const future = await get('/api/v1/plans?asOf=2999-01-01', analystToken);
		expect(future.status).toBe(400);
		expect((await future.json()).error.issues[0].parameter).toBe('asOf');
		const anonymous = await get('/api/v1/plans');
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
		expect((await get('/api/v1/plans', 'pacer_not-a-real-token')).status).toBe(401);
		expect((await get('/api/v1/targets/no-such-target', analystToken)).status).toBe(404);
	});

	it('a viewer’s token reads what a viewer may: no drafts', async () => {
		expect((await get('/api/v1/plans', viewerToken)).status).toBe(200);
		const drafts = await get('/api/v1/plans?status=draft', viewerToken);
		expect(drafts.status).toBe(403);
		expect(apiError.parse(await drafts.json()).error.code).toBe('forbidden');
		expect((await get('/api/v1/plans?status=draft', analystToken)).status).toBe(200);
	});

	it('a signed-in browser reads the API with its session', async () => {
		const answer = await admin.evaluate(async () => {
			const r = await fetch('/api/v1/plans?lang=en');
			return { status: r.status, body: await r.json() };
		});
		expect(answer.status).toBe(200);
		expect(answer.body.meta.locale).toBe('en');
		expect(answer.body.data.length).toBeGreaterThan(0);
	});

	it('answers 429 with Retry-After over the rate limit', async () => {
		const token = await makeToken(accounts.viewer.username, 'e2e rate limit');
		// Cheap requests: a refused parameter still counts, after the token and the limit are checked.
		const first = await get('/api/v1/sources?limit=0', token);
		const limit = Number(first.headers.get('x-ratelimit-limit'));
		expect(limit).toBeGreaterThan(0);
		for (let sent = 1; sent < limit; sent += 20) {
			const batch = await Promise.all(Array.from({ length: Math.min(20, limit - sent) }, () => get('/api/v1/sources?limit=0', token)));
			expect(batch.map((r) => r.status).filter((s) => s !== 400)).toEqual([]);
		}
		const over = await get('/api/v1/sources', token);
		expect(over.status).toBe(429);
		expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(apiError.parse(await over.json()).error.code).toBe('rate_limited');
		// Another token is not held up.
		expect((await get('/api/v1/sources?limit=1', analystToken)).status).toBe(200);
	});

	it('a revoked token is refused at once', async () => {
		await admin.goto(`${baseURL}/admin/tokens`, { waitUntil: 'networkidle' });
		const row = admin.locator('tr[data-token-name="e2e dashboard"]');
		// Its use is recorded as the last-used time.
		expect((await row.locator('td').nth(3).innerText()).trim()).not.toBe('—');
		await Promise.all([admin.waitForResponse((r) => r.url().includes('?/revoke') && r.request().method() === 'POST'), row.locator('form[action="?/revoke"] button').click()]);
		await expect.poll(() => row.getAttribute('data-state')).toBe('revoked');
		const refused = await get('/api/v1/targets', analystToken);
		expect(refused.status).toBe(401);
		expect(apiError.parse(await refused.json()).error.code).toBe('unauthorized');
	});

	it('documents every endpoint on /api in Chinese and English', async () => {
		const document = await (await get('/api/v1/openapi.json')).json();
		for (const lang of ['zh', 'en'] as const) {
			const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
			const pageProblems = watchConsole(page);
			await page.goto(`${baseURL}/api?lang=${lang}`, { waitUntil: 'networkidle' });
			const listed = await page.locator('[data-endpoint]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-endpoint')));
			expect(listed.sort()).toEqual(Object.keys(document.paths).sort());
			const text = await page.locator('main').innerText();
			expect(text).toContain(lang === 'zh' ? '每分钟最多请求' : 'requests a minute');
			expect(await page.getAttribute('[data-rate-limit]', 'data-rate-limit')).toBe(String(/(\d+) requests per minute/.exec(document.info.description)![1]));
			await page.screenshot({ path: path.join(shots, `api-docs-${lang}.png`), fullPage: true });
			expect(pageProblems).toEqual([]);
			await page.context().close();
		}
	});
});
