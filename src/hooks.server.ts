import type { Handle, ServerInit } from '@sveltejs/kit';
import { closeDatabase, database } from '$lib/server/db';
import { pickLocale, LOCALE_COOKIE } from '$lib/i18n';
import { LANGUAGE_TAG } from '$lib/domain/plan';

/** Fail fast: a bad DATABASE_URL or a broken migration stops the server before it takes requests. */
export const init: ServerInit = async () => {
	await database();
	// node build does not exit on SIGTERM while a database client is open
	process.on('sveltekit:shutdown', () => void closeDatabase());
};

export const handle: Handle = async ({ event, resolve }) => {
	const asked = event.url.searchParams.get('lang');
	const locale = pickLocale(asked, event.cookies.get(LOCALE_COOKIE));
	if (asked && asked === locale) {
		event.cookies.set(LOCALE_COOKIE, locale, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
	}
	event.locals.locale = locale;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%pacer.lang%', LANGUAGE_TAG[locale])
	});
};
