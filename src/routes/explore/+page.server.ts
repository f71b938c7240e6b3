import { filterRows, PAGE_SIZE, readFilters, sortRows } from '$lib/domain/explore';
import { clauseNumber } from '$lib/domain/clause-number';
import { database } from '$lib/server/db';
import { exploreTargets, withSeries } from '$lib/server/queries/explore';
import type { PageServerLoad } from './$types';

/** More sections than this and the section filter offers only those of the chosen plans. */
const SECTION_CHOICES = 100;

export const load = (async ({ url, locals }) => {
	const { db } = await database();
	const all = await exploreTargets(db, locals.locale);
	const filters = readFilters(url.searchParams);
	const rows = sortRows(filterRows(all, filters), filters.sort, filters.desc);
	const byId = new Map(all.map((t) => [t.id, t]));
	const sections = [...new Map(all.map((t) => [`${t.planId}:${t.section}`, clauseNumber([t.section], locals.locale)]))].map(([id, label]) => ({ id, label, planId: id.split(':')[0] }));
	const [shown, compared] = await Promise.all([
		withSeries(db, rows.slice((filters.page - 1) * PAGE_SIZE, filters.page * PAGE_SIZE), { shares: false }),
		withSeries(db, filters.compare.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])), { shares: true })
	]);
	return {
		filters,
		// The choices each filter offers come from all targets, not only the ones shown.
		choices: {
			plans: [...new Map(all.map((t) => [t.planId, t.planTitle]))].map(([id, title]) => ({ id, title })),
			sections: sections.length > SECTION_CHOICES ? sections.filter((x) => filters.plan.includes(x.planId)) : sections,
			units: [...new Set(all.map((t) => t.unit))]
		},
		rows: shown,
		matching: rows.length,
		pages: Math.max(1, Math.ceil(rows.length / PAGE_SIZE)),
		compared,
		total: all.length
	};
}) satisfies PageServerLoad;
