import { error } from '@sveltejs/kit';
import type { Role } from '../../domain/plan';
import { hasRole } from '../../domain/roles';
import type { SessionUser } from './sessions';

/** Refuses on the server: hidden buttons are not protection. 401 without a login, 403 with too small a role. */
export function requireRole(user: SessionUser | null, needed: Role): SessionUser {
	if (!user) error(401, 'log in first');
	if (!hasRole(user.role, needed)) error(403, `this needs the ${needed} role`);
	return user;
}
