/**
 * Every write the app has, found by reading the routes folder (form actions in +page.server.ts,
 * POST/PUT/PATCH/DELETE in +server.ts), is refused on the server to visitors and to viewers. A
 * new action without a role check fails this test without anyone having to list it here; only
 * the writes meant for everyone are named below.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const baseURL = inject('baseURL');
const accounts = inject('accounts');

/** Writes that are not role-gated: logging in and out for everyone, one's own password, notifications and saved views for any account. */
const OPEN_TO_VISITORS = new Set(['/login?/default', '/logout?/default']);
const OPEN_TO_VIEWERS = new Set([
	...OPEN_TO_VISITORS,
	'/account/password?/default',
	'/account/notifications?/settings',
	'/account/notifications?/follow',
	'/account/notifications?/unfollow',
	// One's own saved views of the explorer.
	'/explore?/saveView',
	'/explore?/renameView',
	'/explore?/deleteView'
]);
/** A value for each route parameter: real enough to reach the action. */
const PARAMS: Record<string, string> = { id: 'sh-research-beds', token: 'not-a-token' };

function routeFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? routeFiles(full) : [full];
	});
}

/** Every write as "path?/action" (form actions) or "METHOD path" (endpoints). */
function writes(): { key: string; method: string; url: string }[] {
	const root = path.resolve('src/routes');
	const found: { key: string; method: string; url: string }[] = [];
	for (const file of routeFiles(root)) {
		const route =
			'/' +
			path
				.relative(root, path.dirname(file))
				.split(path.sep)
				.filter((part) => part && !/^\(.*\)$/.test(part))
				.map((part) => part.replace(/^\[(\w+)\]$/, (_, name: string) => PARAMS[name] ?? 'x'))
				.join('/');
		const source = fs.readFileSync(file, 'utf8');
		if (file.endsWith('+page.server.ts') && source.includes('export const actions')) {
			const body = source.slice(source.indexOf('export const actions'));
			for (const [, name] of body.matchAll(/^\t(\w+): async/gm)) {
				found.push({ key: `${route}?/${name}`, method: 'POST', url: name === 'default' ? route : `${route}?/${name}` });
			}
		}
		if (file.endsWith('+server.ts')) {
			for (const [, method] of source.matchAll(/export const (POST|PUT|PATCH|DELETE)\b/g)) {
				found.push({ key: `${method} ${route}`, method, url: route });
			}
		}
	}
	return found;
}

async function sessionCookie(username: string, password: string): Promise<string> {
	const response = await fetch(`${baseURL}/login`, {
		method: 'POST',
		body: new URLSearchParams({ username, password }),
		headers: { origin: baseURL },
		redirect: 'manual'
	});
	const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
	expect(cookie).toMatch(/^pacer_session=/);
	return cookie;
}

/** A plain browser form post (accept: text/html): SvelteKit answers with real statuses, not its JSON envelope. */
const post = (url: string, method: string, cookie?: string) =>
	fetch(`${baseURL}${url}`, {
		method,
		body: new URLSearchParams({ value: '1', reason: 'unauthorised write test', asOf: '2025-06-30', lang: 'zh' }),
		headers: { origin: baseURL, accept: 'text/html', ...(cookie ? { cookie } : {}) },
		redirect: 'manual'
	});

describe('every write refuses visitors and viewers on the server', () => {
	const all = writes();

	it('finds the app’s writes in the routes folder', () => {
		// A floor, so that a broken search cannot pass by finding nothing.
		expect(all.length).toBeGreaterThanOrEqual(20);
		expect(all.map((w) => w.key)).toEqual(expect.arrayContaining(['/targets/sh-research-beds?/correct', '/books?/schedule', '/import?/commit', '/admin/users?/role']));
	});

	it('refuses a visitor: 401, or a redirect to the login page', async () => {
		const admitted: string[] = [];
		for (const write of all.filter((w) => !OPEN_TO_VISITORS.has(w.key))) {
			const response = await post(write.url, write.method);
			const toLogin = response.status === 303 && (response.headers.get('location') ?? '').startsWith('/login');
			if (response.status !== 401 && !toLogin) admitted.push(`${write.key}: ${response.status}`);
		}
		expect(admitted).toEqual([]);
	});

	it('refuses a viewer: 403', async () => {
		const cookie = await sessionCookie(accounts.viewer.username, accounts.viewer.password);
		const admitted: string[] = [];
		for (const write of all.filter((w) => !OPEN_TO_VIEWERS.has(w.key))) {
			const response = await post(write.url, write.method, cookie);
			if (response.status !== 403) admitted.push(`${write.key}: ${response.status}`);
		}
		expect(admitted).toEqual([]);
	});
});
