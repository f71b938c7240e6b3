/**
 * Data rounds (填报): opening a round makes one request per indicator (to its owner unit) and per
 * task (to its lead unit); reporters submit, coordinators approve or return. Nothing a reporter
 * submits counts until approved: the approval writes the figure through the same path as any
 * figure (addObservationIn / correctObservationIn), so judging, the data version and the live
 * screens' notification follow as for every write. Every write here is audited.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { inLocale, type Frequency, type Locale, type Measure, type ObservationBasis, type Provenance, type Role } from '../../domain/plan';
import {
	canSubmit,
	daysLate,
	isLate,
	parseRoundPeriod,
	reminderKind,
	requestAccess,
	requestedPeriod,
	tallyByUnit,
	type RequestRow,
	type RequestStatus,
	type RoundRow,
	type SubmissionRow,
	type UnitTally
} from '../../domain/rounds';
export type { RequestRow, RoundRow, SubmissionRow } from '../../domain/rounds';
import type { TaskStatus } from '../../domain/tasks';
import { localDay } from '../../domain/dates';
import { route } from '../../route';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { addObservationIn, correctObservationIn, type NewSource } from './observations';
import { publishedPlan } from './published';
import { recordTaskUpdateIn } from './tasks';

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

export interface RoundChoicePlan {
	id: string;
	title: string;
	indicators: { id: string; name: string; frequency: Frequency; measure: Measure; usualBasis: ObservationBasis | null; unitId: string | null; unitName: string | null }[];
	tasks: { id: string; number: number; kind: string; title: string; unitId: string | null; unitName: string | null }[];
}

/** What a round can ask for, by published plan: its targets' indicators with owner units, its tasks with lead units. */
export async function roundChoices(db: Database, locale: Locale): Promise<RoundChoicePlan[]> {
	const pick = (zh: string, en: string) => inLocale(zh, en, locale);
	const plans = await db.select({ id: s.plans.id, titleZh: s.plans.titleZh, titleEn: s.plans.titleEn }).from(s.plans).where(publishedPlan).orderBy(asc(s.plans.issuedOn), asc(s.plans.id));
	const indicators = await db
		.selectDistinct({
			planId: s.targets.planId,
			id: s.indicators.id,
			nameZh: s.indicators.nameZh,
			nameEn: s.indicators.nameEn,
			frequency: s.indicators.frequency,
			measure: s.indicators.measure,
			unitId: s.indicatorOwners.organisationId,
			unitZh: s.organisations.nameZh,
			unitEn: s.organisations.nameEn
		})
		.from(s.targets)
		.innerJoin(s.indicators, eq(s.indicators.id, s.targets.indicatorId))
		.leftJoin(s.indicatorOwners, eq(s.indicatorOwners.indicatorId, s.indicators.id))
		.leftJoin(s.organisations, eq(s.organisations.id, s.indicatorOwners.organisationId))
		.orderBy(asc(s.indicators.id));
	const tasks = await db
		.select({
			planId: s.tasks.planId,
			id: s.tasks.id,
			number: s.tasks.number,
			kind: s.tasks.kind,
			titleZh: s.tasks.titleZh,
			titleEn: s.tasks.titleEn,
			unitId: s.taskUnits.organisationId,
			unitZh: s.organisations.nameZh,
			unitEn: s.organisations.nameEn
		})
		.from(s.tasks)
		.leftJoin(s.taskUnits, and(eq(s.taskUnits.taskId, s.tasks.id), eq(s.taskUnits.role, 'lead')))
		.leftJoin(s.organisations, eq(s.organisations.id, s.taskUnits.organisationId))
		.orderBy(asc(s.tasks.kind), asc(s.tasks.number));
	const usualBasis = await usualBases(db, [...new Set(indicators.map((i) => i.id))]);
	return plans.map((p) => ({
		id: p.id,
		title: pick(p.titleZh, p.titleEn),
		indicators: indicators
			.filter((i) => i.planId === p.id)
			.map((i) => ({ id: i.id, name: pick(i.nameZh, i.nameEn), frequency: i.frequency, measure: i.measure, usualBasis: usualBasis.get(i.id) ?? null, unitId: i.unitId, unitName: i.unitZh ? pick(i.unitZh, i.unitEn!) : null })),
		tasks: tasks
			.filter((t) => t.planId === p.id)
			.map((t) => ({ id: t.id, number: t.number, kind: t.kind, title: pick(t.titleZh, t.titleEn), unitId: t.unitId, unitName: t.unitZh ? pick(t.unitZh, t.unitEn!) : null }))
	}));
}

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

/** The basis each indicator's newest figure is kept on, so a request lines up with its series. */
async function usualBases(db: Database | Transaction, indicatorIds: string[]): Promise<Map<string, ObservationBasis>> {
	if (indicatorIds.length === 0) return new Map();
	const newest = await db
		.selectDistinctOn([s.observations.indicatorId], { indicatorId: s.observations.indicatorId, basis: s.observations.basis })
		.from(s.observations)
		.where(inArray(s.observations.indicatorId, indicatorIds))
		.orderBy(s.observations.indicatorId, desc(s.observations.periodEnd));
	return new Map(newest.map((n) => [n.indicatorId, n.basis]));
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

// --- Reading ----------------------------------------------------------------------------------


/** Every round, newest first, with its counts. */
export async function listRounds(db: Database, today: string): Promise<RoundRow[]> {
	const rounds = await db.select({ round: s.rounds, openedBy: s.users.displayName }).from(s.rounds).innerJoin(s.users, eq(s.users.id, s.rounds.openedBy)).orderBy(desc(s.rounds.id));
	const requests = rounds.length ? await db.select({ roundId: s.roundRequests.roundId, organisationId: s.roundRequests.organisationId, status: s.roundRequests.status }).from(s.roundRequests) : [];
	return rounds.map(({ round, openedBy }) => {
		const mine = requests.filter((r) => r.roundId === round.id);
		return {
			id: round.id,
			title: round.title,
			period: round.period,
			dueOn: round.dueOn,
			status: round.status,
			openedBy,
			openedAt: round.openedAt,
			requested: mine.length,
			submitted: mine.filter((r) => r.status === 'submitted').length,
			approved: mine.filter((r) => r.status === 'approved').length,
			late: mine.filter((r) => round.status === 'open' && isLate(r.status, round.dueOn, today)).length
		};
	});
}


const requestColumns = {
	request: s.roundRequests,
	round: { title: s.rounds.title, period: s.rounds.period, status: s.rounds.status, dueOn: s.rounds.dueOn },
	unitZh: s.organisations.nameZh,
	unitEn: s.organisations.nameEn,
	indicatorZh: s.indicators.nameZh,
	indicatorEn: s.indicators.nameEn,
	indicatorUnit: s.indicators.unit,
	taskZh: s.tasks.titleZh,
	taskEn: s.tasks.titleEn
};

async function readRequests(db: Database | Transaction, where: ReturnType<typeof eq> | undefined, locale: Locale, today: string): Promise<RequestRow[]> {
	const rows = await db
		.select(requestColumns)
		.from(s.roundRequests)
		.innerJoin(s.rounds, eq(s.rounds.id, s.roundRequests.roundId))
		.innerJoin(s.organisations, eq(s.organisations.id, s.roundRequests.organisationId))
		.leftJoin(s.indicators, eq(s.indicators.id, s.roundRequests.indicatorId))
		.leftJoin(s.tasks, eq(s.tasks.id, s.roundRequests.taskId))
		.where(where)
		.orderBy(desc(s.roundRequests.roundId), asc(s.roundRequests.organisationId), asc(s.roundRequests.kind), asc(s.roundRequests.id));
	const pick = (zh: string | null, en: string | null) => inLocale(zh ?? '', en ?? '', locale);
	return rows.map(({ request: r, round, ...names }) => {
		// A closed round's unanswered requests are no longer chased: not late.
		const late = round.status === 'open' && isLate(r.status, round.dueOn, today);
		return {
			id: r.id,
			roundId: r.roundId,
			roundTitle: round.title,
			roundPeriod: round.period,
			roundStatus: round.status,
			dueOn: round.dueOn,
			organisationId: r.organisationId,
			unitName: pick(names.unitZh, names.unitEn),
			kind: r.kind,
			indicatorId: r.indicatorId,
			taskId: r.taskId,
			subject: r.kind === 'figure' ? pick(names.indicatorZh, names.indicatorEn) : pick(names.taskZh, names.taskEn),
			unit: names.indicatorUnit,
			period: r.period,
			basis: r.basis,
			status: r.status,
			late,
			daysLate: late ? daysLate(r.status, round.dueOn, today) : 0,
			updatedAt: r.updatedAt
		};
	});
}

export interface RoundDetail {
	round: typeof s.rounds.$inferSelect & { openedByName: string };
	requests: RequestRow[];
	tally: (UnitTally & { name: string })[];
	unasked: { id: string; name: string }[];
	unaskedTasks: { id: string; name: string }[];
}

/** One round: its requests, the per-unit tally (requested / submitted / approved / returned / late) and who could not be asked. */
export async function roundDetail(db: Database, roundId: number, locale: Locale, today: string): Promise<RoundDetail | null> {
	const [found] = await db.select({ round: s.rounds, openedByName: s.users.displayName }).from(s.rounds).innerJoin(s.users, eq(s.users.id, s.rounds.openedBy)).where(eq(s.rounds.id, roundId));
	if (!found) return null;
	const requests = await readRequests(db, eq(s.roundRequests.roundId, roundId), locale, today);
	const names = new Map(requests.map((r) => [r.organisationId, r.unitName]));
	const dueOn = found.round.status === 'open' ? found.round.dueOn : '9999-12-31';
	const unasked = found.round.unaskedIndicatorIds.length ? await db.select().from(s.indicators).where(inArray(s.indicators.id, found.round.unaskedIndicatorIds)) : [];
	const unaskedTasks = found.round.unaskedTaskIds.length ? await db.select().from(s.tasks).where(inArray(s.tasks.id, found.round.unaskedTaskIds)) : [];
	return {
		round: { ...found.round, openedByName: found.openedByName },
		requests,
		tally: tallyByUnit(requests, dueOn, today).map((t) => ({ ...t, name: names.get(t.organisationId) ?? t.organisationId })),
		unasked: unasked.map((i) => ({ id: i.id, name: inLocale(i.nameZh, i.nameEn, locale) })),
		unaskedTasks: unaskedTasks.map((t) => ({ id: t.id, name: inLocale(t.titleZh, t.titleEn, locale) }))
	};
}

/** A unit's requests in every round, newest round first: the reporter's "my requests". */
export function unitRequests(db: Database, organisationId: string, locale: Locale, today: string): Promise<RequestRow[]> {
	return readRequests(db, eq(s.roundRequests.organisationId, organisationId), locale, today);
}

/** Requests waiting for a coordinator's review, oldest first. */
export async function requestsAwaitingReview(db: Database, locale: Locale, today: string): Promise<RequestRow[]> {
	const rows = await readRequests(db, eq(s.roundRequests.status, 'submitted'), locale, today);
	return rows.sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime());
}


export interface RequestDetail {
	request: RequestRow;
	/** Every submission, newest first: none is overwritten. */
	submissions: SubmissionRow[];
	/** The figure the period already has (the request's approval would be a correction of it). */
	current: { observationId: number; version: number; value: number | null; provenance: Provenance } | null;
	/** The task's newest progress note version (0 for none). */
	taskVersion: number;
}

/** One request with its submissions and the figure it would correct. Callers check access first (requireRequestAccess). */
export async function requestDetail(db: Database, requestId: number, locale: Locale, today: string): Promise<RequestDetail | null> {
	const [request] = await readRequests(db, eq(s.roundRequests.id, requestId), locale, today);
	if (!request) return null;
	const submitter = sql<string>`(select display_name from users where id = ${s.roundSubmissions.submittedBy})`;
	const reviewer = sql<string | null>`(select display_name from users where id = ${s.roundSubmissions.reviewedBy})`;
	const rows = await db
		.select({ sub: s.roundSubmissions, submitter, reviewer, source: s.sources, fileName: s.evidenceFiles.fileName, fileSize: s.evidenceFiles.size })
		.from(s.roundSubmissions)
		.leftJoin(s.sources, eq(s.sources.id, s.roundSubmissions.sourceId))
		.leftJoin(s.evidenceFiles, eq(s.evidenceFiles.id, s.roundSubmissions.evidenceFileId))
		.where(eq(s.roundSubmissions.requestId, requestId))
		.orderBy(desc(s.roundSubmissions.version));
	const [raw] = await db.select().from(s.roundRequests).where(eq(s.roundRequests.id, requestId));
	const current = raw.kind === 'figure' ? await currentFigure(db, raw) : null;
	const [task] = raw.taskId ? await db.select({ v: sql<number>`coalesce(max(${s.taskUpdates.version}), 0)` }).from(s.taskUpdates).where(eq(s.taskUpdates.taskId, raw.taskId)) : [];
	return {
		request,
		current,
		taskVersion: Number(task?.v ?? 0),
		submissions: rows.map(({ sub, submitter, reviewer, source, fileName, fileSize }) => ({
			id: sub.id,
			version: sub.version,
			value: sub.value,
			provenance: sub.provenance,
			source: source ? { title: source.title, publisher: source.publisher, url: source.url, publishedOn: source.publishedOn } : sub.newSource,
			taskStatus: sub.taskStatus,
			progressOn: sub.progressOn,
			evidenceUrl: sub.evidenceUrl,
			evidenceFile: sub.evidenceFileId !== null ? { id: sub.evidenceFileId, name: fileName!, size: fileSize! } : null,
			note: sub.note,
			reason: sub.reason,
			submittedBy: submitter,
			submittedAt: sub.submittedAt,
			decision: sub.decision,
			reviewComment: sub.reviewComment,
			reviewedBy: reviewer,
			reviewedAt: sub.reviewedAt
		}))
	};
}

/** The figure the request's period already has, with its newest version; null when none (or withdrawn). */
async function currentFigure(db: Database | Transaction, r: typeof s.roundRequests.$inferSelect) {
	const [found] = await db
		.select({ observationId: s.observations.id, version: s.observationVersions.version, value: s.observationVersions.value, provenance: s.observationVersions.provenance })
		.from(s.observations)
		.innerJoin(s.observationVersions, eq(s.observationVersions.observationId, s.observations.id))
		.where(and(eq(s.observations.indicatorId, r.indicatorId!), eq(s.observations.periodStart, r.periodStart!), eq(s.observations.periodEnd, r.periodEnd!), eq(s.observations.basis, r.basis!)))
		.orderBy(desc(s.observationVersions.version))
		.limit(1);
	return found ?? null;
}

/** The unit a request is addressed to, or null when there is no such request: what access is decided on. */
export async function requestUnit(db: Database, requestId: number): Promise<string | null> {
	if (!Number.isInteger(requestId)) return null;
	const [row] = await db.select({ organisationId: s.roundRequests.organisationId }).from(s.roundRequests).where(eq(s.roundRequests.id, requestId));
	return row?.organisationId ?? null;
}

/** An evidence file of a submission of this request, for download (access to the request checked by the caller). */
export async function requestEvidence(db: Database, requestId: number, fileId: number) {
	const [row] = await db
		.select({ file: s.evidenceFiles })
		.from(s.roundSubmissions)
		.innerJoin(s.evidenceFiles, eq(s.evidenceFiles.id, s.roundSubmissions.evidenceFileId))
		.where(and(eq(s.roundSubmissions.requestId, requestId), eq(s.roundSubmissions.evidenceFileId, fileId)));
	return row?.file ?? null;
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
		// Never an overwrite: the approved submission is the figure's next version, with the reporter's reason.
		if (!sub.reason) throw new RoundError('needs_reason');
		const version = await correctObservationIn(tx, {
			observationId: current.observationId,
			expectedVersion: current.version,
			value: sub.value,
			provenance: sub.provenance!,
			...source,
			note: sub.note,
			reason: `${sub.reason} (${roundTitle})`,
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
	return { title: file.name, publisher: unit.nameZh, url: route.roundEvidence(request.id, sub.evidenceFileId!), publishedOn: localDay(sub.submittedAt, 'UTC') };
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

// --- Lateness and reminders -------------------------------------------------------------------

/** Late requests of open rounds per unit (not approved, due day passed in the deployment's zone): the wall and the organisation view. */
export async function lateRequestsByUnit(db: Database, today: string): Promise<Map<string, number>> {
	const rows = await db
		.select({ organisationId: s.roundRequests.organisationId, n: sql<number>`count(*)` })
		.from(s.roundRequests)
		.innerJoin(s.rounds, eq(s.rounds.id, s.roundRequests.roundId))
		.where(and(eq(s.rounds.status, 'open'), sql`${s.roundRequests.status} <> 'approved'`, sql`${s.rounds.dueOn} < ${today}`))
		.groupBy(s.roundRequests.organisationId);
	return new Map(rows.map((r) => [r.organisationId, Number(r.n)]));
}

export interface RoundReminder {
	kind: 'due_soon' | 'late';
	requestId: number;
	roundId: number;
	roundTitle: string;
	dueOn: string;
	daysLate: number;
	subject: string;
	status: RequestStatus;
	unit: { id: string; name: string };
	reporters: { id: string; username: string; displayName: string }[];
	/** The unit's head, to escalate to; null when none is set. */
	head: { id: string; username: string; displayName: string } | null;
}

/**
 * What reminders are due today: requests of open rounds due within `dueWithinDays` days, and those
 * late by at least `lateByDays`, each with its unit, the unit's reporters and its head. The alerts
 * (mail, webhooks) call this and decide whom to tell.
 */
export async function roundReminders(db: Database, options: { today: string; dueWithinDays: number; lateByDays: number; locale?: Locale }): Promise<RoundReminder[]> {
	const locale = options.locale ?? 'zh';
	const requests = await readRequests(db, eq(s.rounds.status, 'open'), locale, options.today);
	const due = requests
		.map((r) => ({ r, kind: reminderKind(r.status, r.dueOn, options.today, options.dueWithinDays, options.lateByDays) }))
		.filter((x): x is { r: RequestRow; kind: 'due_soon' | 'late' } => x.kind !== null);
	if (due.length === 0) return [];
	const unitIds = [...new Set(due.map((x) => x.r.organisationId))];
	const people = await db
		.select({ id: s.users.id, username: s.users.username, displayName: s.users.displayName, role: s.users.role, organisationId: s.users.organisationId })
		.from(s.users)
		.where(inArray(s.users.organisationId, unitIds));
	const heads = await db
		.select({ unitId: s.organisations.id, id: s.users.id, username: s.users.username, displayName: s.users.displayName })
		.from(s.organisations)
		.innerJoin(s.users, eq(s.users.id, s.organisations.headUserId))
		.where(inArray(s.organisations.id, unitIds));
	return due.map(({ r, kind }) => {
		const head = heads.find((h) => h.unitId === r.organisationId);
		return {
			kind,
			requestId: r.id,
			roundId: r.roundId,
			roundTitle: r.roundTitle,
			dueOn: r.dueOn,
			daysLate: r.daysLate,
			subject: r.subject,
			status: r.status,
			unit: { id: r.organisationId, name: r.unitName },
			reporters: people.filter((p) => p.organisationId === r.organisationId && p.role === 'reporter').map(({ id, username, displayName }) => ({ id, username, displayName })),
			head: head ? { id: head.id, username: head.username, displayName: head.displayName } : null
		};
	});
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

/** Every source, for the submission form's choice (as on the target page). */
export async function sourceChoices(db: Database): Promise<{ id: string; label: string }[]> {
	const rows = await db.select().from(s.sources).orderBy(asc(s.sources.publisher), asc(s.sources.title));
	return rows.map((x) => ({ id: x.id, label: `${x.publisher}: ${x.title} (${x.publishedOn})` }));
}
