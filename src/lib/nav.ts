/**
 * The site header's links, in one list: adding a page to the header is one line here. Each link
 * names its group (main links, the "More" menu, the "Admin" menu, the account menu) and who sees
 * it; hiding a link is not protection, the page's own guard is.
 */
import type { Role } from './domain/plan';
import { hasRole } from './domain/roles';
import type { MessageKey } from './i18n';
import { route } from './route';

export type NavGroup = 'main' | 'more' | 'admin' | 'account';
/** Who sees a link: anyone, anyone logged in, exactly one role (a reporter's own page), or a role and above. */
export type NavAudience = 'anyone' | 'signedIn' | { only: Role } | { atLeast: Role };

export interface NavLink {
	href: string;
	label: MessageKey;
	group: NavGroup;
	audience: NavAudience;
}

export const NAV_LINKS: readonly NavLink[] = [
	{ href: route.explore(), label: 'nav.explore', group: 'main', audience: 'anyone' },
	{ href: route.indicators(), label: 'ind.nav', group: 'main', audience: 'anyone' },
	{ href: route.tasks(), label: 'nav.tasks', group: 'main', audience: 'anyone' },
	{ href: route.organisations(), label: 'nav.organisations', group: 'main', audience: 'anyone' },
	{ href: route.overdue(), label: 'nav.overdue', group: 'more', audience: 'anyone' },
	{ href: route.myRequests(), label: 'rounds.nav.mine', group: 'main', audience: { only: 'reporter' } },
	{ href: route.rounds(), label: 'rounds.nav.rounds', group: 'main', audience: { atLeast: 'analyst' } },
	{ href: route.importFigures(), label: 'nav.import', group: 'main', audience: { atLeast: 'analyst' } },
	{ href: route.plans(), label: 'nav.plans', group: 'main', audience: { atLeast: 'analyst' } },
	{ href: route.methods(), label: 'nav.methods', group: 'more', audience: 'anyone' },
	{ href: route.books(), label: 'nav.books', group: 'more', audience: 'signedIn' },
	{ href: route.apiDocs(), label: 'api.nav.docs', group: 'more', audience: 'anyone' },
	{ href: route.users(), label: 'nav.users', group: 'admin', audience: { atLeast: 'admin' } },
	{ href: route.boards(), label: 'nav.boards', group: 'admin', audience: { atLeast: 'admin' } },
	{ href: route.deliveries(), label: 'alerts.nav.deliveries', group: 'admin', audience: { atLeast: 'admin' } },
	{ href: route.apiTokens(), label: 'api.nav.tokens', group: 'admin', audience: { atLeast: 'admin' } },
	{ href: route.notifications(), label: 'alerts.nav.notifications', group: 'account', audience: 'signedIn' },
	{ href: route.changePassword(), label: 'password.title', group: 'account', audience: 'signedIn' }
];

function sees(audience: NavAudience, role: Role | null): boolean {
	if (audience === 'anyone') return true;
	if (role === null) return false;
	if (audience === 'signedIn') return true;
	return 'only' in audience ? role === audience.only : hasRole(role, audience.atLeast);
}

/**
 * The links a visitor (null) or a role sees, by group, in list order.
 * @example navFor('viewer').admin.length === 0; navFor('admin').admin.map((l) => l.href) → ['/admin/users', '/admin/boards', '/admin/deliveries', '/admin/tokens']
 */
export function navFor(role: Role | null, links: readonly NavLink[] = NAV_LINKS): Record<NavGroup, NavLink[]> {
	const groups: Record<NavGroup, NavLink[]> = { main: [], more: [], admin: [], account: [] };
	for (const link of links) if (sees(link.audience, role)) groups[link.group].push(link);
	return groups;
}
