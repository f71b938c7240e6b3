import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../db/open';
import { createSession, SESSION_COOKIE } from './sessions';

/** Starts a session and hands its token to the browser in an httpOnly cookie. */
export async function startSession(db: Database, cookies: Cookies, url: URL, userId: string) {
	const { token, expiresAt } = await createSession(db, userId);
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires: expiresAt });
}

/**
 * Only paths of this origin: a login link must not send people elsewhere. Browsers read `/\\evil`
 * and `/<tab>/evil` as `//evil`, so the path is resolved as a browser would and kept only when it
 * stays on the origin. @example safeNext('/\\evil.example/phish') === '/'
 */
export function safeNext(next: string | null, origin = 'http://pacer.invalid'): string {
	if (!next || !next.startsWith('/')) return '/';
	try {
		const base = new URL(origin);
		// `next` arrives decoded from the query (%5C is already \\); the URL parser reads it as a browser does.
		if (/[\\\u0000-\u001f\u007f]/.test(next)) return '/';
		const resolved = new URL(next, base);
		if (resolved.origin !== base.origin) return '/';
		return resolved.pathname + resolved.search + resolved.hash;
	} catch {
		return '/';
	}
}
