import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, isCachedPage, PageCache } from './page-cache';

const html = (text: string, headers: Record<string, string> = {}) => new Response(text, { status: 200, headers: { 'content-type': 'text/html', ...headers } });

describe('PageCache', () => {
	it('serves a kept page for the same version only', async () => {
		const cache = new PageCache();
		expect(cache.get('zh|/', 'v1')).toBeNull();
		const sent = await cache.serve('zh|/', 'v1', async () => html('<p>one</p>'));
		expect(await sent.text()).toBe('<p>one</p>');
		expect(sent.headers.get('x-pacer-cache')).toBe('miss');
		const hit = cache.get('zh|/', 'v1');
		expect(await hit!.text()).toBe('<p>one</p>');
		expect(hit!.headers.get('x-pacer-cache')).toBe('hit');
		// Any change of the data version makes the page stale: it is dropped, not served.
		expect(cache.get('zh|/', 'v2')).toBeNull();
		expect(cache.get('zh|/', 'v1')).toBeNull();
		expect(cache.size).toBe(0);
	});

	it('sends the kept page compressed to clients that accept gzip, and plain to others', async () => {
		const cache = new PageCache();
		const page = '<p>' + 'plans '.repeat(1000) + '</p>';
		await cache.serve('zh|/', 'v', async () => html(page), true);
		const zipped = cache.get('zh|/', 'v', true)!;
		expect(zipped.headers.get('content-encoding')).toBe('gzip');
		const bytes = new Uint8Array(await zipped.arrayBuffer());
		expect(bytes.length).toBeLessThan(page.length / 10);
		expect(gunzipSync(bytes).toString()).toBe(page);
		const plain = cache.get('zh|/', 'v', false)!;
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(page);
	});

	it.each([
		['gzip, deflate, br', true],
		['br;q=1.0, gzip;q=0.8', true],
		['gzip;q=0', false],
		['deflate', false],
		[null, false]
	])('Accept-Encoding %j admits gzip: %s', (header, expected) => {
		expect(acceptsGzip(header)).toBe(expected);
	});

	it('gives every copy of a page rendered with a CSP nonce a fresh nonce', async () => {
		const cache = new PageCache();
		const render = async () =>
			new Response('<script nonce="abc123==">start()</script>', {
				status: 200,
				headers: { 'content-type': 'text/html', 'content-security-policy': "script-src 'self' 'nonce-abc123=='" }
			});
		const first = await cache.serve('zh|/', 'v', render, true);
		const second = cache.get('zh|/', 'v', true)!;
		const nonces = [];
		for (const response of [first, second]) {
			const csp = response.headers.get('content-security-policy')!;
			const nonce = csp.match(/'nonce-([^']+)'/)![1];
			expect(nonce).not.toBe('abc123==');
			expect(await response.text()).toBe(`<script nonce="${nonce}">start()</script>`);
			nonces.push(nonce);
		}
		expect(nonces[0]).not.toBe(nonces[1]);
	});

	it('keeps languages and queries apart', async () => {
		const cache = new PageCache();
		await cache.serve('zh|/explore?q=a', 'v', async () => html('zh a'));
		await cache.serve('en|/explore?q=a', 'v', async () => html('en a'));
		expect(await cache.get('zh|/explore?q=a', 'v')!.text()).toBe('zh a');
		expect(await cache.get('en|/explore?q=a', 'v')!.text()).toBe('en a');
		expect(cache.get('zh|/explore?q=b', 'v')).toBeNull();
	});

	it('does not keep errors, responses that set cookies, or anything but HTML', async () => {
		const cache = new PageCache();
		await cache.serve('a', 'v', async () => new Response('gone', { status: 404, headers: { 'content-type': 'text/html' } }));
		await cache.serve('b', 'v', async () => html('x', { 'set-cookie': 'lang=en' }));
		await cache.serve('c', 'v', async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
		expect(cache.size).toBe(0);
	});

	it('renders a page once for requests that arrive while it is being rendered', async () => {
		const cache = new PageCache();
		let renders = 0;
		const render = async () => {
			renders++;
			await new Promise((r) => setTimeout(r, 20));
			return html(`render ${renders}`);
		};
		const responses = await Promise.all(Array.from({ length: 10 }, () => cache.serve('zh|/', 'v', render)));
		expect(renders).toBe(1);
		expect(new Set(await Promise.all(responses.map((r) => r.text())))).toEqual(new Set(['render 1']));
		// A new version renders again.
		await cache.serve('zh|/', 'v2', render);
		expect(renders).toBe(2);
	});

	it('keeps only the overview, the explorer and target pages', () => {
		expect(['/', '/explore', '/targets/sh-trial-startup'].every(isCachedPage)).toBe(true);
		expect(['/import', '/books', '/targets/x/figures.csv', '/explore/export.csv', '/admin/users', '/login'].some(isCachedPage)).toBe(false);
	});
});
