import { fail } from '@sveltejs/kit';
import { apiTokenFormSchema, type ApiTokenFormError } from '$lib/domain/api';
import { endOfLocalDay, todayIn } from '$lib/domain/dates';
import { fieldErrors } from '$lib/domain/intake/review-forms';
import { requireRole } from '$lib/server/auth/guard';
import { listUsers } from '$lib/server/auth/accounts';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/api/tokens';
import { rateLimiter } from '$lib/server/api/endpoint';
import { deploymentTimeZone } from '$lib/server/config';
import { database } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	requireRole(locals.user, 'admin', url);
	const { db } = await database();
	const tokens = await listApiTokens(db);
	const users = (await listUsers(db)).filter((u) => !u.deactivatedAt).map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role }));
	return { tokens, users, rateLimit: rateLimiter().limit };
}) satisfies PageServerLoad;

export const actions = {
	/** A token for a person: shown once in the answer, kept only as its hash. */
	create: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const values = { userId: String(form.get('userId') ?? ''), name: String(form.get('name') ?? ''), expiresOn: String(form.get('expiresOn') ?? '') };
		const parsed = apiTokenFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'create' as const, errors: fieldErrors(parsed.error) as Record<string, ApiTokenFormError>, values });
		const zone = deploymentTimeZone();
		const { expiresOn } = parsed.data;
		// A token that expired before it was made would be a silent dud.
		if (expiresOn && expiresOn < todayIn(new Date(), zone)) return fail(400, { action: 'create' as const, errors: { expiresOn: 'past' as ApiTokenFormError }, values });
		const { db } = await database();
		const made = await createApiToken(db, admin.id, { userId: parsed.data.userId, name: parsed.data.name, expiresAt: expiresOn ? endOfLocalDay(expiresOn, zone) : null });
		if (!made.ok) return fail(400, { action: 'create' as const, errors: { userId: made.error as ApiTokenFormError }, values });
		return { action: 'create' as const, token: made.token, name: parsed.data.name };
	},
	revoke: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const { db } = await database();
		const outcome = await revokeApiToken(db, admin.id, String(form.get('tokenId') ?? ''));
		return outcome === 'ok' ? { action: 'revoke' as const, saved: true } : fail(400, { action: 'revoke' as const, errors: { tokenId: 'not_found' as ApiTokenFormError }, values: {} });
	}
} satisfies Actions;
