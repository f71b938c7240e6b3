import { deploymentTimeZone } from '$lib/server/config';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => ({
	locale: locals.locale,
	/** Every time a page shows is in the deployment's zone, whatever the reader's browser is set to. */
	timeZone: deploymentTimeZone(),
	user: locals.user ? { username: locals.user.username, displayName: locals.user.displayName, role: locals.user.role } : null
})) satisfies LayoutServerLoad;
