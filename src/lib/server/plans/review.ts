/**
 * Plan intake, second step: the analyst corrects the plan's details and decides each proposal
 * (accept, reject, edit, link or create its indicator). Role checks are the route's; these take
 * the acting user's id for the audit log. Editing a published plan prepares its next revision:
 * nothing published changes until publishPlan.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { fieldErrors, planDetailsForm, proposalForm, suggestedIndicator } from '../../domain/intake/review-forms';
import { PlanNotFoundError } from './drafts';
import { recordRevision } from './bundle';

export type ReviewResult = { ok: true } | { ok: false; errors: Record<string, string> };

async function lockPlan(tx: Transaction, planId: string) {
	const [plan] = await tx.select().from(s.plans).where(eq(s.plans.id, planId)).for('update');
	if (!plan) throw new PlanNotFoundError(planId);
	return plan;
}

/**
 * Saves the plan's titles, issuer, document number, area and dates (form: planDetailsForm);
 * saving confirms the dates createDraft had to guess. On a published plan a change is published
 * at once as the next revision (targets stay as last published; proposal edits wait for publishPlan).
 */
export async function updatePlanDetails(db: Database, userId: string, planId: string, input: unknown): Promise<ReviewResult> {
	const parsed = planDetailsForm.safeParse(input);
	return db.transaction(async (tx) => {
		const plan = await lockPlan(tx, planId);
		if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
		const next = { ...parsed.data, documentNumber: parsed.data.documentNumber || null };
		await tx.update(s.plans).set(next).where(eq(s.plans.id, planId));
		await tx.update(s.planDocuments).set({ assumedFields: [] }).where(eq(s.planDocuments.planId, planId));
		const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => (plan as Record<string, unknown>)[k] !== v));
		// A published plan's details are published at once, as its next revision: the earlier one keeps the old words.
		let revision: number | null = null;
		if (plan.status === 'published' && Object.keys(changed).length > 0) {
			revision = plan.revision + 1;
			const now = new Date();
			await tx.update(s.plans).set({ revision, publishedAt: now }).where(eq(s.plans.id, planId));
			await recordRevision(tx, planId, revision, userId, now, 'plan details');
		}
		await tx.insert(s.auditLog).values({ userId, action: 'plan.details', entity: 'plan', entityId: planId, detail: { changed, revision } });
		return { ok: true };
	});
}

/**
 * Decides one proposal and saves its edited fields (form: proposalForm). Refuses, field by field,
 * a quote that is not word for word in its clause, an unknown indicator, a "between" without a
 * maximum. Accepting a proposal with no indicator gives it a new one made from the suggestion.
 * @example await reviewProposal(db, user.id, planId, 7, { decision: 'accepted', indicator: { link: 'sh-trial-startup' } })
 */
export async function reviewProposal(db: Database, userId: string, planId: string, proposalId: number, input: unknown): Promise<ReviewResult> {
	const parsed = proposalForm.safeParse(input);
	return db.transaction(async (tx) => {
		const plan = await lockPlan(tx, planId);
		const [proposal] = await tx
			.select({ p: s.targetProposals, clauseText: s.clauses.textZh })
			.from(s.targetProposals)
			.innerJoin(s.clauses, eq(s.clauses.id, s.targetProposals.clauseId))
			.where(and(eq(s.targetProposals.id, proposalId), eq(s.targetProposals.planId, planId)));
		if (!proposal) return { ok: false, errors: { form: `no proposal ${proposalId} in plan ${planId}` } };
		if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
		const f = parsed.data;
		const p = proposal.p;
		const errors: Record<string, string> = {};
		// A target is the document's own words: an edited quote must still stand in its clause.
		if (f.quote !== undefined && !proposal.clauseText.includes(f.quote)) errors.quote = 'not found word for word in the clause';
		const indicatorExists = async (id: string) => (await tx.select({ id: s.indicators.id }).from(s.indicators).where(eq(s.indicators.id, id))).length > 0;
		if (f.indicator && 'link' in f.indicator && !(await indicatorExists(f.indicator.link))) errors.indicator = `no indicator ${f.indicator.link}`;
		if (f.shareOf && !(await indicatorExists(f.shareOf))) errors.shareOf = `no indicator ${f.shareOf}`;
		const comparator = f.comparator ?? p.comparator;
		const max = f.max !== undefined ? f.max : comparator === 'between' ? p.maxValue : null;
		if ((comparator === 'between') !== (max !== null)) errors.max = 'a "between" target has a max, and only it';
		if (Object.keys(errors).length) return { ok: false, errors };

		const kind = f.kind ?? p.kind;
		const next: Partial<typeof s.targetProposals.$inferInsert> = {
			decision: f.decision,
			quote: f.quote ?? p.quote,
			comparator,
			value: f.value ?? p.value,
			maxValue: max,
			unit: f.unit ?? p.unit,
			deadline: f.deadline !== undefined ? f.deadline : p.deadline,
			deadlineBasis: f.deadlineBasis !== undefined ? f.deadlineBasis : p.deadlineBasis,
			kind,
			baselineValue: f.baseline !== undefined ? (f.baseline?.value ?? null) : p.baselineValue,
			baselineDate: f.baseline !== undefined ? (f.baseline?.date ?? null) : p.baselineDate,
			titleZh: f.titleZh ?? p.titleZh,
			titleEn: f.titleEn ?? p.titleEn,
			shareOfIndicatorId: f.shareOf !== undefined ? f.shareOf : kind === 'share' ? p.shareOfIndicatorId : null,
			reviewedBy: userId,
			reviewedAt: new Date()
		};
		if (next.deadline && !next.deadlineBasis) next.deadlineBasis = 'stated';
		if (f.indicator && 'link' in f.indicator) Object.assign(next, { indicatorId: f.indicator.link, newIndicator: null });
		else if (f.indicator && 'create' in f.indicator) Object.assign(next, { indicatorId: null, newIndicator: f.indicator.create });
		else if (f.decision === 'accepted' && !p.indicatorId && !p.newIndicator) {
			next.newIndicator = suggestedIndicator({ indicatorName: p.indicatorName, unit: next.unit!, comparator, kind }, { zh: plan.areaZh, en: plan.areaEn });
		}
		await tx.update(s.targetProposals).set(next).where(eq(s.targetProposals.id, proposalId));
		await tx.insert(s.auditLog).values({
			userId,
			action: 'proposal.review',
			entity: 'target_proposal',
			entityId: String(proposalId),
			detail: { planId, ...f }
		});
		return { ok: true };
	});
}

/**
 * Accepts every pending proposal as the extractor read it, each with a new indicator made from
 * its suggestion (unless it is already linked). Returns how many were accepted.
 */
export async function acceptPending(db: Database, userId: string, planId: string): Promise<{ accepted: number }> {
	return db.transaction(async (tx) => {
		const plan = await lockPlan(tx, planId);
		const pending = await tx
			.select()
			.from(s.targetProposals)
			.where(and(eq(s.targetProposals.planId, planId), eq(s.targetProposals.decision, 'pending')))
			.orderBy(asc(s.targetProposals.position));
		const now = new Date();
		for (const p of pending) {
			await tx
				.update(s.targetProposals)
				.set({
					decision: 'accepted',
					newIndicator: p.indicatorId || p.newIndicator ? p.newIndicator : suggestedIndicator(p, { zh: plan.areaZh, en: plan.areaEn }),
					reviewedBy: userId,
					reviewedAt: now
				})
				.where(eq(s.targetProposals.id, p.id));
		}
		await tx.insert(s.auditLog).values({ userId, action: 'proposal.accept_pending', entity: 'plan', entityId: planId, detail: { proposals: pending.map((p) => p.id) } });
		return { accepted: pending.length };
	});
}

/**
 * Discards a draft that was never published: the plan, its clauses, document, proposals, facts and
 * tasks. Organisations the upload created stay (they may be named elsewhere). Refuses a published plan.
 */
export async function deleteDraft(db: Database, userId: string, planId: string): Promise<{ ok: true } | { ok: false; reason: string }> {
	return db.transaction(async (tx) => {
		const plan = await lockPlan(tx, planId);
		if (plan.status !== 'draft') return { ok: false, reason: 'a published plan is revised, never deleted' };
		await tx.delete(s.plans).where(eq(s.plans.id, planId));
		await tx.insert(s.auditLog).values({ userId, action: 'plan.discard', entity: 'plan', entityId: planId, detail: { titleZh: plan.titleZh } });
		return { ok: true };
	});
}
