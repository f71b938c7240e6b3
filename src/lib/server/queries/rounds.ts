/**
 * Data rounds (填报): opening a round makes one request per indicator (to its owner unit) and per
 * task (to its lead unit); reporters submit, coordinators approve or return. Nothing a reporter
 * submits counts until approved: the approval writes the figure through the same path as any
 * figure (addObservationIn / correctObservationIn), so judging, the data version and the live
 * screens' notification follow as for every write. Every write here is audited.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Provenance, Role } from '../../domain/plan';
import { canSubmit, parseRoundPeriod, requestAccess, requestedPeriod } from '../../domain/rounds';
import type { TaskStatus } from '../../domain/tasks';
import { localDay } from '../../domain/dates';
import { route } from '../../route';
import { deploymentTimeZone } from '../config';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { addObservationIn, correctObservationIn, type NewSource } from './observations';
import { alertApprovalWaiting } from '../alerts/round-alerts';
import { currentFigure, usualBases } from './round-reads';
import { recordTaskUpdateIn } from './tasks';

// Reads live apart (round-reads.ts), so the read side can use them without importing these writes.
export * from './round-reads';

/** Who acts: the session user's role and unit decide which requests they may touch. */
export interface RoundActor {
	id: string;
	role: Role;
	organisationId: string | null;
}

/** A refusal the form shows as a message key (rounds.error.*), never a database error. */
export class RoundError extends Error {
	constructor(readonly code: 'not_found' | 'closed' | 'not_open' | 'needs_reason' | 'comment_required' | 'not_submitted' | 'no_requests' | 'bad_period') {
		super(`round: ${code}`);
	}
}

// --- Opening ----------------------------------------------------------------------------------

export interface RoundOpening {
	title: string;
	period: string;
	dueOn: string;
	indicatorIds: string[];
	taskIds: string[];
	userId: string;
}

/**
 * Opens a round: one request per indicator that has an owner unit and a figure due in the round's
 * period, one per task with a lead unit. Indicators and tasks nobody can be asked are kept on the
 * round, so its page lists them.
 */
export async function openRound(db: Database, opening: RoundOpening): Promise<{ roundId: number; requested: number; unasked: string[]; notDue: string[] }> {
	const period = parseRoundPeriod(opening.period);
	if (!period.ok) throw new RoundError('bad_period');
	return db.transaction(async (tx) => {
		const indicatorIds = [...new Set(opening.indicatorIds)];
		const taskIds = [...new Set(opening.taskIds)];
		const indicators = indicatorIds.length
			? await tx
					.select({ id: s.indicators.id, frequency: s.indicators.frequency, measure: s.indicators.measure, unitId: s.indicatorOwners.organisationId })
					.from(s.indicators)
					.leftJoin(s.indicatorOwners, eq(s.indicatorOwners.indicatorId, s.indicators.id))
					.where(inArray(s.indicators.id, indicatorIds))
			: [];
		const tasks = taskIds.length
			? await tx
					.select({ id: s.tasks.id, unitId: s.taskUnits.organisationId })
					.from(s.tasks)
					.leftJoin(s.taskUnits, and(eq(s.taskUnits.taskId, s.tasks.id), eq(s.taskUnits.role, 'lead')))
					.where(inArray(s.tasks.id, taskIds))
			: [];
		const usualBasis = await usualBases(tx, indicatorIds);
		const unasked = indicators.filter((i) => !i.unitId).map((i) => i.id);
		const unaskedTasks = tasks.filter((t) => !t.unitId).map((t) => t.id);
		const notDue: string[] = [];
		const figureRequests = indicators.flatMap((i) => {
			if (!i.unitId) return [];
			const asked = requestedPeriod(period.value, { ...i, usualBasis: usualBasis.get(i.id) ?? null });
			if (!asked.asked) {
				notDue.push(i.id);
				return [];
			}
			return [{ organisationId: i.unitId, kind: 'figure' as const, indicatorId: i.id, period: asked.period, periodStart: asked.periodStart, periodEnd: asked.periodEnd, basis: asked.basis }];
		});
		const taskRequests = tasks.filter((t) => t.unitId).map((t) => ({ organisationId: t.unitId!, kind: 'task' as const, taskId: t.id }));
		if (figureRequests.length + taskRequests.length === 0) throw new RoundError('no_requests');
		const [round] = await tx
			.insert(s.rounds)
			.values({
				title: opening.title,
				period: period.value.period,
				periodStart: period.value.periodStart,
				periodEnd: period.value.periodEnd,
				dueOn: opening.dueOn,
				unaskedIndicatorIds: unasked,
				unaskedTaskIds: unaskedTasks,
				openedBy: opening.userId
			})
			.returning({ id: s.rounds.id });
		await tx.insert(s.roundRequests).values([...figureRequests, ...taskRequests].map((r) => ({ ...r, roundId: round.id })));
		await tx.insert(s.auditLog).values({
			userId: opening.userId,
			action: 'round.open',
			entity: 'round',
			entityId: String(round.id),
			detail: { title: opening.title, period: period.value.period, dueOn: opening.dueOn, figures: figureRequests.length, tasks: taskRequests.length, unasked, unaskedTasks, notDue }
		});
		return { roundId: round.id, requested: figureRequests.length + taskRequests.length, unasked: [...unasked, ...unaskedTasks], notDue };
	});
}

/** Closes a round: no more submissions; what was approved stays. */
export async function closeRound(db: Database, roundId: number, userId: string): Promise<void> {
	await db.transaction(async (tx) => {
		const [round] = await tx.select().from(s.rounds).where(eq(s.rounds.id, roundId)).for('update');
		if (!round) throw new RoundError('not_found');
		if (round.status === 'closed') throw new RoundError('closed');
		await tx.update(s.rounds).set({ status: 'closed', closedBy: userId, closedAt: new Date() }).where(eq(s.rounds.id, roundId));
		await tx.insert(s.auditLog).values({ userId, action: 'round.close', entity: 'round', entityId: String(roundId), detail: {} });
	});
}

// --- Submitting and reviewing -----------------------------------------------------------------

export interface Submission {
	/** A figure. */
	value?: number | null;
	provenance?: Provenance | null;
	sourceId?: string | null;
	newSource?: NewSource | null;
	reason?: string | null;
	/** A task note. */
	taskStatus?: TaskStatus | null;
	progressOn?: string | null;
	evidenceUrl?: string | null;
	evidenceFile?: { name: string; type: string; bytes: Uint8Array } | null;
	note: string | null;
}

/** Locks the request and checks that this actor may act on it as `as`; a request of another unit is "not found". */
async function lockRequest(tx: Transaction, requestId: number, actor: RoundActor, as: 'reporter' | 'coordinator') {
	const [found] = await tx
		.select({ request: s.roundRequests, roundStatus: s.rounds.status, roundTitle: s.rounds.title })
		.from(s.roundRequests)
		.innerJoin(s.rounds, eq(s.rounds.id, s.roundRequests.roundId))
		.where(eq(s.roundRequests.id, requestId))
		.for('update', { of: s.roundRequests });
	if (!found || requestAccess(actor, found.request.organisationId) !== as) throw new RoundError('not_found');
	return found;
}

/**
 * A reporter's submission: the request's next numbered submission (earlier ones are kept), then it
 * waits for review. A figure for a period that already has one must carry a reason: its approval
 * will be a correction.
 */
export async function submitToRequest(db: Database, requestId: number, actor: RoundActor, submission: Submission): Promise<{ version: number }> {
	return db.transaction(async (tx) => {
		const { request, roundStatus } = await lockRequest(tx, requestId, actor, 'reporter');
		if (!canSubmit(request.status, roundStatus)) throw new RoundError(roundStatus === 'closed' ? 'closed' : 'not_open');
		if (request.kind === 'figure' && !submission.reason?.trim()) {
			const current = await currentFigure(tx, request);
			if (current && current.value !== null) throw new RoundError('needs_reason');
		}
		let evidenceFileId: number | null = null;
		if (submission.evidenceFile) {
			const bytes = submission.evidenceFile.bytes;
			const [file] = await tx
				.insert(s.evidenceFiles)
				.values({
					fileName: submission.evidenceFile.name,
					contentType: submission.evidenceFile.type || 'application/octet-stream',
					size: bytes.byteLength,
					sha256: createHash('sha256').update(bytes).digest('hex'),
					content: bytes,
					uploadedBy: actor.id
				})
				.returning({ id: s.evidenceFiles.id });
			evidenceFileId = file.id;
		}
		const [last] = await tx.select({ v: sql<number>`coalesce(max(${s.roundSubmissions.version}), 0)` }).from(s.roundSubmissions).where(eq(s.roundSubmissions.requestId, requestId));
		const version = Number(last.v) + 1;
		await tx.insert(s.roundSubmissions).values({
			requestId,
			version,
			value: submission.value ?? null,
			provenance: submission.provenance ?? null,
			sourceId: submission.newSource ? null : (submission.sourceId ?? null),
			newSource: submission.newSource ?? null,
			taskStatus: submission.taskStatus ?? null,
			progressOn: submission.progressOn ?? null,
			evidenceUrl: submission.evidenceUrl ?? null,
			evidenceFileId,
			note: submission.note,
			reason: submission.reason?.trim() || null,
			submittedBy: actor.id
		});
		await tx.update(s.roundRequests).set({ status: 'submitted', updatedAt: new Date() }).where(eq(s.roundRequests.id, requestId));
		await tx.insert(s.auditLog).values({
			userId: actor.id,
			action: 'round.submit',
			entity: 'round_request',
			entityId: String(requestId),
			detail: { version, value: submission.value ?? null, taskStatus: submission.taskStatus ?? null, evidenceFileId, reason: submission.reason ?? null }
		});
		await alertApprovalWaiting(tx, requestId, version);
		return { version };
	});
}

export type Review = { decision: 'approve' } | { decision: 'return'; comment: string };

/**
 * A coordinator's review of the newest submission. Approving writes the figure (a new observation,
 * or a correction with the submission's reason when the period has one) or the task's progress
 * note, recorded by the approver and linked to the submission, so its history says who reported
 * and who approved. Returning needs a comment; the request goes back to the unit.
 */
export async function reviewRequest(db: Database, requestId: number, actor: RoundActor, review: Review): Promise<void> {
	if (review.decision === 'return' && !review.comment.trim()) throw new RoundError('comment_required');
	await db.transaction(async (tx) => {
		const { request, roundTitle } = await lockRequest(tx, requestId, actor, 'coordinator');
		if (request.status !== 'submitted') throw new RoundError('not_submitted');
		const [sub] = await tx.select().from(s.roundSubmissions).where(eq(s.roundSubmissions.requestId, requestId)).orderBy(desc(s.roundSubmissions.version)).limit(1);
		const now = new Date();
		if (review.decision === 'return') {
			await tx.update(s.roundSubmissions).set({ decision: 'returned', reviewComment: review.comment.trim(), reviewedBy: actor.id, reviewedAt: now }).where(eq(s.roundSubmissions.id, sub.id));
			await tx.update(s.roundRequests).set({ status: 'returned', updatedAt: now }).where(eq(s.roundRequests.id, requestId));
			await tx.insert(s.auditLog).values({ userId: actor.id, action: 'round.return', entity: 'round_request', entityId: String(requestId), detail: { version: sub.version, comment: review.comment.trim() } });
			return;
		}
		const recorded = request.kind === 'figure' ? await approveFigure(tx, request, sub, actor.id, roundTitle) : await approveTaskNote(tx, request, sub, actor.id);
		await tx.update(s.roundSubmissions).set({ decision: 'approved', reviewedBy: actor.id, reviewedAt: now, ...recorded }).where(eq(s.roundSubmissions.id, sub.id));
		await tx.update(s.roundRequests).set({ status: 'approved', updatedAt: now }).where(eq(s.roundRequests.id, requestId));
		await tx.insert(s.auditLog).values({ userId: actor.id, action: 'round.approve', entity: 'round_request', entityId: String(requestId), detail: { version: sub.version, ...recorded } });
	});
}

type RequestRecord = typeof s.roundRequests.$inferSelect;
type SubmissionRecord = typeof s.roundSubmissions.$inferSelect;

async function approveFigure(tx: Transaction, request: RequestRecord, sub: SubmissionRecord, approverId: string, roundTitle: string) {
	const source = sub.sourceId ? { sourceId: sub.sourceId, newSource: null } : { sourceId: null, newSource: sub.newSource ?? (await evidenceAsSource(tx, request, sub)) };
	const current = await currentFigure(tx, request);
	if (current) {
		// Never an overwrite: the approved submission is the figure's next version, with the reporter's reason
		// (a withdrawn figure has no value to overwrite: the round itself is the reason to record one again).
		if (!sub.reason && current.value !== null) throw new RoundError('needs_reason');
		const version = await correctObservationIn(tx, {
			observationId: current.observationId,
			expectedVersion: current.version,
			value: sub.value,
			provenance: sub.provenance!,
			...source,
			// A unit's report stands on its own source: the caveats of the figure it replaces do not carry over.
			flags: [],
			note: sub.note,
			reason: sub.reason ? `${sub.reason} (${roundTitle})` : roundTitle,
			userId: approverId
		});
		return { observationVersionId: version.id };
	}
	const added = await addObservationIn(tx, {
		indicatorId: request.indicatorId!,
		period: request.period!,
		periodStart: request.periodStart!,
		periodEnd: request.periodEnd!,
		basis: request.basis!,
		value: sub.value!,
		provenance: sub.provenance!,
		...source,
		note: sub.note,
		userId: approverId
	});
	return { observationVersionId: added.versionId };
}

/** A figure backed only by an uploaded file: its source is that file, published by the reporting unit on the day it was submitted. */
async function evidenceAsSource(tx: Transaction, request: RequestRecord, sub: SubmissionRecord): Promise<NewSource> {
	const [file] = await tx.select({ name: s.evidenceFiles.fileName }).from(s.evidenceFiles).where(eq(s.evidenceFiles.id, sub.evidenceFileId!));
	const [unit] = await tx.select({ nameZh: s.organisations.nameZh }).from(s.organisations).where(eq(s.organisations.id, request.organisationId));
	return { title: file.name, publisher: unit.nameZh, url: route.roundEvidence(request.id, sub.evidenceFileId!), publishedOn: localDay(sub.submittedAt, deploymentTimeZone()) };
}

async function approveTaskNote(tx: Transaction, request: RequestRecord, sub: SubmissionRecord, approverId: string) {
	const [latest] = await tx.select({ v: sql<number>`coalesce(max(${s.taskUpdates.version}), 0)` }).from(s.taskUpdates).where(eq(s.taskUpdates.taskId, request.taskId!));
	const note = await recordTaskUpdateIn(tx, {
		taskId: request.taskId!,
		userId: approverId,
		expectedVersion: Number(latest.v),
		status: sub.taskStatus!,
		progressOn: sub.progressOn!,
		note: sub.note ?? '',
		evidenceUrl: sub.evidenceUrl,
		evidenceFile: null,
		evidenceFileId: sub.evidenceFileId
	});
	return { taskUpdateId: note.id };
}

/** Sets (or clears) a unit's head, audited. */
export async function setOrganisationHead(db: Database, organisationId: string, headUserId: string | null, authorId: string): Promise<'ok' | 'not_found'> {
	return db.transaction(async (tx) => {
		const [unit] = await tx.select().from(s.organisations).where(eq(s.organisations.id, organisationId)).for('update');
		if (!unit) return 'not_found';
		if (headUserId) {
			const [user] = await tx.select({ id: s.users.id }).from(s.users).where(and(eq(s.users.id, headUserId), eq(s.users.isSystem, false)));
			if (!user) return 'not_found';
		}
		await tx.update(s.organisations).set({ headUserId }).where(eq(s.organisations.id, organisationId));
		await tx.insert(s.auditLog).values({ userId: authorId, action: 'organisation.head', entity: 'organisation', entityId: organisationId, detail: { from: unit.headUserId, to: headUserId } });
		return 'ok';
	});
}

