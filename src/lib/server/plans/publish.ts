/**
 * Plan intake, last step: publishing. Accepted proposals become the plan's targets (a proposal
 * keeps its target id from one revision to the next), new indicators are created, and the plan as
 * it now stands is kept whole in plan_revisions. Publishing a published plan again makes the next
 * revision: earlier ones stay as they were (books as of a past day read them).
 */
import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { refreshJudgements } from '../queries/judgements';
import { publishProblems, type PublishProblem } from '../../domain/intake/publish-problems';
import { PlanNotFoundError } from './drafts';
import { bundleHash, dropTargetsExcept, excludedColumns, exportPlanBundle, recordRevision } from './bundle';

export type PublishResult = { ok: true; revision: number; changed: boolean } | { ok: false; problems: PublishProblem[] };

/** The next free "<prefix><n>" id among `taken`. */
function nextId(prefix: string, taken: Set<string>): string {
	let n = 1;
	while (taken.has(`${prefix}${n}`)) n += 1;
	const id = `${prefix}${n}`;
	taken.add(id);
	return id;
}

/**
 * Publishes a plan in one transaction, or says what stops it (pending proposals, accepted targets
 * without deadline, indicator or share parent, unconfirmed dates). Publishing a published plan
 * whose targets and details are unchanged records nothing (`changed: false`).
 * @example await publishPlan(db, user.id, 'plan-2022-2-ab12cd34', 'first revision') // { ok: true, revision: 1, changed: true }
 */
export async function publishPlan(db: Database, userId: string, planId: string, note?: string): Promise<PublishResult> {
	return db.transaction(async (tx) => {
		const [plan] = await tx.select().from(s.plans).where(eq(s.plans.id, planId)).for('update');
		if (!plan) throw new PlanNotFoundError(planId);
		const [document] = await tx.select({ assumedFields: s.planDocuments.assumedFields }).from(s.planDocuments).where(eq(s.planDocuments.planId, planId));
		const proposals = await tx.select().from(s.targetProposals).where(eq(s.targetProposals.planId, planId)).orderBy(asc(s.targetProposals.position), asc(s.targetProposals.id));
		const problems = publishProblems({ ...plan, assumedFields: document?.assumedFields ?? [] }, proposals.map((p) => ({ ...p, hasNewIndicator: p.newIndicator !== null })));
		if (problems.length) return { ok: false, problems };

		const accepted = proposals.filter((p) => p.decision === 'accepted');
		// New indicators get ids of the plan's own, "<plan>-i<n>".
		const takenIndicators = new Set(
			(await tx.select({ id: s.indicators.id }).from(s.indicators).where(like(s.indicators.id, `${planId}-i%`))).map((r) => r.id)
		);
		const takenTargets = new Set([
			...(await tx.select({ id: s.targets.id }).from(s.targets).where(like(s.targets.id, `${planId}-t%`))).map((r) => r.id),
			...proposals.flatMap((p) => (p.targetId ? [p.targetId] : []))
		]);
		const created: string[] = [];
		for (const p of accepted) {
			const change: Partial<typeof s.targetProposals.$inferInsert> = {};
			if (!p.indicatorId && p.newIndicator) {
				const id = nextId(`${planId}-i`, takenIndicators);
				await tx.insert(s.indicators).values({ id, ...p.newIndicator });
				created.push(id);
				Object.assign(change, { indicatorId: id, newIndicator: null });
				p.indicatorId = id;
			}
			if (!p.targetId) {
				change.targetId = nextId(`${planId}-t`, takenTargets);
				p.targetId = change.targetId;
			}
			if (Object.keys(change).length) await tx.update(s.targetProposals).set(change).where(eq(s.targetProposals.id, p.id));
		}

		// A target the plan no longer has goes, with its judgements and task links; older revisions keep it in their bundles.
		const targetIds = accepted.map((p) => p.targetId!);
		await dropTargetsExcept(tx, planId, targetIds);
		if (accepted.length) {
			const rows = accepted.map((p, position) => ({
				id: p.targetId!,
				planId,
				clauseId: p.clauseId,
				position,
				quote: p.quote,
				titleZh: p.titleZh,
				titleEn: p.titleEn,
				indicatorId: p.indicatorId!,
				comparator: p.comparator,
				value: p.value,
				maxValue: p.maxValue,
				unit: p.unit,
				kind: p.kind,
				baselineValue: p.baselineValue,
				baselineDate: p.baselineDate,
				baselineImplied: false,
				deadline: p.deadline!,
				deadlineBasis: p.deadlineBasis ?? 'stated',
				shareOfIndicatorId: p.kind === 'share' ? p.shareOfIndicatorId : null
			}));
			// Positions and rows are rewritten; notes a bundle brought in stay.
			await tx
				.insert(s.targets)
				.values(rows)
				.onConflictDoUpdate({ target: s.targets.id, set: excludedColumns(s.targets, 'id', ['baselineImplied', 'noteZh', 'noteEn']) });
		}

		// An uploaded plan's tasks serve the targets of their own clause (the seed plans' links are curated in their bundles).
		if (document) {
			await tx.execute(sql`insert into task_targets (task_id, target_id, basis, quote)
				select k.id, t.id, 'clause', t.quote from tasks k join targets t on t.plan_id = k.plan_id and t.clause_id = k.clause_id
				where k.plan_id = ${planId} on conflict do nothing`);
		}

		const wasPublished = plan.status === 'published';
		const [latest] = wasPublished
			? await tx.select().from(s.planRevisions).where(and(eq(s.planRevisions.planId, planId), eq(s.planRevisions.revision, plan.revision)))
			: [];
		if (wasPublished && latest && latest.sha256 === bundleHash((await exportPlanBundle(tx, planId))!)) {
			return { ok: true, revision: plan.revision, changed: false };
		}
		const revision = wasPublished && latest ? plan.revision + 1 : 1;
		const now = new Date();
		await tx.update(s.plans).set({ status: 'published', revision, publishedAt: now }).where(eq(s.plans.id, planId));
		await recordRevision(tx, planId, revision, userId, now, note ?? null);
		await tx.insert(s.auditLog).values({
			userId,
			action: 'plan.publish',
			entity: 'plan',
			entityId: planId,
			detail: { revision, targets: targetIds, newIndicators: created, rejected: proposals.filter((p) => p.decision === 'rejected').map((p) => p.id), note: note ?? null }
		});
		await refreshJudgements(tx, { planIds: [planId], force: true });
		return { ok: true, revision, changed: true };
	});
}

