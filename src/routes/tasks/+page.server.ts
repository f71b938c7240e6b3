import { env } from '$env/dynamic/private';
import { TASK_STANDINGS, type TaskStanding } from '$lib/domain/tasks';
import { readConfig } from '$lib/server/config';
import { database } from '$lib/server/db';
import { listOrganisations, listTasks, tasksNow } from '$lib/server/queries/tasks';
import type { PageServerLoad } from './$types';

/** Every task and measure, filtered by plan, unit and standing through the query string (so a view can be linked). */
export const load = (async ({ url, locals }) => {
	const { db } = await database();
	const all = await listTasks(db, await tasksNow(db, locals.locale, readConfig(env).taskStaleDays));
	const plan = url.searchParams.get('plan') ?? '';
	const organisation = url.searchParams.get('unit') ?? '';
	const standingParam = url.searchParams.get('standing') ?? '';
	const standing = TASK_STANDINGS.includes(standingParam as TaskStanding) ? (standingParam as TaskStanding) : '';
	const behind = url.searchParams.get('behind') === '1';
	const rows = all.filter(
		(t) =>
			(!plan || t.planId === plan) &&
			(!organisation || t.units.some((u) => u.organisationId === organisation)) &&
			(!standing || t.judgement.standing === standing) &&
			(!behind || t.judgement.behind)
	);
	return {
		rows,
		total: all.length,
		filters: { plan, organisation, standing, behind },
		choices: {
			plans: [...new Map(all.map((t) => [t.planId, t.planTitle]))].map(([id, title]) => ({ id, title })),
			organisations: (await listOrganisations(db, locals.locale)).map((o) => ({ id: o.id, name: o.name }))
		}
	};
}) satisfies PageServerLoad;
