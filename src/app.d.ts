import type { Locale } from '$lib/domain/plan';
import type { SessionUser } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
			/** The logged-in user, or null for a visitor. */
			user: SessionUser | null;
		}
	}
}

export {};
