import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../db/open';
import { createSession, SESSION_COOKIE } from './sessions';

/** Starts a session and hands its token to the browser in an httpOnly cookie. */
export async function startSession(db: Database, cookies: Cookies, url: URL, userId: string) {
	const { token, expiresAt } = await createSession(db, userId);
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires: expiresAt });
}

/** Only same-site paths: a login link must not send people elsewhere. */
export function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
