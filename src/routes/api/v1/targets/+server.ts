import { apiEndpoint } from '$lib/server/api/endpoint';
import { listPage, targetsQuery } from '$lib/domain/api';
import { targetsAsOf } from '$lib/server/api/reads';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiEndpoint(targetsQuery, async ({ db, query, at, locale, url }) => {
	const { total, items } = await targetsAsOf(db, at, locale, { plan: query.plan, status: query.status, basis: query.basis }, query);
	return { data: items, page: listPage(total, query, url.pathname, url.searchParams) };
});
