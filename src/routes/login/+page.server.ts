import { fail, redirect } from '@sveltejs/kit';
import { logIn } from '$lib/server/auth/accounts';
import { safeNext, startSession } from '$lib/server/auth/cookies';
import { database } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, error: 'missing' as const, seconds: 0 });
		const { db } = await database();
		const outcome = await logIn(db, username, password, getClientAddress());
		if (!outcome.ok) {
			return outcome.reason === 'wait'
				? fail(429, { username, error: 'wait' as const, seconds: outcome.seconds })
				: fail(400, { username, error: outcome.reason, seconds: 0 });
		}
		await startSession(db, cookies, url, outcome.userId);
		redirect(303, outcome.mustChangePassword ? '/account/password' : safeNext(url.searchParams.get('next')));
	}
} satisfies Actions;
