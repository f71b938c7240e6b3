/**
 * Saved views: a person's named explorer query (filters, columns, sort). The view is its query, so
 * its link is the explorer's URL: anyone it is sent to sees the same targets and may save it too.
 */
import { z } from './zod';
import { filtersQuery, readFilters } from './explore';

/** Long enough for "伦理审查 · 未完成 · 2025年底前" or "Ethics review, missed, due end-2025"; short enough for a list. */
export const VIEW_NAME_MAX = 60;
/** Views per person: a working list, not an archive (refused beyond, with the limit named). */
export const VIEWS_PER_PERSON = 30;
/** A query longer than this is not a view someone built with the menus (36 targets compared fit in 1,000). */
export const VIEW_QUERY_MAX = 2000;

/**
 * The query a view keeps: only what the explorer reads, defaults left out, always from the first
 * page (a view is what to look at, not where one had scrolled to).
 * @example viewQuery('?status=missed&page=3&junk=1') === '?status=missed'
 */
export function viewQuery(query: string): string {
	return filtersQuery({ ...readFilters(new URLSearchParams(query)), page: 1 });
}

const viewName = z.string().trim().min(1, 'ex.views.error.nameEmpty').max(VIEW_NAME_MAX, 'ex.views.error.nameLong');

/** "Save this view" on the explorer: a name and the query being looked at. */
export const saveViewForm = z.object({
	name: viewName,
	query: z.string().max(VIEW_QUERY_MAX, 'ex.views.error.queryLong').transform(viewQuery)
});

/** Renaming one of one's views. */
export const renameViewForm = z.object({
	id: z.coerce.number().int().positive('ex.views.error.not_found'),
	name: viewName
});

/** Deleting one of one's views. */
export const deleteViewForm = z.object({ id: z.coerce.number().int().positive('ex.views.error.not_found') });

/** The message key of a form's first problem, for the one line of refusal the page shows. */
export function firstProblem(error: z.ZodError): string {
	const message = error.issues[0]?.message ?? '';
	return message.startsWith('ex.') ? message : 'ex.views.error.invalid';
}
