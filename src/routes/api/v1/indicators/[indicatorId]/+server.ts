import { apiEndpoint, ApiRefusal } from '$lib/server/api/endpoint';
import { indicatorQuery } from '$lib/domain/api';
import { indicatorsAsOf } from '$lib/server/api/reads';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiEndpoint(indicatorQuery, async ({ db, at, locale, params }) => {
	const [indicator] = await indicatorsAsOf(db, at, locale, params.indicatorId);
	if (!indicator) throw new ApiRefusal(404, 'not_found', `no indicator ${params.indicatorId}`);
	return { data: indicator };
});
