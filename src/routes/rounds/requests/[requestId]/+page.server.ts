import { error, fail } from '@sveltejs/kit';
import { requireRequestAccess } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { deploymentTimeZone } from '$lib/server/config';
import { todayIn } from '$lib/domain/dates';
import { canSubmit } from '$lib/domain/rounds';
import { TASK_STATUSES } from '$lib/domain/tasks';
import { readReview, readSubmission } from '$lib/server/entry/round-forms';
import { requestDetail, reviewRequest, RoundError, sourceChoices, submitToRequest } from '$lib/server/queries/rounds';
import { ObservationConflictError } from '$lib/server/queries/observations';
import type { Actions, PageServerLoad } from './$types';

const today = () => todayIn(new Date(), deploymentTimeZone());

/** One request: its unit's reporter submits here, a coordinator reviews here. */
export const load = (async ({ locals, params, url }) => {
	const { db } = await database();
	const { access, requestId } = await requireRequestAccess(db, locals.user, params.requestId, url);
	const detail = await requestDetail(db, requestId, locals.locale, today());
	if (!detail) error(404, 'no such request');
	const submittable = access === 'reporter' && canSubmit(detail.request.status, detail.request.roundStatus);
	return {
		...detail,
		access,
		submittable,
		reviewable: access === 'coordinator' && detail.request.status === 'submitted',
		sources: submittable && detail.request.kind === 'figure' ? await sourceChoices(db) : [],
		statuses: TASK_STATUSES,
		today: today()
	};
}) satisfies PageServerLoad;

const valuesOf = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;

export const actions = {
	/** A reporter's figure or progress note, kept as the request's next submission. */
	submit: async ({ request, locals, params }) => {
		const { db } = await database();
		const { user, access, requestId } = await requireRequestAccess(db, locals.user, params.requestId);
		if (access !== 'reporter') error(403, 'only the unit’s reporters submit');
		const detail = (await requestDetail(db, requestId, locals.locale, today()))!;
		const form = await request.formData();
		const known = new Map((await sourceChoices(db)).map((x) => [x.id, x.publishedOn] as const));
		const read = await readSubmission(form, detail.request, { knownSources: known, today: today(), periodHasFigure: detail.current !== null && detail.current.value !== null });
		if (!read.ok) return fail(400, { action: 'submit' as const, errors: read.errors, values: valuesOf(form) });
		try {
			const { version } = await submitToRequest(db, requestId, user, read.submission);
			return { action: 'submit' as const, saved: version };
		} catch (e) {
			if (e instanceof RoundError) return fail(e.code === 'not_found' ? 404 : 409, { action: 'submit' as const, errors: { form: { key: `rounds.error.${e.code}` } }, values: valuesOf(form) });
			throw e;
		}
	},
	/** A coordinator approves (the figure is recorded and counts) or returns with a comment. */
	review: async ({ request, locals, params }) => {
		const { db } = await database();
		const { user, access, requestId } = await requireRequestAccess(db, locals.user, params.requestId);
		if (access !== 'coordinator') error(403, 'only the coordinating office reviews');
		const form = await request.formData();
		const read = readReview(form);
		if (!read.ok) return fail(400, { action: 'review' as const, errors: read.errors, values: valuesOf(form) });
		try {
			await reviewRequest(db, requestId, user, read.review);
			return { action: 'review' as const, saved: read.review.decision };
		} catch (e) {
			if (e instanceof RoundError) return fail(409, { action: 'review' as const, errors: { form: { key: `rounds.error.${e.code}` } }, values: valuesOf(form) });
			// Someone corrected the period's figure while the coordinator was approving: nothing was written.
			if (e instanceof ObservationConflictError) return fail(409, { action: 'review' as const, errors: { form: { key: 'rounds.error.conflict' } }, values: valuesOf(form) });
			throw e;
		}
	}
} satisfies Actions;
