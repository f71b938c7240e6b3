import { apiEndpoint, ApiRefusal } from '$lib/server/api/endpoint';
import { figuresQuery, pageOf } from '$lib/domain/api';
import { figuresAsOf, indicatorsAsOf } from '$lib/server/api/reads';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiEndpoint(figuresQuery, async ({ db, query, at, locale, params, url }) => {
	const [indicator] = await indicatorsAsOf(db, at, locale, params.indicatorId);
	if (!indicator) throw new ApiRefusal(404, 'not_found', `no indicator ${params.indicatorId}`);
	const { items, page } = pageOf(await figuresAsOf(db, at, indicator.id, indicator.unit), query, url.pathname, url.searchParams);
	return { data: items, page, extra: { indicator } };
});
