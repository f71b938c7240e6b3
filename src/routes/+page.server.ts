import { database } from '$lib/server/db';
import { env } from '$env/dynamic/private';
import { readConfig } from '$lib/server/config';
import { todayIn } from '$lib/domain/dates';
import { overviewPage, overviewPageAsOf } from '$lib/server/queries/overview';
import { myOverdueCount } from '$lib/server/queries/tasks';
import { unitRequestsToDo } from '$lib/server/queries/round-reads';
import { listSubscriptions } from '$lib/server/alerts/settings';
import type { PageServerLoad } from './$types';

/** `?asOf=2023-06-30`: the plans as they stood at the end of that day (in the deployment's zone), from the figures recorded by then. */
function readAsOf(value: string | null, timeZone: string): string | null {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return null;
	return value < todayIn(new Date(), timeZone) ? value : null;
}

export const load = (async ({ locals, url }) => {
	const { db } = await database();
	const asOf = readAsOf(url.searchParams.get('asOf'), readConfig(env).timeZone);
	const page = url.searchParams.get('page');
	const overview = asOf ? await overviewPageAsOf(db, locals.locale, asOf, page) : await overviewPage(db, locals.locale, page);
	// A signed-in person sees what they own that is overdue before anything else.
	const myOverdue = locals.user ? await myOverdueCount(db, locals.locale, locals.user.id, readConfig(env).taskStaleDays) : 0;
	// A reporter is reminded of their unit's requests to answer.
	const myRequests = locals.user?.role === 'reporter' && locals.user.organisationId ? await unitRequestsToDo(db, locals.user.organisationId) : 0;
	// The plans the person follows, for the follow buttons (visitors have none: null).
	const followedPlans = locals.user ? (await listSubscriptions(db, locals.user.id, locals.locale)).filter((f) => f.kind === 'plan').map((f) => f.id) : null;
	return { overview, asOf, myOverdue, myRequests, followedPlans };
}) satisfies PageServerLoad;
