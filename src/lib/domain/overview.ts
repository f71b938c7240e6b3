/**
 * The home page's paging: plans are shown a page at a time, each with its first targets in full;
 * the rest of a plan's targets are one link away in the explorer (filtered by the plan).
 */

/** Plans per page of the overview. */
export const PLANS_PER_PAGE = 5;

/** Targets shown in full per plan on the overview; more are listed in the explorer. */
export const TARGETS_PER_PLAN = 20;

/**
 * The page asked for in a query string, kept within 1..pages.
 * @example readPage('3', 2) === 2
 */
export function readPage(value: string | null, pages: number): number {
	const n = Math.floor(Number(value));
	return Number.isFinite(n) && n >= 1 ? Math.min(n, Math.max(1, pages)) : 1;
}

/**
 * The number of pages for a count of items.
 * @example pageCount(11, 5) === 3
 */
export function pageCount(items: number, perPage: number): number {
	return Math.max(1, Math.ceil(items / perPage));
}

/**
 * The page numbers a pager shows: the first, the last, and `around` either side of the current
 * page, with null where numbers are left out.
 * @example pageWindow(10, 40, 2) → [1, null, 8, 9, 10, 11, 12, null, 40]
 */
export function pageWindow(page: number, pages: number, around = 2): (number | null)[] {
	const shown: (number | null)[] = [];
	for (let n = 1; n <= pages; n++) {
		if (n === 1 || n === pages || Math.abs(n - page) <= around) shown.push(n);
		else if (shown.at(-1) !== null) shown.push(null);
	}
	return shown;
}
