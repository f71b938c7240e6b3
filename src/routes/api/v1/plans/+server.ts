import { apiEndpoint, ApiRefusal } from '$lib/server/api/endpoint';
import { pageOf, plansQuery } from '$lib/domain/api';
import { hasRole } from '$lib/domain/roles';
import { plansAsOf } from '$lib/server/api/reads';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiEndpoint(plansQuery, async ({ db, user, query, at, locale, url }) => {
	// Drafts are seen only where intake is: analysts and admins.
	if (query.status !== 'published' && !hasRole(user.role, 'analyst')) throw new ApiRefusal(403, 'forbidden', 'draft plans need an analyst or admin token');
	const { items, page } = pageOf(await plansAsOf(db, at, locale, query.status), query, url.pathname, url.searchParams);
	return { data: items, page };
});
