import { route } from '$lib/route';
import { fail, redirect } from '@sveltejs/kit';
import { changePassword } from '$lib/server/auth/accounts';
import { startSession } from '$lib/server/auth/cookies';
import { database } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	if (!locals.user) redirect(303, route.loginThen(url.pathname));
	return { mustChange: locals.user.mustChangePassword };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies, url }) => {
		if (!locals.user) redirect(303, '/login');
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		if (next !== String(form.get('confirm') ?? '')) return fail(400, { error: 'mismatch' as const });
		const { db } = await database();
		const outcome = await changePassword(db, locals.user.id, current, next);
		if (outcome !== 'ok') return fail(400, { error: outcome });
		// Changing the password ended every session, this one too: start a fresh one.
		await startSession(db, cookies, url, locals.user.id);
		redirect(303, '/');
	}
} satisfies Actions;
