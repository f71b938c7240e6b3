import { database } from '$lib/server/db';
import { unsubscribe } from '$lib/server/alerts/unsubscribe';
import type { PageServerLoad } from './$types';

/**
 * The link at the foot of every mail: works without a login and turns off that kind of mail for
 * that person, then confirms in the person's language. Opening it twice changes nothing more.
 */
export const load = (async ({ params, setHeaders }) => {
	const { db } = await database();
	const done = await unsubscribe(db, params.token);
	setHeaders({ 'cache-control': 'no-store' });
	return { done, confirmLocale: done?.locale ?? null };
}) satisfies PageServerLoad;
