import { deploymentTimeZone } from '$lib/server/config';
import { hasRole } from '$lib/domain/roles';
import { database } from '$lib/server/db';
import { countFailedDeliveries } from '$lib/server/alerts/outbox';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ locals }) => ({
	locale: locals.locale,
	/** Every time a page shows is in the deployment's zone, whatever the reader's browser is set to. */
	timeZone: deploymentTimeZone(),
	user: locals.user ? { username: locals.user.username, displayName: locals.user.displayName, role: locals.user.role } : null,
	/** Admins see failed deliveries in the header on every page: a failed mail is never silent. */
	failedDeliveries: locals.user && hasRole(locals.user.role, 'admin') ? await countFailedDeliveries((await database()).db) : 0
})) satisfies LayoutServerLoad;
