/**
 * Hostile access: every answer carries the security headers and pages a strict
 * Content-Security-Policy that Chromium enforces without a single violation on the app's own
 * pages; writes from another site's page (form, JSON, a real cross-site form in Chromium) are
 * refused with 403 and change nothing; the session cookie is httpOnly and SameSite=Lax.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';
import { loggedInPage } from './helpers';

const baseURL = inject('baseURL');
const accounts = inject('accounts');
const EVIL = 'http://evil.test';
const TARGET = 'sh-trial-startup';
/** A figure no other test enters: it must never appear. */
const FIGURE = { indicatorId: 'sh.trial-startup-time', basis: 'period', period: '2037', value: '17.25', provenance: 'estimate' };

/** The directives of a Content-Security-Policy header. */
function directives(header: string | null): Map<string, string[]> {
	return new Map(
		(header ?? '')
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter(([name]) => name)
			.map(([name, ...sources]) => [name, sources])
	);
}

function expectSecurityHeaders(headers: Headers, what: string) {
	expect({ what, nosniff: headers.get('x-content-type-options'), referrer: headers.get('referrer-policy'), frame: headers.get('x-frame-options') }).toEqual({
		what,
		nosniff: 'nosniff',
		referrer: 'same-origin',
		frame: 'DENY'
	});
	expect(headers.get('permissions-policy')).toContain('camera=()');
	// Plain http here: HSTS is sent only when ORIGIN is https.
	expect(headers.get('strict-transport-security')).toBeNull();
}

/** A page's CSP: scripts only from the app and SvelteKit's own inline script by its hash, nothing else inline or evaluated, no framing. */
function expectStrictCsp(response: Response, html: string, what: string) {
	const csp = directives(response.headers.get('content-security-policy'));
	const scripts = csp.get('script-src') ?? [];
	expect(scripts, what).toContain("'self'");
	expect(scripts, what).not.toContain("'unsafe-inline'");
	expect(scripts, what).not.toContain("'unsafe-eval'");
	expect(csp.get('object-src'), what).toEqual(["'none'"]);
	expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
	expect(csp.get('base-uri'), what).toEqual(["'self'"]);
	expect(csp.get('form-action'), what).toEqual(["'self'"]);
	expect(csp.get('default-src'), what).toEqual(["'self'"]);
	expect(csp.get('connect-src'), what).toEqual(["'self'"]);
	// Every inline script is SvelteKit's own, allowed by the hash of exactly its text.
	const hashes = scripts.filter((s) => s.startsWith("'sha256-")).map((s) => s.slice(8, -1));
	for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		if (/\bsrc=/.test(attributes)) continue;
		expect(hashes, `${what}: ${body.slice(0, 80)}`).toContain(createHash('sha256').update(body).digest('base64'));
	}
}

async function sessionCookie(username: string, password: string): Promise<string> {
	const response = await fetch(`${baseURL}/login`, { method: 'POST', body: new URLSearchParams({ username, password }), headers: { origin: baseURL }, redirect: 'manual' });
	return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

/** The periods of the target's figures, from its CSV download. */
async function figurePeriods(cookie: string): Promise<string[]> {
	const csv = await (await fetch(`${baseURL}/targets/${TARGET}/figures.csv`, { headers: { cookie } })).text();
	return csv.split('\r\n').map((line) => line.split(',')[1]);
}

/** Records CSP violations in the page from its first script on. */
async function watchCsp(context: BrowserContext) {
	await context.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
		document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
	});
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

describe('security headers and CSRF', () => {
	let browser: Browser;
	let analystCookie: string;
	let screenUrl: string;
	let bookId: string;

	beforeAll(async () => {
		browser = await launchChromium();
		analystCookie = await sessionCookie(accounts.analyst.username, accounts.analyst.password);
		expect(analystCookie).toMatch(/^pacer_session=/);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('pages in Chromium log no CSP violation, and an injected inline script is blocked', async () => {
		// A board (for the wall screen) and a book (for the PDF), made by an admin in the browser.
		const boss = await loggedInPage(browser, baseURL, accounts.boss.username, accounts.boss.password);
		await watchCsp(boss.context());
		const bossProblems = watchConsole(boss);
		await boss.goto(`${baseURL}/admin/boards`, { waitUntil: 'networkidle' });
		await boss.fill('.board-form input[name=name]', 'CSP board');
		await boss.check('.board-form input[name=planIds][value="shanghai-biomedicine-full-chain-2024"]');
		await boss.fill('.board-form input[name=rotationSeconds]', '5');
		await Promise.all([boss.waitForURL(/\/admin\/boards\/[0-9a-f-]+$/), boss.click('.board-form button[type=submit]')]);
		screenUrl = (await boss.locator('a.screen-link').getAttribute('href'))!;
		expect(await violations(boss)).toEqual([]);

		await boss.goto(`${baseURL}/books`, { waitUntil: 'networkidle' });
		await boss.fill('form[action="?/request"] input[name=asOf]', '2025-06-30');
		await Promise.all([boss.waitForResponse((r) => r.url().includes('?/request')), boss.click('form[action="?/request"] button[type=submit]')]);
		await expect.poll(() => boss.locator('[role=status]').count()).toBe(1);
		const row = boss.locator('table.archive tbody tr').first();
		bookId = (await row.getAttribute('data-book'))!;
		await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000, interval: 500 }).toBe('done');
		// The preview still opens in Chromium's PDF viewer (an extension frame) despite nosniff and DENY on the PDF.
		const pdfPage = await boss.context().newPage();
		expect((await pdfPage.goto(`${baseURL}/books/${bookId}/book.pdf?inline`))?.status()).toBe(200);
		await expect.poll(() => pdfPage.frames().some((f) => f.url().startsWith('chrome-extension://')), { timeout: 10_000 }).toBe(true);
		await pdfPage.close();
		for (const path of ['/admin/users', '/import', `/targets/${TARGET}`, '/explore', '/books', '/print/book?asOf=2025-06-30']) {
			await boss.goto(`${baseURL}${path}`, { waitUntil: 'networkidle' });
			expect({ path, violations: await violations(boss) }).toEqual({ path, violations: [] });
		}
		expect(bossProblems).toEqual([]);

		// A visitor's pages (the print page sends a visitor to the login page) and the wall screen with its live stream.
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		await watchCsp(context);
		const page = await context.newPage();
		const problems = watchConsole(page);
		for (const path of ['/', `/targets/${TARGET}`, '/methods', '/login', '/explore', '/print/book?asOf=2025-06-30', new URL(screenUrl).pathname]) {
			await page.goto(`${baseURL}${path}`, { waitUntil: 'networkidle' });
			expect({ path, violations: await violations(page) }).toEqual({ path, violations: [] });
		}
		// The screen rotates once (5 s) and hears a heartbeat, drawing its charts under the policy.
		await page.waitForTimeout(6_500);
		expect(await page.locator('[data-screen-page] svg').count()).toBeGreaterThan(0);
		expect(await violations(page)).toEqual([]);
		expect(problems).toEqual([]);

		// The policy is live: a script written into the page does not run, and is reported.
		await page.goto(`${baseURL}/methods`, { waitUntil: 'networkidle' });
		const ran = await page.evaluate(async () => {
			const script = document.createElement('script');
			script.textContent = 'window.__injected = true';
			document.body.append(script);
			await new Promise((r) => setTimeout(r, 100));
			return (window as unknown as { __injected?: boolean }).__injected ?? false;
		});
		expect(ran).toBe(false);
		expect((await violations(page)).some((v) => v.startsWith('script-src'))).toBe(true);
	}, 150_000);

	it('every answer carries the security headers; pages a strict CSP', async () => {
		const cookie = await sessionCookie(accounts.boss.username, accounts.boss.password);
		const pages = ['/', `/targets/${TARGET}`, '/methods', '/login', '/print/book?asOf=2025-06-30', new URL(screenUrl).pathname, '/import', '/admin/boards'];
		for (const path of pages) {
			const response = await fetch(`${baseURL}${path}`, { headers: { cookie } });
			expect({ path, status: response.status }).toEqual({ path, status: 200 });
			const html = await response.text();
			expectSecurityHeaders(response.headers, path);
			expectStrictCsp(response, html, path);
			expect(directives(response.headers.get('content-security-policy')).get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
		}
		// The print page runs no script at all: Chromium prints exactly what the server sent.
		expect(await (await fetch(`${baseURL}/print/book?asOf=2025-06-30`, { headers: { cookie } })).text()).not.toMatch(/<script\b/);

		// Files and the screen's data: the same headers; no page policy on the PDF, whose viewer Chromium supplies.
		for (const path of [`/books/${bookId}/book.pdf?inline`, `/targets/${TARGET}/figures.csv`, `${new URL(screenUrl).pathname}/payload.json`]) {
			const response = await fetch(`${baseURL}${path}`, { headers: { cookie } });
			expect({ path, status: response.status }).toEqual({ path, status: 200 });
			expectSecurityHeaders(response.headers, path);
			await response.arrayBuffer();
		}
		const pdf = await fetch(`${baseURL}/books/${bookId}/book.pdf?inline`, { headers: { cookie } });
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('content-disposition')).toMatch(/^inline;/);
		expect(pdf.headers.get('content-security-policy')).toBeNull();
		// Refusals and redirects too.
		expectSecurityHeaders((await fetch(`${baseURL}/no-such-page`)).headers, '404');
		expectSecurityHeaders((await fetch(`${baseURL}/import`, { redirect: 'manual' })).headers, 'refusal');
	});

	it('the session cookie is httpOnly, SameSite=Lax and for the whole site', async () => {
		const response = await fetch(`${baseURL}/login`, {
			method: 'POST',
			body: new URLSearchParams({ username: accounts.viewer.username, password: accounts.viewer.password }),
			headers: { origin: baseURL },
			redirect: 'manual'
		});
		const cookie = response.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^pacer_session=[A-Za-z0-9_-]{43};/);
		expect(cookie).toMatch(/; HttpOnly/i);
		expect(cookie).toMatch(/; SameSite=Lax/i);
		expect(cookie).toMatch(/; Path=\//i);
		// Plain http here; over https (ORIGIN) the cookie is also Secure.
		expect(cookie).not.toMatch(/; Secure/i);

		const page = await loggedInPage(browser, baseURL, accounts.viewer.username, accounts.viewer.password);
		const [session] = (await page.context().cookies()).filter((c) => c.name === 'pacer_session');
		expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
		expect(await page.evaluate(() => document.cookie)).not.toContain('pacer_session');
		await page.context().close();
	});

	it('refuses writes whose origin is another site, whatever their content type, and changes nothing', async () => {
		const before = await figurePeriods(analystCookie);
		const post = (url: string, origin: string | null, body: BodyInit, contentType: string | null, cookie = analystCookie) =>
			fetch(`${baseURL}${url}`, {
				method: 'POST',
				body,
				headers: { ...(origin ? { origin } : {}), ...(contentType ? { 'content-type': contentType } : {}), accept: 'text/html', cookie },
				redirect: 'manual'
			});
		const form = new URLSearchParams(FIGURE);
		const multipart = new FormData();
		for (const [k, v] of Object.entries(FIGURE)) multipart.append(k, v);
		const add = `/targets/${TARGET}?/add`;
		const refused: [string, Response][] = [
			['form', await post(add, EVIL, form, 'application/x-www-form-urlencoded')],
			['multipart', await post(add, EVIL, multipart, null)],
			['text/plain', await post(add, EVIL, 'value=17.25', 'text/plain')],
			['json', await post(add, EVIL, JSON.stringify(FIGURE), 'application/json')],
			['json without origin', await post(add, null, JSON.stringify(FIGURE), 'application/json')],
			['form, a look-alike origin', await post(add, `${baseURL}.evil.test`, form, 'application/x-www-form-urlencoded')],
			['login', await post('/login', EVIL, new URLSearchParams({ username: accounts.analyst.username, password: accounts.analyst.password }), 'application/x-www-form-urlencoded', '')],
			['logout', await post('/logout', EVIL, '', 'application/x-www-form-urlencoded')]
		];
		for (const [what, response] of refused) {
			expect({ what, status: response.status }).toEqual({ what, status: 403 });
			expect(response.headers.get('set-cookie'), what).toBeNull();
		}
		// The same post from the app's own origin reaches the action (refused there for its bad value).
		const own = await post(add, baseURL, new URLSearchParams({ ...FIGURE, value: 'not a number' }), 'application/x-www-form-urlencoded');
		expect(own.status).toBe(400);
		expect(await figurePeriods(analystCookie)).toEqual(before);
		expect(before).not.toContain(FIGURE.period);
		// The analyst's session survived the cross-site logout.
		expect((await fetch(`${baseURL}/import`, { headers: { cookie: analystCookie }, redirect: 'manual' })).status).toBe(200);
	});

	it('in Chromium, a form on another site posting to the app is refused', async () => {
		const page = await loggedInPage(browser, baseURL, accounts.analyst.username, accounts.analyst.password);
		const fields = (values: Record<string, string>) => Object.entries(values).map(([k, v]) => `<input name="${k}" value="${v}">`).join('');
		const attack: Record<string, string> = {
			[`${EVIL}/figure`]: `<form method="post" action="${baseURL}/targets/${TARGET}?/add">${fields(FIGURE)}<button>go</button></form>`,
			[`${EVIL}/login`]: `<form method="post" action="${baseURL}/login">${fields({ username: accounts.viewer.username, password: accounts.viewer.password })}<button>go</button></form>`
		};
		await page.route(`${EVIL}/**`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><body>${attack[route.request().url()]}</body></html>` }));
		for (const [url, form] of Object.entries(attack)) {
			expect(form).toContain('<form');
			await page.goto(url);
			const [response] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(baseURL) && r.request().method() === 'POST'), page.click('button')]);
			expect({ url, status: response.status() }).toEqual({ url, status: 403 });
			expect(response.request().headers()['origin']).toBe(EVIL);
		}
		expect(await figurePeriods(analystCookie)).not.toContain(FIGURE.period);
		// The analyst is still who the browser is logged in as: the cross-site login changed nothing.
		await page.goto(`${baseURL}/`, { waitUntil: 'networkidle' });
		expect(await page.locator('header .user').innerText()).toContain(accounts.analyst.username);
		await page.context().close();
	});
});
