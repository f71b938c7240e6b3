import { database } from '$lib/server/db';
import { judgePlans, listPlansWithTargets } from '$lib/server/queries/plans';
import { env } from '$env/dynamic/private';
import { readConfig } from '$lib/server/config';
import { myOverdueCount } from '$lib/server/queries/tasks';
import type { PageServerLoad } from './$types';

/** `?asOf=2023-06-30`: the plans as they stood at the end of that day, from the figures recorded by then. */
function readAsOf(value: string | null): string | null {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return null;
	return value < new Date().toISOString().slice(0, 10) ? value : null;
}

export const load = (async ({ locals, url }) => {
	const { db } = await database();
	const asOf = readAsOf(url.searchParams.get('asOf'));
	const plans = asOf ? await judgePlans(db, locals.locale, new Date(`${asOf}T23:59:59.999Z`)) : await listPlansWithTargets(db, locals.locale);
	// A signed-in person sees what they own that is overdue before anything else.
	const myOverdue = locals.user ? await myOverdueCount(db, locals.locale, locals.user.id, readConfig(env).taskStaleDays) : 0;
	return { plans, asOf, myOverdue };
}) satisfies PageServerLoad;
