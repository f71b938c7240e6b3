import { apiEndpoint, ApiRefusal } from '$lib/server/api/endpoint';
import { targetQuery } from '$lib/domain/api';
import { targetAsOf } from '$lib/server/api/reads';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiEndpoint(targetQuery, async ({ db, at, locale, params }) => {
	const target = await targetAsOf(db, at, locale, params.targetId);
	if (!target) throw new ApiRefusal(404, 'not_found', `no target ${params.targetId} as of ${at.day}`);
	return { data: target };
});
