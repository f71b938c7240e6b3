import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { changePassword } from '$lib/server/auth/accounts';
import { startSession } from '$lib/server/auth/cookies';
import { database } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	return { mustChange: requireRole(locals.user, 'viewer', url).mustChangePassword };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies, url }) => {
		const user = requireRole(locals.user, 'viewer');
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		if (next !== String(form.get('confirm') ?? '')) return fail(400, { error: 'mismatch' as const });
		const { db } = await database();
		const outcome = await changePassword(db, user.id, current, next);
		if (outcome !== 'ok') return fail(400, { error: outcome });
		// Changing the password ended every session, this one too: start a fresh one.
		await startSession(db, cookies, url, user.id);
		redirect(303, '/');
	}
} satisfies Actions;
