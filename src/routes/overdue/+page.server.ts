import { env } from '$env/dynamic/private';
import { readConfig } from '$lib/server/config';
import { database } from '$lib/server/db';
import { overdueDigest } from '$lib/server/queries/tasks';
import type { PageServerLoad } from './$types';

/** Everything overdue or stale, the signed-in person's own items first. */
export const load = (async ({ locals }) => {
	const { db } = await database();
	return overdueDigest(db, locals.locale, readConfig(env).taskStaleDays, locals.user?.id ?? null);
}) satisfies PageServerLoad;
