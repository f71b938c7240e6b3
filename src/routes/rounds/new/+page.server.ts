import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { deploymentTimeZone } from '$lib/server/config';
import { addDays, todayIn } from '$lib/domain/dates';
import { route } from '$lib/route';
import { readRoundOpening } from '$lib/server/entry/round-forms';
import { openRound, roundChoices, RoundError } from '$lib/server/queries/rounds';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	requireRole(locals.user, 'analyst', url);
	const { db } = await database();
	const today = todayIn(new Date(), deploymentTimeZone());
	return { plans: await roundChoices(db, locals.locale), today, suggestedDue: addDays(today, 30) };
}) satisfies PageServerLoad;

export const actions = {
	/** Opens the round: one request per chosen indicator (to its owner unit) and task (to its lead unit). */
	open: async ({ request, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const form = await request.formData();
		const values = { title: String(form.get('title') ?? ''), period: String(form.get('period') ?? ''), dueOn: String(form.get('dueOn') ?? '') };
		const read = readRoundOpening(form, todayIn(new Date(), deploymentTimeZone()));
		if (!read.ok) return fail(400, { action: 'open' as const, errors: read.errors, values });
		const { db } = await database();
		const plans = await roundChoices(db, locals.locale);
		// A hand-made form may name what no plan has: refused, not a database error.
		const indicators = new Set(plans.flatMap((p) => p.indicators.map((i) => i.id)));
		const tasks = new Set(plans.flatMap((p) => p.tasks.map((t) => t.id)));
		if (read.opening.indicatorIds.some((id) => !indicators.has(id)) || read.opening.taskIds.some((id) => !tasks.has(id))) {
			return fail(400, { action: 'open' as const, errors: { indicatorIds: { key: 'rounds.error.unknown' } }, values });
		}
		let roundId: number;
		try {
			({ roundId } = await openRound(db, { ...read.opening, userId: user.id }));
		} catch (e) {
			if (e instanceof RoundError) return fail(400, { action: 'open' as const, errors: { indicatorIds: { key: `rounds.error.${e.code}` } }, values });
			throw e;
		}
		redirect(303, route.round(roundId));
	}
} satisfies Actions;
