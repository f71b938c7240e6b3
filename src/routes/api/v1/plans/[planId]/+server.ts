import { apiEndpoint, ApiRefusal } from '$lib/server/api/endpoint';
import { planQuery } from '$lib/domain/api';
import { hasRole } from '$lib/domain/roles';
import { planAsOf } from '$lib/server/api/reads';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiEndpoint(planQuery, async ({ db, user, at, locale, params }) => {
	// A draft is "not found" for viewers: they learn nothing of plans in intake.
	const plan = await planAsOf(db, at, locale, params.planId, hasRole(user.role, 'analyst'));
	if (!plan) throw new ApiRefusal(404, 'not_found', `no plan ${params.planId} as of ${at.day}`);
	return { data: plan };
});
