import type { Handle, ServerInit } from '@sveltejs/kit';
import { closeDatabase, database } from '$lib/server/db';
import { pickLocale, LOCALE_COOKIE } from '$lib/i18n';
import { LANGUAGE_TAG } from '$lib/domain/plan';
import { SESSION_COOKIE, sessionUser } from '$lib/server/auth/sessions';
import { route } from '$lib/route';
import { env } from '$env/dynamic/private';
import { startBooks, stopBooks } from '$lib/server/books';
import { startDeliveries, stopDeliveries } from '$lib/server/alerts/worker';
import { roundReminderScanner } from '$lib/server/alerts/round-alerts';
import { acceptsGzip, isCachedPage, PageCache, pageVersion } from '$lib/server/page-cache';
import { PRINT_TOKEN_HEADER, RenderLimiter, takePrintToken } from '$lib/server/books/print-access';
import { rateLimiter } from '$lib/server/api/endpoint';

/** Rendered pages for visitors without a session, per data version (PACER_PAGE_CACHE=off turns it off). */
const pageCache = env.PACER_PAGE_CACHE === 'off' ? null : new PageCache();

/** Print pages per data version and query (a book's page is the same for every reader), and at most two renders at once. */
const printCache = new PageCache();
const printLimiter = new RenderLimiter(Math.max(1, Number(env.PACER_PRINT_CONCURRENCY) || 2), 8);
const PRINT_PATH = '/print/book';

/** Fail fast: a bad DATABASE_URL or a broken migration stops the server before it takes requests. */
export const init: ServerInit = async () => {
	const handle = await database();
	rateLimiter(); // a bad PACER_API_RATE_LIMIT stops the server here, not at the first API request
	startBooks(handle, env);
	startDeliveries(handle, env, [roundReminderScanner(env)]);
	// node build does not exit on SIGTERM while a database client is open
	process.on('sveltekit:shutdown', () => {
		stopBooks();
		stopDeliveries();
		void closeDatabase();
	});
};

/** Methods that change something: a browser may send them cross-site, so the origin must be ours. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Headers on every answer of the app (the Content-Security-Policy of pages comes from kit.csp in
 * svelte.config.js). Files under /_app are served by adapter-node before this hook runs.
 */
function secure(response: Response, url: URL): Response {
	const headers = response.headers;
	try {
		headers.set('x-content-type-options', 'nosniff');
		headers.set('referrer-policy', 'same-origin');
		headers.set('x-frame-options', 'DENY');
		headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
		// Only when people reach the app over https (ORIGIN): on plain http the header is ignored, and a
		// test server must not teach a browser to insist on https for localhost.
		if (url.protocol === 'https:') headers.set('strict-transport-security', 'max-age=31536000');
	} catch {
		// A response with immutable headers (a fetched one passed through) keeps its own.
	}
	return response;
}

export const handle: Handle = async ({ event, resolve }) => {
	// SvelteKit refuses cross-site form posts before this hook; this refuses every other content
	// type too (JSON, anything), so no write can come from another site's page.
	if (UNSAFE_METHODS.has(event.request.method) && event.request.headers.get('origin') !== event.url.origin) {
		return secure(new Response('Cross-site writes are forbidden', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } }), event.url);
	}
	const asked = event.url.searchParams.get('lang');
	const locale = pickLocale(asked, event.cookies.get(LOCALE_COOKIE));
	if (asked && asked === locale) {
		event.cookies.set(LOCALE_COOKIE, locale, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
	}
	event.locals.locale = locale;
	const { db } = await database();
	const render = () =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%pacer.lang%', LANGUAGE_TAG[locale])
		});
	if (pageCache && event.request.method === 'GET' && !asked && !event.isDataRequest && !event.cookies.get(SESSION_COOKIE) && isCachedPage(event.url.pathname)) {
		const key = `${locale}|${event.url.pathname}${event.url.search}`;
		const version = await pageVersion(db);
		event.locals.user = null;
		return secure(await pageCache.serve(key, version, render, acceptsGzip(event.request.headers.get('accept-encoding'))), event.url);
	}
	// The book worker's Chromium has no session: it shows a token instead.
	const printer = event.url.pathname === PRINT_PATH && takePrintToken(event.request.headers.get(PRINT_TOKEN_HEADER));
	event.locals.user = printer ? null : await sessionUser(db, event.cookies.get(SESSION_COOKIE));
	// Until a printed one-time password is replaced, the account can do nothing else.
	if (event.locals.user?.mustChangePassword && ![route.changePassword(), route.logout()].includes(event.url.pathname)) {
		return secure(new Response(null, { status: 303, headers: { location: route.changePassword() } }), event.url);
	}
	if (event.url.pathname === PRINT_PATH) {
		if (!printer && !event.locals.user) {
			return secure(new Response(null, { status: 303, headers: { location: route.loginThen(event.url.pathname + event.url.search) } }), event.url);
		}
		const key = `${locale}|${event.url.search}`;
		const version = await pageVersion(db);
		const gzip = acceptsGzip(event.request.headers.get('accept-encoding'));
		const kept = printCache.get(key, version, gzip);
		if (kept) return secure(kept, event.url);
		const printed = await printLimiter.run(() => printCache.serve(key, version, render, gzip));
		if (!printed.ok) {
			return secure(new Response('The server is printing other books: try again in a few seconds.', { status: 503, headers: { 'retry-after': '5', 'content-type': 'text/plain; charset=utf-8' } }), event.url);
		}
		return secure(printed.value, event.url);
	}
	return secure(await render(), event.url);
};
