import { fail, redirect } from '@sveltejs/kit';
import { filterRows, PAGE_SIZE, readFilters, sortRows } from '$lib/domain/explore';
import { deleteViewForm, firstProblem, renameViewForm, saveViewForm, viewQuery } from '$lib/domain/saved-views';
import { database } from '$lib/server/db';
import { exploreChoices, exploreTargets, withSeries } from '$lib/server/queries/explore';
import { deleteView, listSavedViews, renameView, saveView } from '$lib/server/views/saved-views';
import { route } from '$lib/route';
import type { Actions, PageServerLoad } from './$types';

/** More sections than this and the section filter offers only those of the chosen plans. */
const SECTION_CHOICES = 100;

export const load = (async ({ url, locals }) => {
	const { db } = await database();
	const all = await exploreTargets(db, locals.locale);
	const filters = readFilters(url.searchParams);
	const rows = sortRows(filterRows(all, filters), filters.sort, filters.desc);
	const { plans, sections, units, byId } = exploreChoices(all, locals.locale);
	const [shown, compared, views] = await Promise.all([
		withSeries(db, rows.slice((filters.page - 1) * PAGE_SIZE, filters.page * PAGE_SIZE), { shares: false }),
		withSeries(db, filters.compare.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])), { shares: true }),
		// Visitors have no saved views (null); the page then offers none.
		locals.user ? listSavedViews(db, locals.user.id) : Promise.resolve(null)
	]);
	return {
		filters,
		// The choices each filter offers come from all targets, not only the ones shown.
		choices: {
			plans,
			sections: sections.length > SECTION_CHOICES ? sections.filter((x) => filters.plan.includes(x.planId)) : sections,
			units
		},
		rows: shown,
		matching: rows.length,
		pages: Math.max(1, Math.ceil(rows.length / PAGE_SIZE)),
		compared,
		total: all.length,
		views,
		/** The query a view of this page would keep, to save it and to know which saved view is open. */
		viewQuery: viewQuery(url.search)
	};
}) satisfies PageServerLoad;

const fields = (form: FormData, names: string[]) => Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? '')]));

// Any signed-in person, viewers included, keeps their own views: they change nothing anyone else sees.
export const actions = {
	saveView: async ({ request, locals }) => {
		if (!locals.user) redirect(303, route.loginThen(route.explore()));
		const values = fields(await request.formData(), ['name', 'query']);
		const parsed = saveViewForm.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'saveView' as const, errors: { name: firstProblem(parsed.error) }, values });
		const { db } = await database();
		const saved = await saveView(db, locals.user.id, parsed.data);
		if ('refused' in saved) return fail(400, { action: 'saveView' as const, errors: { name: `ex.views.error.${saved.refused}` }, values });
		redirect(303, `${route.explore()}${parsed.data.query}`);
	},
	renameView: async ({ request, locals }) => {
		if (!locals.user) redirect(303, route.loginThen(route.explore()));
		const values = fields(await request.formData(), ['id', 'name', 'back']);
		const parsed = renameViewForm.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'renameView' as const, errors: { name: firstProblem(parsed.error) }, values });
		const { db } = await database();
		const outcome = await renameView(db, locals.user.id, parsed.data.id, parsed.data.name);
		if (outcome !== 'ok') return fail(400, { action: 'renameView' as const, errors: { name: `ex.views.error.${outcome}` }, values });
		redirect(303, `${route.explore()}${viewQuery(values.back)}`);
	},
	deleteView: async ({ request, locals }) => {
		if (!locals.user) redirect(303, route.loginThen(route.explore()));
		const values = fields(await request.formData(), ['id', 'back']);
		const parsed = deleteViewForm.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'deleteView' as const, errors: { name: firstProblem(parsed.error) }, values });
		const { db } = await database();
		const outcome = await deleteView(db, locals.user.id, parsed.data.id);
		if (outcome !== 'ok') return fail(400, { action: 'deleteView' as const, errors: { name: `ex.views.error.${outcome}` }, values });
		// Back to what the person was looking at, never elsewhere: the query is rebuilt from the explorer's own fields.
		redirect(303, `${route.explore()}${viewQuery(values.back)}`);
	}
} satisfies Actions;
