/**
 * Reading data rounds: what a round can ask, rounds and their requests, a request with its numbered
 * submissions, lateness per unit and the reminders due. Writes live in rounds.ts, so the wall and
 * other read-side code can count late requests without importing them.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { inLocale, type Frequency, type Locale, type Measure, type ObservationBasis, type Provenance } from '../../domain/plan';
import { AWAITING_UNIT, daysLate, isLate, isRowId, reminderKind, tallyByUnit, type RequestRow, type RequestStatus, type RoundRow, type SubmissionRow, type UnitTally } from '../../domain/rounds';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { publishedPlan } from './published';
import { sourceLabel } from '../../domain/import-rows';

export type { RequestRow, RoundRow, SubmissionRow } from '../../domain/rounds';

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
/** The basis each indicator's newest figure is kept on, so a request lines up with its series. */
export async function usualBases(db: Database | Transaction, indicatorIds: string[]): Promise<Map<string, ObservationBasis>> {
	if (indicatorIds.length === 0) return new Map();
	const newest = await db
		.selectDistinctOn([s.observations.indicatorId], { indicatorId: s.observations.indicatorId, basis: s.observations.basis })
		.from(s.observations)
		.where(inArray(s.observations.indicatorId, indicatorIds))
		.orderBy(s.observations.indicatorId, desc(s.observations.periodEnd));
	return new Map(newest.map((n) => [n.indicatorId, n.basis]));
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
export async function currentFigure(db: Database | Transaction, r: typeof s.roundRequests.$inferSelect) {
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
	if (!isRowId(requestId)) return null;
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
	/** The period asked for (the round's own for a task's note). */
	period: string;
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
			period: r.period ?? r.roundPeriod,
			status: r.status,
			unit: { id: r.organisationId, name: r.unitName },
			reporters: people.filter((p) => p.organisationId === r.organisationId && p.role === 'reporter').map(({ id, username, displayName }) => ({ id, username, displayName })),
			head: head ? { id: head.id, username: head.username, displayName: head.displayName } : null
		};
	});
}

/** Every source, for the submission form's choice (as on the target page). */
export async function sourceChoices(db: Database): Promise<{ id: string; label: string; publishedOn: string }[]> {
	const rows = await db.select().from(s.sources).orderBy(asc(s.sources.publisher), asc(s.sources.title));
	return rows.map((x) => ({ id: x.id, label: sourceLabel(x), publishedOn: x.publishedOn }));
}

/** A unit's head, or null. */
export async function organisationHead(db: Database, organisationId: string): Promise<{ id: string; displayName: string } | null> {
	const [row] = await db
		.select({ id: s.users.id, displayName: s.users.displayName })
		.from(s.organisations)
		.innerJoin(s.users, eq(s.users.id, s.organisations.headUserId))
		.where(eq(s.organisations.id, organisationId));
	return row ?? null;
}


/** Each late request of an open round (not approved, due day passed), with what it asks: the wall picks its board's. */
export async function lateRequestList(db: Database, today: string): Promise<{ organisationId: string; indicatorId: string | null; taskId: string | null }[]> {
	return db
		.select({ organisationId: s.roundRequests.organisationId, indicatorId: s.roundRequests.indicatorId, taskId: s.roundRequests.taskId })
		.from(s.roundRequests)
		.innerJoin(s.rounds, eq(s.rounds.id, s.roundRequests.roundId))
		.where(and(eq(s.rounds.status, 'open'), sql`${s.roundRequests.status} <> 'approved'`, sql`${s.rounds.dueOn} < ${today}`));
}

/** A unit's name in the reader's language, or null. */
export async function organisationName(db: Database, organisationId: string, locale: Locale): Promise<string | null> {
	const [row] = await db.select({ nameZh: s.organisations.nameZh, nameEn: s.organisations.nameEn }).from(s.organisations).where(eq(s.organisations.id, organisationId));
	return row ? inLocale(row.nameZh, row.nameEn, locale) : null;
}

/** How many of a unit's requests in open rounds wait for it (not yet submitted, or returned): the reporter's reminder on the home page. */
export async function unitRequestsToDo(db: Database, organisationId: string): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)` })
		.from(s.roundRequests)
		.innerJoin(s.rounds, eq(s.rounds.id, s.roundRequests.roundId))
		.where(and(eq(s.roundRequests.organisationId, organisationId), eq(s.rounds.status, 'open'), inArray(s.roundRequests.status, [...AWAITING_UNIT])));
	return Number(row.n);
}
