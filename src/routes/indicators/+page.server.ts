import { filterIndicators, groupIndicators, readIndicatorView } from '$lib/domain/indicator-list';
import { database } from '$lib/server/db';
import { indicatorList } from '$lib/server/queries/indicators';
import type { PageServerLoad } from './$types';

export const load = (async ({ url, locals }) => {
	const { db } = await database();
	const all = await indicatorList(db, locals.locale);
	const view = readIndicatorView(url.searchParams);
	const matching = filterIndicators(all, view.q);
	return { view, groups: groupIndicators(matching, view.group), matching: matching.length, total: all.length };
}) satisfies PageServerLoad;
