import { apiEndpoint } from '$lib/server/api/endpoint';
import { indicatorsQuery, pageOf } from '$lib/domain/api';
import { indicatorsAsOf } from '$lib/server/api/reads';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiEndpoint(indicatorsQuery, async ({ db, query, at, locale, url }) => {
	const { items, page } = pageOf(await indicatorsAsOf(db, at, locale), query, url.pathname, url.searchParams);
	return { data: items, page };
});
