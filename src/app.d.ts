import type { Locale } from '$lib/domain/plan';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
		}
	}
}

export {};
