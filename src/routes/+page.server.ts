import { database } from '$lib/server/db';
import { listPlansWithTargets } from '$lib/server/queries/plans';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const { db } = await database();
	return { plans: await listPlansWithTargets(db, locals.locale) };
}) satisfies PageServerLoad;
