import { error, redirect } from '@sveltejs/kit';
import type { Role } from '../../domain/plan';
import { hasRole } from '../../domain/roles';
import { route } from '../../route';
import type { SessionUser } from './sessions';

/**
 * Refuses on the server: hidden buttons are not protection. Without a login a page load (given its
 * `url`) goes to the login page and back; an action or endpoint answers 401. 403 with too small a role.
 */
export function requireRole(user: SessionUser | null, needed: Role, url?: URL): SessionUser {
	if (!user) {
		if (url) redirect(303, route.loginThen(url.pathname + url.search));
		error(401, 'log in first');
	}
	if (!hasRole(user.role, needed)) error(403, `this needs the ${needed} role`);
	return user;
}
