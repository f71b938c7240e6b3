import { apiEndpoint } from '$lib/server/api/endpoint';
import { pageOf, sourcesQuery } from '$lib/domain/api';
import { sourcesAsOf } from '$lib/server/api/reads';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiEndpoint(sourcesQuery, async ({ db, query, at, url }) => {
	const { items, page } = pageOf(await sourcesAsOf(db, at), query, url.pathname, url.searchParams);
	return { data: items, page };
});
