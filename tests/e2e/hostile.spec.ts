/**
 * The attacks of issue 19 on the running server, as an outsider, a viewer and an analyst would
 * make them: each gets a fast, clear refusal and changes nothing, and the server keeps serving.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { loggedInPage } from './helpers';
import { loginCookie, postAction } from './http-session';
import { columnBomb, formulaSheet, zipBomb } from '../fixtures/hostile-files';

const baseURL = inject('baseURL');
const accounts = inject('accounts');
const serverPid = inject('serverPid');
const TARGET = 'sh-trial-startup';

const residentMb = () => Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${serverPid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

describe('hostile input against the running server', () => {
	let browser: Browser;
	let analyst: string;
	let admin: string;
	beforeAll(async () => {
		browser = await launchChromium();
		analyst = await loginCookie(baseURL, accounts.analyst.username, accounts.analyst.password);
		admin = await loginCookie(baseURL, accounts.boss.username, accounts.boss.password);
	});
	afterAll(async () => browser?.close());

	it('an analyst uploading a column bomb, a zip bomb and 60,000 formula rows gets a clear refusal each, and other pages keep answering', async () => {
		const before = residentMb();
		const upload = async (name: string, bytes: Uint8Array) => {
			const form = new FormData();
			form.append('file', new Blob([bytes as BlobPart]), name);
			const started = performance.now();
			const answer = await postAction(baseURL, '/import?/preview', analyst, form);
			return { answer, seconds: (performance.now() - started) / 1000 };
		};
		const pages: number[] = [];
		// Another person reads a page while the files are checked.
		const reader = (async () => {
			for (let i = 0; i < 5; i++) {
				const started = performance.now();
				expect((await fetch(`${baseURL}/methods`)).status).toBe(200);
				pages.push(performance.now() - started);
				await new Promise((r) => setTimeout(r, 300));
			}
		})();
		const column = await upload('column-bomb.xlsx', await columnBomb());
		expect(column.answer).toMatchObject({ type: 'failure', status: 400 });
		expect(column.answer.data).toContain('too_many_columns');
		expect(column.answer.data).toContain('XFD');
		const bomb = await upload('zip-bomb.xlsx', await zipBomb(100));
		expect(bomb.answer).toMatchObject({ type: 'failure', status: 400 });
		expect(bomb.answer.data).toContain('too_large_unpacked');
		// The refusal is small: the oversized cell is not echoed back.
		expect(bomb.answer.data!.length).toBeLessThan(2_000);
		const formulas = await upload('formulas.xlsx', await formulaSheet(60_000));
		expect(formulas.answer).toMatchObject({ type: 'success' });
		expect(formulas.answer.data!.length).toBeLessThan(2_000_000);
		await reader;
		console.log(
			`column bomb ${column.seconds.toFixed(2)} s, zip bomb ${bomb.seconds.toFixed(2)} s, 60,000 formula rows ${formulas.seconds.toFixed(2)} s; ` +
				`slowest other page ${Math.round(Math.max(...pages))} ms; server memory ${before} -> ${residentMb()} MB`
		);
		expect((await fetch(`${baseURL}/methods`)).status).toBe(200);
	}, 120_000);

	it('the import page says what is wrong with a column bomb, in both languages', async () => {
		const page = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		for (const [lang, words] of [['zh', /第 2 行用到了 XFD 列/], ['en', /Row 2 uses column XFD/]] as const) {
			await page.goto(`${baseURL}/import?lang=${lang}`);
			await page.setInputFiles('input[type=file]', { name: 'bomb.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(await columnBomb()) });
			await page.click('.upload button');
			await expect.poll(() => page.locator('[role=alert]').innerText(), { timeout: 20_000 }).toMatch(words);
		}
		await page.context().close();
	}, 60_000);

	it('login sends people only to this origin, whatever the next parameter says', async () => {
		const page = await loggedInPage(browser, baseURL, accounts.viewer.username, accounts.viewer.password);
		for (const next of ['/%5Cevil.example/phish', '/%09/evil.example/', '//evil.example/', 'https://evil.example/']) {
			await page.goto(`${baseURL}/login?next=${next}`);
			expect({ next, origin: new URL(page.url()).origin }).toEqual({ next, origin: baseURL });
		}
		await page.goto(`${baseURL}/login?next=/explore`);
		expect(new URL(page.url()).pathname).toBe('/explore');
		await page.context().close();
		// The form post, too.
		for (const next of ['/%5Cevil.example/phish', '/%09/evil.example/']) {
			const response = await fetch(`${baseURL}/login?next=${next}`, {
				method: 'POST',
				body: new URLSearchParams({ username: accounts.viewer.username, password: accounts.viewer.password }),
				headers: { origin: baseURL, accept: 'text/html' },
				redirect: 'manual'
			});
			expect({ next, location: response.headers.get('location') }).toEqual({ next, location: '/' });
		}
	});

	it('40 wrong passwords at once are counted one by one, and the right one right after must wait', async () => {
		const created = await postAction(baseURL, '/admin/users?/create', admin, new URLSearchParams({ username: 'race-target', role: 'viewer' }));
		expect(created.type).toBe('success');
		// SvelteKit's devalue envelope: [{ action, username, password } as indexes, …values]; the password is last.
		const password = JSON.parse(created.data!).at(-1) as string;
		expect(password.length).toBeGreaterThanOrEqual(10);
		const attempt = (pw: string) =>
			fetch(`${baseURL}/login`, { method: 'POST', body: new URLSearchParams({ username: 'race-target', password: pw }), headers: { origin: baseURL, accept: 'application/json' }, redirect: 'manual' });
		const answers = await Promise.all(Array.from({ length: 40 }, () => attempt('not the password')));
		const statuses = await Promise.all(answers.map(async (r) => JSON.parse(await r.text()).status as number));
		expect(statuses.filter((s) => s === 400)).toHaveLength(3);
		expect(statuses.filter((s) => s === 429)).toHaveLength(37);
		await new Promise((r) => setTimeout(r, 150));
		const right = await attempt(password);
		expect(JSON.parse(await right.text()).status).toBe(429);
	});

	it('the print page is for signed-in people and the book worker only; renders are cached and bounded', async () => {
		const query = '/print/book?asOf=2025-06-30&plans=pudong-biomedicine-2022-2024';
		// Eight visitors at once: each sent to the login page at once, none rendered.
		const started = performance.now();
		const visitors = await Promise.all(Array.from({ length: 8 }, () => fetch(`${baseURL}${query}`, { redirect: 'manual' })));
		console.log(`8 anonymous print requests answered in ${Math.round(performance.now() - started)} ms`);
		for (const r of visitors) {
			expect(r.status).toBe(303);
			expect(r.headers.get('location')).toBe(`/login?next=${encodeURIComponent(query)}`);
		}
		// A forged token is no token.
		expect((await fetch(`${baseURL}${query}`, { redirect: 'manual', headers: { 'x-pacer-print-token': 'guessed-token-guessed-token' } })).status).toBe(303);
		// A signed-in viewer reads it; the second reading is the kept render.
		const viewer = await loginCookie(baseURL, accounts.viewer.username, accounts.viewer.password);
		const first = await fetch(`${baseURL}${query}`, { headers: { cookie: viewer } });
		expect(first.status).toBe(200);
		expect(await first.text()).toContain('<h1');
		const second = await fetch(`${baseURL}${query}`, { headers: { cookie: viewer } });
		expect(second.status).toBe(200);
		expect(second.headers.get('x-pacer-cache')).toBe('hit');
		await second.arrayBuffer();
	});

	it('a figure naming a source that does not exist is refused at its field with 400, and nothing is written', async () => {
		const form = new URLSearchParams({ indicatorId: 'sh.trial-startup-time', basis: 'period', period: '2039', value: '19', provenance: 'official', sourceId: 'no-such-source' });
		const answer = await postAction(baseURL, `/targets/${TARGET}?/add`, analyst, form);
		expect(answer).toMatchObject({ type: 'failure', status: 400 });
		expect(answer.data).toContain('source_unknown');
		const page = await fetch(`${baseURL}/targets/${TARGET}?figures=all`, { headers: { cookie: analyst } });
		expect(await page.text()).not.toContain('2039');
	});
});
