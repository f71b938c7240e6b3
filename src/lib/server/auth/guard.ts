import { error, redirect } from '@sveltejs/kit';
import type { Role } from '../../domain/plan';
import { hasRole } from '../../domain/roles';
import { isRowId, requestAccess } from '../../domain/rounds';
import type { Database } from '../db/open';
import { requestUnit } from '../queries/round-reads';
import { route } from '../../route';
import type { SessionUser } from './sessions';

/**
 * The one guard. Refuses on the server: hidden buttons are not protection. Without a login a page
 * load (given its `url`) goes to the login page and back, `next` keeping path and query; a form
 * action, a JSON or API endpoint answers 401 (a script must not be handed a login page). 403 with
 * too small a role. Any logged-in user: `requireRole(user, 'viewer', url)`.
 */
export function requireRole(user: SessionUser | null, needed: Role, url?: URL): SessionUser {
	if (!user) {
		if (url) redirect(303, route.loginThen(url.pathname + url.search));
		error(401, 'log in first');
	}
	if (!hasRole(user.role, needed)) error(403, `this needs the ${needed} role`);
	return user;
}

/**
 * A file endpoint (a book's PDF, an evidence file): a person's browser opening its link, as from a
 * mail, is sent to log in and back like a page; anything else (fetch, scripts, API clients) gets 401.
 */
export function requireRoleForFile(user: SessionUser | null, needed: Role, event: { url: URL; request: Request }): SessionUser {
	return requireRole(user, needed, fileNavigation(event));
}

/** The file's address when a browser navigates to it (so a visitor is sent to log in), else nothing (401). */
export function fileNavigation(event: { url: URL; request: Request }): URL | undefined {
	return event.request.headers.get('sec-fetch-mode') === 'navigate' ? event.url : undefined;
}

/**
 * The one check in front of every round request (page, form action, evidence download): a
 * reporter reaches only their own unit's requests, analysts and admins every one. A viewer is
 * refused (403) like any write; another unit's request, or none, is "not found" (404), so a
 * reporter learns nothing of other units' requests.
 */
export async function requireRequestAccess(db: Database, user: SessionUser | null, requestId: string, url?: URL): Promise<{ user: SessionUser; access: 'reporter' | 'coordinator'; requestId: number }> {
	const known = requireRole(user, 'reporter', url);
	const id = Number(requestId);
	const unit = isRowId(id) ? await requestUnit(db, id) : null;
	const access = unit === null ? null : requestAccess(known, unit);
	if (!access) error(404, 'no such request');
	return { user: known, access, requestId: id };
}
