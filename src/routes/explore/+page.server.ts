import { filterRows, PAGE_SIZE, readFilters, sortRows } from '$lib/domain/explore';
import { database } from '$lib/server/db';
import { exploreTargets } from '$lib/server/queries/explore';
import type { PageServerLoad } from './$types';

export const load = (async ({ url, locals }) => {
	const { db } = await database();
	const all = await exploreTargets(db, locals.locale);
	const filters = readFilters(url.searchParams);
	const rows = sortRows(filterRows(all, filters), filters.sort, filters.desc);
	const byId = new Map(all.map((t) => [t.id, t]));
	return {
		filters,
		// The choices each filter offers come from all targets, not only the ones shown.
		choices: {
			plans: [...new Map(all.map((t) => [t.planId, t.planTitle]))].map(([id, title]) => ({ id, title })),
			sections: [...new Map(all.map((t) => [`${t.planId}:${t.section}`, `${t.section}`]))].map(([id, label]) => ({ id, label, planId: id.split(':')[0] })),
			units: [...new Set(all.map((t) => t.unit))]
		},
		rows: rows.slice((filters.page - 1) * PAGE_SIZE, filters.page * PAGE_SIZE),
		matching: rows.length,
		pages: Math.max(1, Math.ceil(rows.length / PAGE_SIZE)),
		compared: filters.compare.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
		total: all.length
	};
}) satisfies PageServerLoad;
