import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { listPlansForIntake } from '$lib/server/plans/drafts';
import { BundleError, importPlanBundle } from '$lib/server/plans/bundle';
import type { Actions, PageServerLoad } from './$types';

/** A bundle is a few hundred KB; refuse anything far larger before parsing it. */
const BUNDLE_LIMIT_BYTES = 10 * 1024 * 1024;

export const load = (async ({ locals, url }) => {
	requireRole(locals.user, 'analyst', url);
	const { db } = await database();
	return { plans: await listPlansForIntake(db) };
}) satisfies PageServerLoad;

export const actions = {
	importBundle: async ({ request, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const file = (await request.formData()).get('bundle');
		if (!(file instanceof File) || file.size === 0) return fail(400, { problem: 'no_file' as const, detail: '' });
		if (file.size > BUNDLE_LIMIT_BYTES) return fail(400, { problem: 'too_large' as const, detail: '' });
		let parsed: unknown;
		try {
			parsed = JSON.parse(await file.text());
		} catch {
			return fail(400, { problem: 'not_json' as const, detail: '' });
		}
		const { db } = await database();
		try {
			const result = await importPlanBundle(db, user.id, parsed);
			return { imported: result };
		} catch (e) {
			if (e instanceof BundleError) return fail(400, { problem: 'invalid' as const, detail: e.problems.slice(0, 8).join('\n') });
			throw e;
		}
	}
} satisfies Actions;
