import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { deploymentTimeZone } from '$lib/server/config';
import { todayIn } from '$lib/domain/dates';
import { route } from '$lib/route';
import { listRounds, requestsAwaitingReview } from '$lib/server/queries/rounds';
import type { PageServerLoad } from './$types';

/** The coordinating office's list of rounds; a reporter is sent to their own requests. */
export const load = (async ({ locals, url }) => {
	if (locals.user?.role === 'reporter') redirect(303, route.myRequests());
	requireRole(locals.user, 'analyst', url);
	const { db } = await database();
	const today = todayIn(new Date(), deploymentTimeZone());
	return { rounds: await listRounds(db, today), waiting: (await requestsAwaitingReview(db, locals.locale, today)).length, today };
}) satisfies PageServerLoad;
