import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { deploymentTimeZone } from '$lib/server/config';
import { todayIn } from '$lib/domain/dates';
import { requestsAwaitingReview } from '$lib/server/queries/rounds';
import type { PageServerLoad } from './$types';

/** Submissions waiting for the coordinator, oldest first. */
export const load = (async ({ locals, url }) => {
	requireRole(locals.user, 'analyst', url);
	const { db } = await database();
	return { requests: await requestsAwaitingReview(db, locals.locale, todayIn(new Date(), deploymentTimeZone())) };
}) satisfies PageServerLoad;
