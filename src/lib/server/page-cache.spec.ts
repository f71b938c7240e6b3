import { describe, expect, it } from 'vitest';
import { isCachedPage, PageCache } from './page-cache';

const html = (text: string, headers: Record<string, string> = {}) => new Response(text, { status: 200, headers: { 'content-type': 'text/html', ...headers } });

describe('PageCache', () => {
	it('serves a kept page for the same version only', async () => {
		const cache = new PageCache();
		expect(cache.get('zh|/', 'v1')).toBeNull();
		const sent = await cache.put('zh|/', 'v1', html('<p>one</p>'));
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

	it('keeps languages and queries apart', async () => {
		const cache = new PageCache();
		await cache.put('zh|/explore?q=a', 'v', html('zh a'));
		await cache.put('en|/explore?q=a', 'v', html('en a'));
		expect(await cache.get('zh|/explore?q=a', 'v')!.text()).toBe('zh a');
		expect(await cache.get('en|/explore?q=a', 'v')!.text()).toBe('en a');
		expect(cache.get('zh|/explore?q=b', 'v')).toBeNull();
	});

	it('does not keep errors, responses that set cookies, or anything but HTML', async () => {
		const cache = new PageCache();
		await cache.put('a', 'v', new Response('gone', { status: 404, headers: { 'content-type': 'text/html' } }));
		await cache.put('b', 'v', html('x', { 'set-cookie': 'lang=en' }));
		await cache.put('c', 'v', new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
		expect(cache.size).toBe(0);
	});

	it('keeps only the overview, the explorer and target pages', () => {
		expect(['/', '/explore', '/targets/sh-trial-startup'].every(isCachedPage)).toBe(true);
		expect(['/import', '/books', '/targets/x/figures.csv', '/explore/export.csv', '/admin/users', '/login'].some(isCachedPage)).toBe(false);
	});
});
