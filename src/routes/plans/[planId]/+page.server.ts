import { error, fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { getPlanReview, PlanNotFoundError } from '$lib/server/plans/drafts';
import { acceptPending, addProposal, reviewProposal, updatePlanDetails } from '$lib/server/plans/review';
import { publishPlan } from '$lib/server/plans/publish';
import { route } from '$lib/route';
import { addedProposalFromForm, planDetailsFromForm, proposalFromForm } from './review-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	requireRole(locals.user, 'analyst', url);
	const { db } = await database();
	const review = await getPlanReview(db, params.planId);
	if (!review) error(404, 'no such plan');
	return { review };
}) satisfies PageServerLoad;

/** A plan removed meanwhile is a 404, not a server error. */
async function onPlan<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof PlanNotFoundError) error(404, 'no such plan');
		throw e;
	}
}

export const actions = {
	details: async ({ request, locals, params }) => {
		const user = requireRole(locals.user, 'analyst');
		const input = planDetailsFromForm(await request.formData());
		const { db } = await database();
		const result = await onPlan(() => updatePlanDetails(db, user.id, params.planId, input));
		if (!result.ok) return fail(400, { action: 'details' as const, errors: result.errors, proposalId: null });
		return { action: 'details' as const, saved: true };
	},
	proposal: async ({ request, locals, params }) => {
		const user = requireRole(locals.user, 'analyst');
		const form = await request.formData();
		const proposalId = Number(form.get('proposalId'));
		if (!Number.isInteger(proposalId)) error(400, 'no proposal');
		const { db } = await database();
		const result = await onPlan(() => reviewProposal(db, user.id, params.planId, proposalId, proposalFromForm(form)));
		if (!result.ok) return fail(400, { action: 'proposal' as const, proposalId, errors: result.errors });
		return { action: 'proposal' as const, proposalId, saved: true };
	},
	add: async ({ request, locals, params }) => {
		const user = requireRole(locals.user, 'analyst');
		const form = await request.formData();
		const clauseId = String(form.get('clauseId') ?? '');
		const { db } = await database();
		const result = await onPlan(() => addProposal(db, user.id, params.planId, clauseId, addedProposalFromForm(form)));
		if (!result.ok) return fail(400, { action: 'add' as const, clauseId, errors: result.errors });
		return { action: 'add' as const, clauseId, added: result.proposalId };
	},
	acceptPending: async ({ locals, params }) => {
		const user = requireRole(locals.user, 'analyst');
		const { db } = await database();
		const { accepted } = await onPlan(() => acceptPending(db, user.id, params.planId));
		return { action: 'acceptPending' as const, accepted };
	},
	publish: async ({ request, locals, params }) => {
		const user = requireRole(locals.user, 'analyst');
		const note = String((await request.formData()).get('note') ?? '').trim() || undefined;
		const { db } = await database();
		const result = await onPlan(() => publishPlan(db, user.id, params.planId, note));
		if (!result.ok) return fail(409, { action: 'publish' as const, problems: result.problems });
		if (!result.changed) return { action: 'publish' as const, unchanged: result.revision };
		redirect(303, `${route.planReview(params.planId)}?published=${result.revision}`);
	}
} satisfies Actions;
