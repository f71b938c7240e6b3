import { describe, expect, it } from 'vitest';
import { NAV_LINKS, navFor } from './nav';

const hrefs = (links: { href: string }[]) => links.map((l) => l.href);

describe('navFor', () => {
	it('a visitor sees the public pages only', () => {
		const nav = navFor(null);
		expect(hrefs(nav.main)).toEqual(['/explore', '/indicators', '/tasks', '/organisations']);
		expect(hrefs(nav.more)).toEqual(['/overdue', '/methods', '/api']);
		expect(nav.admin).toEqual([]);
		expect(nav.account).toEqual([]);
	});

	it('a reporter sees their requests and nothing an analyst does', () => {
		const nav = navFor('reporter');
		expect(hrefs(nav.main)).toContain('/rounds/mine');
		expect(hrefs(nav.main)).not.toContain('/rounds');
		expect(hrefs(nav.main)).not.toContain('/import');
		expect(hrefs(nav.more)).toContain('/books');
	});

	it('an analyst gets rounds, import and plans but no admin menu; an admin gets the admin menu and no reporter link', () => {
		expect(hrefs(navFor('analyst').main)).toEqual(['/explore', '/indicators', '/tasks', '/organisations', '/rounds', '/import', '/plans']);
		expect(navFor('analyst').admin).toEqual([]);
		const admin = navFor('admin');
		expect(hrefs(admin.admin)).toEqual(['/admin/users', '/admin/boards', '/admin/deliveries', '/admin/tokens']);
		expect(hrefs(admin.main)).not.toContain('/rounds/mine');
		expect(hrefs(admin.account)).toEqual(['/account/notifications', '/account/password']);
	});

	it('a new link is one entry of the list', () => {
		const extra = [...NAV_LINKS, { href: '/somewhere-new', label: 'nav.explore' as const, group: 'main' as const, audience: 'anyone' as const }];
		expect(hrefs(navFor(null, extra).main).at(-1)).toBe('/somewhere-new');
		expect(hrefs(navFor('admin', extra).main)).toContain('/indicators');
	});
});
