import { error, fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { readCorrection, readNewObservation } from '$lib/server/entry/observation-form';
import { addObservation, correctObservation, ObservationConflictError, ObservationExistsError } from '$lib/server/queries/observations';
import { targetDetail } from '$lib/server/queries/target';
import type { Actions, PageServerLoad } from './$types';

/** Figures listed before "show all": the newest ones. */
const FIGURES_SHOWN = 24;

export const load = (async ({ params, locals, url }) => {
	const { db } = await database();
	const detail = await targetDetail(db, params.id, locals.locale, url.searchParams.get('figures') === 'all' ? null : FIGURES_SHOWN);
	if (!detail) error(404, 'target not found');
	return detail;
}) satisfies PageServerLoad;

export const actions = {
	/** A figure for a period that has none yet. */
	add: async ({ request, params, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const { db } = await database();
		const detail = await targetDetail(db, params.id, locals.locale);
		if (!detail) error(404, 'target not found');
		const form = await request.formData();
		const read = readNewObservation(form, detail.indicators);
		if (!read.ok) return fail(400, { action: 'add' as const, errors: read.errors, values: Object.fromEntries(form) as Record<string, string> });
		try {
			await addObservation(db, { ...read.entry, userId: user.id });
		} catch (e) {
			if (e instanceof ObservationExistsError) {
				return fail(409, { action: 'add' as const, exists: { value: e.currentValue, version: e.currentVersion }, values: Object.fromEntries(form) as Record<string, string> });
			}
			throw e;
		}
		return { action: 'add' as const, saved: true };
	},
	/** A new version of an existing figure, checked against the version the analyst saw. */
	correct: async ({ request, params, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const { db } = await database();
		const detail = await targetDetail(db, params.id, locals.locale);
		if (!detail) error(404, 'target not found');
		const form = await request.formData();
		const read = readCorrection(form, (id) => detail.observations.find((o) => o.id === id)?.unit);
		if (!read.ok) return fail(400, { action: 'correct' as const, observationId: read.observationId, errors: read.errors });
		try {
			await correctObservation(db, { ...read.correction, userId: user.id });
		} catch (e) {
			if (e instanceof ObservationConflictError) {
				return fail(409, {
					action: 'correct' as const,
					observationId: e.observationId,
					conflict: { yours: read.correction.value, theirs: e.currentValue, version: e.currentVersion }
				});
			}
			throw e;
		}
		return { action: 'correct' as const, observationId: read.correction.observationId, saved: true };
	}
} satisfies Actions;
