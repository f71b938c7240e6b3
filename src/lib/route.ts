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
	books: () => '/books',
	bookPdf: (id: number) => `/books/${id}/book.pdf`,
	printBook: (query: string) => `/print/book?${query}`,
	withLocale: (path: string, locale: Locale) => `${path}?lang=${locale}`,
	planAnchor: (planId: string) => `#plan-${planId}`,
	target: (targetId: string) => `/targets/${encodeURIComponent(targetId)}`,
	targetAnchor: (targetId: string) => `#target-${targetId}`
};
