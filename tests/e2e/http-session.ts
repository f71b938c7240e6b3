/** Talking to a built server over plain HTTP, as a form post from a browser would. */

/** Logs in through the login form's POST and returns the session cookie ("pacer_session=…"). */
export async function loginCookie(base: string, username: string, password: string): Promise<string> {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		body: new URLSearchParams({ username, password }),
		headers: { origin: base },
		redirect: 'manual'
	});
	const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
	if (!cookie.startsWith('pacer_session=')) throw new Error(`login as ${username} failed: ${response.status}`);
	return cookie;
}

/**
 * Posts a form action the way `use:enhance` does (`accept: application/json`): SvelteKit answers with
 * its JSON envelope, `{ type: 'success' | 'failure' | 'redirect', status, data }`, and runs no load.
 */
export async function postAction(base: string, pathAndAction: string, cookie: string, body: URLSearchParams | FormData) {
	const response = await fetch(`${base}${pathAndAction}`, {
		method: 'POST',
		body,
		headers: { origin: base, cookie, accept: 'application/json' }
	});
	const text = await response.text();
	try {
		return JSON.parse(text) as { type: string; status?: number; data?: string };
	} catch {
		throw new Error(`${pathAndAction} answered ${response.status}: ${text.slice(0, 300)}`);
	}
}
