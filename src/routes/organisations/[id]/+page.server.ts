import { env } from '$env/dynamic/private';
import { error } from '@sveltejs/kit';
import { readConfig } from '$lib/server/config';
import { database } from '$lib/server/db';
import { organisationSummaries, tasksNow } from '$lib/server/queries/tasks';
import type { PageServerLoad } from './$types';

/** One unit: the tasks it leads and supports in every plan, its indicators and what is overdue. */
export const load = (async ({ params, locals }) => {
	const { db } = await database();
	const { rows, tasks, indicators } = await organisationSummaries(db, await tasksNow(db, locals.locale, readConfig(env).taskStaleDays));
	const summary = rows.find((r) => r.organisationId === params.id);
	if (!summary) error(404, 'organisation not found');
	const role = (task: (typeof tasks)[number]) => task.units.find((u) => u.organisationId === params.id)?.role;
	return {
		summary,
		leads: tasks.filter((t) => role(t) === 'lead'),
		supports: tasks.filter((t) => role(t) === 'support'),
		indicators: indicators.filter((i) => i.owner.organisationId === params.id)
	};
}) satisfies PageServerLoad;
