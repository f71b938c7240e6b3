/** Every link Pacer builds, in one place. */
import type { Locale } from './domain/plan';

export const route = {
	home: () => '/',
	methods: () => '/methods',
	explore: () => '/explore',
	login: () => '/login',
	users: () => '/admin/users',
	importFigures: () => '/import',
	logout: () => '/logout',
	changePassword: () => '/account/password',
	withLocale: (path: string, locale: Locale) => `${path}?lang=${locale}`,
	planAnchor: (planId: string) => `#plan-${planId}`,
	target: (targetId: string) => `/targets/${encodeURIComponent(targetId)}`,
	targetAnchor: (targetId: string) => `#target-${targetId}`
};
