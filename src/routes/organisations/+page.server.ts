import { env } from '$env/dynamic/private';
import { ORGANISATION_SORTS, sortOrganisations, type OrganisationSort } from '$lib/domain/tasks';
import { readConfig } from '$lib/server/config';
import { database } from '$lib/server/db';
import { planTitles } from '$lib/server/queries/plans';
import { organisationSummaries, tasksNow } from '$lib/server/queries/tasks';
import type { PageServerLoad } from './$types';

/** Every responsible unit: what it leads and supports across plans and how that stands. Sort and filters are in the URL. */
export const load = (async ({ url, locals }) => {
	const { db } = await database();
	const { rows } = await organisationSummaries(db, await tasksNow(db, locals.locale, readConfig(env).taskStaleDays));
	const sortParam = url.searchParams.get('sort') ?? 'behind';
	const sort: OrganisationSort = ORGANISATION_SORTS.includes(sortParam as OrganisationSort) ? (sortParam as OrganisationSort) : 'behind';
	const plan = url.searchParams.get('plan') ?? '';
	const level = url.searchParams.get('level') ?? '';
	const behindOnly = url.searchParams.get('behind') === '1';
	const names = new Map(rows.map((r) => [r.organisationId, r.name]));
	const shown = rows.filter(
		(r) => (!plan || r.planIds.includes(plan)) && (!level || r.level === level) && (!behindOnly || r.behind > 0 || r.indicatorsOverdue > 0) && (r.leads > 0 || r.supports > 0 || r.indicatorsOwned > 0)
	);
	return {
		rows: sortOrganisations(shown, sort, (id) => names.get(id) ?? id),
		filters: { sort, plan, level, behind: behindOnly },
		plans: await planTitles(db, locals.locale)
	};
}) satisfies PageServerLoad;
