import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { deploymentTimeZone } from '$lib/server/config';
import { todayIn } from '$lib/domain/dates';
import { route } from '$lib/route';
import { organisationName, unitRequests } from '$lib/server/queries/round-reads';
import type { PageServerLoad } from './$types';

/** A reporter's requests: their own unit's, in every round (coordinators use the rounds list). */
export const load = (async ({ locals, url }) => {
	const user = requireRole(locals.user, 'reporter', url);
	if (user.role !== 'reporter') redirect(303, route.rounds());
	const { db } = await database();
	const requests = user.organisationId ? await unitRequests(db, user.organisationId, locals.locale, todayIn(new Date(), deploymentTimeZone())) : [];
	return { requests, hasUnit: user.organisationId !== null, unitName: user.organisationId ? await organisationName(db, user.organisationId, locals.locale) : null };
}) satisfies PageServerLoad;
