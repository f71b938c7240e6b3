import { error, fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { deploymentTimeZone } from '$lib/server/config';
import { todayIn } from '$lib/domain/dates';
import { isRowId } from '$lib/domain/rounds';
import { closeRound, roundDetail, RoundError } from '$lib/server/queries/rounds';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	requireRole(locals.user, 'analyst', url);
	const { db } = await database();
	const today = todayIn(new Date(), deploymentTimeZone());
	const id = Number(params.id);
	const detail = isRowId(id) ? await roundDetail(db, id, locals.locale, today) : null;
	if (!detail) error(404, 'no such round');
	return { ...detail, today };
}) satisfies PageServerLoad;

export const actions = {
	/** No more submissions; what was approved stays. */
	close: async ({ locals, params }) => {
		const user = requireRole(locals.user, 'analyst');
		const { db } = await database();
		const id = Number(params.id);
		if (!isRowId(id)) return fail(404, { action: 'close' as const, error: 'not_found' as const });
		try {
			await closeRound(db, id, user.id);
		} catch (e) {
			if (e instanceof RoundError) return fail(e.code === 'not_found' ? 404 : 409, { action: 'close' as const, error: e.code });
			throw e;
		}
		return { action: 'close' as const, saved: true };
	}
} satisfies Actions;
