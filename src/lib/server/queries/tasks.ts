/**
 * Tasks and measures with their responsible units and progress notes, indicator owners and due
 * dates, and the per-organisation summaries built from them. Progress notes are versions: a new
 * status is a new row, so "as of" a moment is the newest note recorded by then.
 */
import { inLocale } from '../../domain/plan';
import type { VerdictBasis } from '../../domain/verdict';
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Frequency, Locale } from '../../domain/plan';
import {
	judgeTask,
	summariseOrganisations,
	type OrganisationSummary,
	type TaskJudgement,
	type TaskKind,
	type TaskStatus,
	type UnitRole
} from '../../domain/tasks';
import { releaseCalendar, type Release, type ReleaseCalendar } from '../../domain/release-calendar';
import { deploymentTimeZone } from '../config';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { observationsAsOf } from './observation-reads';
import { syncJudgements } from './judgements';
import type { PlanSummary } from './plans';
import { targetIndex } from './target-index';
import { publishedPlan } from './published';

const unitPlans = (status: string) =>
	sql`exists (select 1 from task_units u join tasks t on t.id = u.task_id join plans p on p.id = t.plan_id where u.organisation_id = organisations.id and p.status = ${status})`;
const notOnlyInDrafts = or(sql`not ${unitPlans('draft')}`, unitPlans('published'));

export interface ProgressNoteRow {
	version: number;
	status: TaskStatus;
	progressOn: string;
	note: string;
	evidenceUrl: string | null;
	evidenceFile: { id: number; name: string; size: number } | null;
	recordedBy: string;
	recordedAt: Date;
}

export interface TaskRow {
	id: string;
	planId: string;
	planTitle: string;
	kind: TaskKind;
	number: number;
	title: string;
	text: string;
	due: string | null;
	clauseId: string;
	bodyClauseId: string | null;
	unitsOpenEnded: boolean;
	units: { organisationId: string; name: string; role: UnitRole }[];
	targets: { id: string; title: string; status: string | null; verdictBasis: VerdictBasis; quote: string; basis: 'clause' | 'text' }[];
	latest: ProgressNoteRow | null;
	judgement: TaskJudgement;
}

export interface TaskOptions {
	locale: Locale;
	/** Notes recorded after this do not count (a book as of a past day). */
	cutoff: Date;
	/** The date judged: overdue and stale are measured to it. */
	asOf: Date;
	/** Each target's status from the progress engine, for the same moment. */
	targetStatus: Map<string, string>;
	/** What each target's verdict rests on, for its badge. */
	targetBasis?: Map<string, VerdictBasis>;
	staleAfterDays?: number;
	taskIds?: string[];
}

const u = s.taskUpdates;
/** A progress note with its author's name and its evidence file, as both note queries read it. */
const NOTE_COLUMNS = {
	taskId: u.taskId,
	version: u.version,
	status: u.status,
	progressOn: u.progressOn,
	note: u.note,
	evidenceUrl: u.evidenceUrl,
	fileId: s.evidenceFiles.id,
	fileName: s.evidenceFiles.fileName,
	fileSize: s.evidenceFiles.size,
	recordedBy: s.users.displayName,
	recordedAt: u.recordedAt
};

/** The newest note of each task recorded by the cutoff. */
async function latestNotes(db: Database, cutoff: Date, taskIds?: string[]): Promise<Map<string, ProgressNoteRow>> {
	const rows = await db
		.selectDistinctOn([u.taskId], NOTE_COLUMNS)
		.from(u)
		.innerJoin(s.users, eq(s.users.id, u.recordedBy))
		.leftJoin(s.evidenceFiles, eq(s.evidenceFiles.id, u.evidenceFileId))
		.where(and(lte(u.recordedAt, cutoff), taskIds ? inArray(u.taskId, taskIds) : undefined))
		.orderBy(u.taskId, desc(u.recordedAt), desc(u.version));
	return new Map(rows.map((r) => [r.taskId, noteRow(r)]));
}

function noteRow(r: {
	version: number;
	status: TaskStatus;
	progressOn: string;
	note: string;
	evidenceUrl: string | null;
	fileId: number | null;
	fileName: string | null;
	fileSize: number | null;
	recordedBy: string;
	recordedAt: Date;
}): ProgressNoteRow {
	return {
		version: r.version,
		status: r.status,
		progressOn: r.progressOn,
		note: r.note,
		evidenceUrl: r.evidenceUrl,
		evidenceFile: r.fileId !== null ? { id: r.fileId, name: r.fileName!, size: r.fileSize! } : null,
		recordedBy: r.recordedBy,
		recordedAt: r.recordedAt
	};
}

/** Every task (or the ones asked for) with units, targets, latest note and judgement, in plan and number order. */
export async function listTasks(db: Database, options: TaskOptions): Promise<TaskRow[]> {
	const pick = (zh: string, en: string) => inLocale(zh, en, options.locale);
	const where = options.taskIds ? inArray(s.tasks.id, options.taskIds) : undefined;
	const taskRows = await db
		.select({ task: s.tasks, planTitleZh: s.plans.titleZh, planTitleEn: s.plans.titleEn, planStart: s.plans.effectiveFrom, issuedOn: s.plans.issuedOn })
		.from(s.tasks)
		.innerJoin(s.plans, eq(s.plans.id, s.tasks.planId))
		.where(and(publishedPlan, where))
		.orderBy(asc(s.plans.issuedOn), asc(s.tasks.planId), asc(s.tasks.number));
	const ids = taskRows.map((r) => r.task.id);
	if (ids.length === 0) return [];
	const units = await db
		.select({ taskId: s.taskUnits.taskId, organisationId: s.taskUnits.organisationId, role: s.taskUnits.role, nameZh: s.organisations.nameZh, nameEn: s.organisations.nameEn })
		.from(s.taskUnits)
		.innerJoin(s.organisations, eq(s.organisations.id, s.taskUnits.organisationId))
		.where(inArray(s.taskUnits.taskId, ids))
		.orderBy(asc(s.taskUnits.taskId), asc(s.taskUnits.position));
	const links = await db
		.select({ taskId: s.taskTargets.taskId, targetId: s.taskTargets.targetId, basis: s.taskTargets.basis, quote: s.taskTargets.quote, titleZh: s.targets.titleZh, titleEn: s.targets.titleEn })
		.from(s.taskTargets)
		.innerJoin(s.targets, eq(s.targets.id, s.taskTargets.targetId))
		.where(inArray(s.taskTargets.taskId, ids))
		.orderBy(asc(s.targets.position));
	const notes = await latestNotes(db, options.cutoff, options.taskIds);
	return taskRows.map(({ task, planTitleZh, planTitleEn, planStart }) => {
		const latest = notes.get(task.id) ?? null;
		return {
			id: task.id,
			planId: task.planId,
			planTitle: pick(planTitleZh, planTitleEn),
			kind: task.kind,
			number: task.number,
			title: pick(task.titleZh, task.titleEn),
			text: pick(task.textZh, task.textEn),
			due: task.due,
			clauseId: task.clauseId,
			bodyClauseId: task.bodyClauseId,
			unitsOpenEnded: task.unitsOpenEnded,
			units: units
				.filter((u) => u.taskId === task.id)
				.map((u) => ({ organisationId: u.organisationId, name: pick(u.nameZh, u.nameEn), role: u.role })),
			targets: links
				.filter((l) => l.taskId === task.id)
				.map((l) => ({ id: l.targetId, title: pick(l.titleZh, l.titleEn), status: options.targetStatus.get(l.targetId) ?? null, verdictBasis: options.targetBasis?.get(l.targetId) ?? 'published', quote: l.quote, basis: l.basis })),
			latest,
			judgement: judgeTask({
				due: task.due,
				since: planStart,
				latest: latest && { status: latest.status, recordedAt: latest.recordedAt },
				asOf: options.asOf,
				staleAfterDays: options.staleAfterDays,
				timeZone: deploymentTimeZone()
			})
		};
	});
}

/** Every note of one task, newest first: the history shown on the task page. */
export async function taskHistory(db: Database, taskId: string): Promise<ProgressNoteRow[]> {
	const rows = await db
		.select(NOTE_COLUMNS)
		.from(u)
		.innerJoin(s.users, eq(s.users.id, u.recordedBy))
		.leftJoin(s.evidenceFiles, eq(s.evidenceFiles.id, u.evidenceFileId))
		.where(eq(u.taskId, taskId))
		.orderBy(desc(u.version));
	return rows.map(noteRow);
}

export class TaskConflictError extends Error {
	constructor(
		readonly taskId: string,
		readonly expectedVersion: number,
		readonly currentVersion: number,
		readonly currentStatus: TaskStatus | null
	) {
		super(`task ${taskId} is at version ${currentVersion}, not ${expectedVersion}: someone else reported on it`);
	}
}

export interface TaskUpdateInput {
	taskId: string;
	userId: string;
	/** The version the author saw (0 for none): the write fails if another note was added since. */
	expectedVersion: number;
	status: TaskStatus;
	progressOn: string;
	note: string;
	evidenceUrl: string | null;
	evidenceFile: { name: string; type: string; bytes: Uint8Array } | null;
}

/** Adds a progress note (and its evidence file) as the task's next version, and audits it, in one transaction. */
export async function recordTaskUpdate(db: Database, input: TaskUpdateInput): Promise<{ version: number }> {
	return db.transaction(async (tx) => ({ version: (await recordTaskUpdateIn(tx, input)).version }));
}

/** recordTaskUpdate inside a caller's transaction (a round's approval); an already stored evidence file may be cited by id. */
export async function recordTaskUpdateIn(tx: Transaction, input: TaskUpdateInput & { evidenceFileId?: number | null }): Promise<{ version: number; id: number }> {
	// Lock the task row, so two notes written at once get distinct versions and one conflict.
	const [task] = await tx.select({ id: s.tasks.id }).from(s.tasks).where(eq(s.tasks.id, input.taskId)).for('update');
	if (!task) throw new Error(`no task ${input.taskId}`);
	const [latest] = await tx
		.select({ version: s.taskUpdates.version, status: s.taskUpdates.status })
		.from(s.taskUpdates)
		.where(eq(s.taskUpdates.taskId, input.taskId))
		.orderBy(desc(s.taskUpdates.version))
		.limit(1);
	const current = latest?.version ?? 0;
	if (current !== input.expectedVersion) throw new TaskConflictError(input.taskId, input.expectedVersion, current, latest?.status ?? null);
	let evidenceFileId: number | null = input.evidenceFileId ?? null;
	if (input.evidenceFile) {
		const [file] = await tx
			.insert(s.evidenceFiles)
			.values({
				fileName: input.evidenceFile.name,
				contentType: input.evidenceFile.type || 'application/octet-stream',
				size: input.evidenceFile.bytes.byteLength,
				sha256: createHash('sha256').update(input.evidenceFile.bytes).digest('hex'),
				content: input.evidenceFile.bytes,
				uploadedBy: input.userId
			})
			.returning({ id: s.evidenceFiles.id });
		evidenceFileId = file.id;
	}
	const version = current + 1;
	const [row] = await tx.insert(s.taskUpdates).values({
		taskId: input.taskId,
		version,
		status: input.status,
		progressOn: input.progressOn,
		note: input.note,
		evidenceUrl: input.evidenceUrl,
		evidenceFileId,
		recordedBy: input.userId
	}).returning({ id: s.taskUpdates.id });
	await tx.insert(s.auditLog).values({
		userId: input.userId,
		action: 'task.progress',
		entity: 'task',
		entityId: input.taskId,
		detail: { version, from: latest?.status ?? null, to: input.status, progressOn: input.progressOn, evidenceUrl: input.evidenceUrl, evidenceFileId }
	});
	return { version, id: row.id };
}

/** One evidence file with its bytes and the tasks whose notes cite it, for download. */
export async function evidenceFile(db: Database, id: number) {
	const [file] = await db.select().from(s.evidenceFiles).where(eq(s.evidenceFiles.id, id));
	if (!file) return null;
	const notes = await db.select({ taskId: s.taskUpdates.taskId }).from(s.taskUpdates).where(eq(s.taskUpdates.evidenceFileId, id));
	return { ...file, taskIds: notes.map((n) => n.taskId) };
}

export interface IndicatorDueRow {
	id: string;
	name: string;
	frequency: Frequency;
	owner: { organisationId: string | null; organisationName: string | null; userId: string | null; userName: string | null };
	newestPeriodEnd: string | null;
	/** When its next figure is due, counted with the publication lag its sources showed (domain/release-calendar.ts). */
	due: ReleaseCalendar;
	/** Targets measured on it, for links. */
	targetIds: string[];
}

/**
 * Every indicator a target is measured on, with its owner and when its next real figure is due.
 * Only figures recorded by the cutoff, and not illustrative ones, count.
 */
export async function indicatorDues(
	db: Database,
	options: { locale: Locale; cutoff: Date; asOf: Date; /** Only these indicators (a target page, one person's own). */ indicatorIds?: string[] }
): Promise<IndicatorDueRow[]> {
	const pick = (zh: string, en: string) => inLocale(zh, en, options.locale);
	if (options.indicatorIds?.length === 0) return [];
	const measured = await db
		.select({ indicatorId: s.targets.indicatorId, targetId: s.targets.id, deadline: s.targets.deadline, planStart: s.plans.effectiveFrom })
		.from(s.targets)
		.innerJoin(s.plans, eq(s.plans.id, s.targets.planId))
		.where(and(publishedPlan, options.indicatorIds ? inArray(s.targets.indicatorId, options.indicatorIds) : undefined))
		.orderBy(asc(s.targets.position));
	const ids = [...new Set(measured.map((m) => m.indicatorId))];
	if (ids.length === 0) return [];
	const indicators = await db
		.select({
			id: s.indicators.id,
			nameZh: s.indicators.nameZh,
			nameEn: s.indicators.nameEn,
			frequency: s.indicators.frequency,
			organisationId: s.indicatorOwners.organisationId,
			organisationZh: s.organisations.nameZh,
			organisationEn: s.organisations.nameEn,
			userId: s.indicatorOwners.userId,
			userName: s.users.displayName
		})
		.from(s.indicators)
		.leftJoin(s.indicatorOwners, eq(s.indicatorOwners.indicatorId, s.indicators.id))
		.leftJoin(s.organisations, eq(s.organisations.id, s.indicatorOwners.organisationId))
		.leftJoin(s.users, eq(s.users.id, s.indicatorOwners.userId))
		.where(inArray(s.indicators.id, ids))
		.orderBy(asc(s.indicators.id));
	// The newest period end among figures whose newest version by the cutoff is real (withdrawn ones are left out).
	const newestBy = new Map<string, { periodEnd: string; period: string }>();
	// Illustrative figures are kept aside so the due message can say which ones it left out.
	const illustrativeBy = new Map<string, { period: string; periodEnd: string }[]>();
	const figures = await observationsAsOf(db, ids, options.cutoff);
	// When each figure's source came out: the indicator's own publication lag is read from them.
	const sourceIds = [...new Set(figures.map((o) => o.sourceId).filter((id): id is string => id !== null))];
	const publishedOn = new Map(
		sourceIds.length ? (await db.select({ id: s.sources.id, publishedOn: s.sources.publishedOn }).from(s.sources).where(inArray(s.sources.id, sourceIds))).map((x) => [x.id, x.publishedOn]) : []
	);
	const releasesBy = new Map<string, Release[]>();
	for (const o of figures) {
		const on = o.sourceId ? publishedOn.get(o.sourceId) : undefined;
		if (on) releasesBy.set(o.indicatorId, [...(releasesBy.get(o.indicatorId) ?? []), { periodEnd: o.periodEnd, publishedOn: on, provenance: o.provenance }]);
		if (o.provenance === 'illustrative') {
			illustrativeBy.set(o.indicatorId, [...(illustrativeBy.get(o.indicatorId) ?? []), { period: o.period, periodEnd: o.periodEnd }]);
			continue;
		}
		if (o.periodEnd > (newestBy.get(o.indicatorId)?.periodEnd ?? '')) newestBy.set(o.indicatorId, { periodEnd: o.periodEnd, period: o.period });
	}
	return indicators.map((i) => {
		const uses = measured.filter((m) => m.indicatorId === i.id);
		const since = uses.map((u) => u.planStart).sort()[0];
		const until = uses.map((u) => u.deadline).sort().at(-1) ?? null;
		const newest = newestBy.get(i.id) ?? null;
		const newestPeriodEnd = newest?.periodEnd ?? null;
		return {
			id: i.id,
			name: pick(i.nameZh, i.nameEn),
			frequency: i.frequency,
			owner: {
				organisationId: i.organisationId,
				organisationName: i.organisationZh ? pick(i.organisationZh, i.organisationEn!) : null,
				userId: i.userId,
				userName: i.userName
			},
			newestPeriodEnd,
			due: releaseCalendar({
				releases: releasesBy.get(i.id) ?? [],
				frequency: i.frequency,
				newestPeriodEnd,
				newestPeriod: newest?.period ?? null,
				illustrative: illustrativeBy.get(i.id) ?? [],
				since,
				until,
				asOf: options.asOf,
				timeZone: deploymentTimeZone()
			}),
			targetIds: uses.map((u) => u.targetId)
		};
	});
}

/** Changes who answers for an indicator, audited. */
export async function setIndicatorOwner(
	db: Database,
	input: { indicatorId: string; organisationId: string | null; userId: string | null; authorId: string }
): Promise<void> {
	await db.transaction(async (tx) => {
		const [before] = await tx.select().from(s.indicatorOwners).where(eq(s.indicatorOwners.indicatorId, input.indicatorId));
		await tx
			.insert(s.indicatorOwners)
			.values({ indicatorId: input.indicatorId, organisationId: input.organisationId, userId: input.userId, updatedBy: input.authorId })
			.onConflictDoUpdate({
				target: s.indicatorOwners.indicatorId,
				set: { organisationId: input.organisationId, userId: input.userId, updatedBy: input.authorId, updatedAt: new Date() }
			});
		await tx.insert(s.auditLog).values({
			userId: input.authorId,
			action: 'indicator.owner',
			entity: 'indicator',
			entityId: input.indicatorId,
			detail: {
				from: before ? { organisationId: before.organisationId, userId: before.userId } : null,
				to: { organisationId: input.organisationId, userId: input.userId }
			}
		});
	});
}

export interface OrganisationRow extends OrganisationSummary {
	name: string;
	level: (typeof s.organisations.$inferSelect)['level'];
}

/** Every organisation, named in the reader's language. */
export async function listOrganisations(db: Database, locale: Locale) {
	// A unit named only by drafts (an upload created it) appears once one of its plans is published.
	const rows = await db.select().from(s.organisations).where(notOnlyInDrafts).orderBy(asc(s.organisations.id));
	return rows.map((o) => ({
		id: o.id,
		name: inLocale(o.nameZh, o.nameEn, locale),
		shortName: o.shortNameZh ? inLocale(o.shortNameZh, o.shortNameEn ?? '', locale) : null,
		nameZh: o.nameZh,
		level: o.level
	}));
}

/** The organisation view: for each unit, what it leads and supports and how that stands. */
export async function organisationSummaries(
	db: Database,
	options: TaskOptions
): Promise<{ rows: OrganisationRow[]; tasks: TaskRow[]; indicators: IndicatorDueRow[] }> {
	const [organisations, tasks, indicators] = await Promise.all([
		listOrganisations(db, options.locale),
		listTasks(db, options),
		indicatorDues(db, options)
	]);
	const summaries = summariseOrganisations(
		organisations.map((o) => o.id),
		tasks.map((t) => ({
			id: t.id,
			planId: t.planId,
			units: t.units,
			judgement: t.judgement,
			targets: t.targets.map((x) => ({ id: x.id, status: x.status ?? 'insufficient_data' }))
		})),
		indicators.map((i) => ({ id: i.id, ownerOrganisationId: i.owner.organisationId, due: i.due }))
	);
	const byId = new Map(organisations.map((o) => [o.id, o]));
	return {
		rows: summaries.map((row) => ({ ...row, name: byId.get(row.organisationId)!.name, level: byId.get(row.organisationId)!.level })),
		tasks,
		indicators
	};
}

/** Task options for now: every note so far, judged today, with today's target statuses from the stored judgements. */
export async function tasksNow(db: Database, locale: Locale, staleAfterDays: number, taskIds?: string[]): Promise<TaskOptions> {
	const now = new Date();
	await syncJudgements(db);
	const index = await targetIndex(db);
	return { locale, cutoff: now, asOf: now, targetStatus: new Map(index.targets.map((t) => [t.id, t.status])), targetBasis: new Map(index.targets.map((t) => [t.id, t.basis])), staleAfterDays, taskIds };
}

/** Each target's status from judged plans. */
export function targetStatusMap(plans: PlanSummary[]): Map<string, string> {
	return new Map(plans.flatMap((p) => p.targets.map((t) => [t.id, t.evaluation.verdict.status] as const)));
}

/** The clauses a task comes from, in the order asked: numbering, heading, both texts. */
export async function clauseTexts(db: Database, ids: string[], locale: Locale) {
	const rows = await db.select().from(s.clauses).where(inArray(s.clauses.id, ids));
	return ids.flatMap((id) => {
		const c = rows.find((r) => r.id === id);
		return c ? [{ id: c.id, path: c.path, heading: inLocale(c.headingZh, c.headingEn, locale), textZh: c.textZh, textEn: c.textEn }] : [];
	});
}

/** What is a person's own: indicators they own, and the indicators and led tasks of their unit. */
export interface Ownership {
	userId: string;
	organisationId: string | null;
}

export async function ownershipOf(db: Database, userId: string): Promise<Ownership> {
	const [user] = await db.select({ organisationId: s.users.organisationId }).from(s.users).where(eq(s.users.id, userId));
	return { userId, organisationId: user?.organisationId ?? null };
}

/** An indicator is someone's when it names them, or names no one and belongs to their unit. */
const ownsIndicator = (me: Ownership, i: IndicatorDueRow) =>
	i.owner.userId === me.userId || (i.owner.userId === null && me.organisationId !== null && i.owner.organisationId === me.organisationId);
const leadsTask = (me: Ownership, t: TaskRow) => me.organisationId !== null && t.units[0]?.organisationId === me.organisationId;

/**
 * The digest: indicators whose next figure is overdue and tasks that are overdue, delayed or
 * stale, with the person's own (see ownsIndicator, leadsTask) split out to be shown first; then
 * tasks never reported (first report past due), which are not behind by that alone.
 */
export async function overdueDigest(db: Database, locale: Locale, staleAfterDays: number, userId: string | null) {
	const options = await tasksNow(db, locale, staleAfterDays);
	const [tasks, indicators, me] = await Promise.all([listTasks(db, options), indicatorDues(db, options), userId ? ownershipOf(db, userId) : null]);
	const overdueIndicators = indicators.filter((i) => i.due.overdue).sort((a, b) => b.due.daysOverdue - a.due.daysOverdue);
	const behind = tasks.filter((t) => t.judgement.behind);
	const notReported = tasks.filter((t) => t.judgement.notReported && !t.judgement.behind);
	return {
		mine: me ? overdueIndicators.filter((i) => ownsIndicator(me, i)) : [],
		myTasks: me ? behind.filter((t) => leadsTask(me, t)) : [],
		indicators: overdueIndicators,
		overdueTasks: behind.filter((t) => t.judgement.overdue),
		delayedTasks: behind.filter((t) => !t.judgement.overdue && t.judgement.standing === 'delayed'),
		staleTasks: behind.filter((t) => !t.judgement.overdue && t.judgement.standing !== 'delayed' && t.judgement.stale),
		// Never reported, not past the deadline: listed apart, not as behind.
		notReportedTasks: notReported,
		myNotReportedTasks: me ? notReported.filter((t) => leadsTask(me, t)) : [],
		staleAfterDays
	};
}

/** How many overdue items are a person's own: the count behind the reminder on the home page. */
export async function myOverdueCount(db: Database, locale: Locale, userId: string, staleAfterDays: number): Promise<number> {
	const me = await ownershipOf(db, userId);
	// Only the person's own indicators and their unit's led tasks are read: this runs on every home page.
	const owner = s.indicatorOwners;
	const owned = await db
		.select({ id: owner.indicatorId })
		.from(owner)
		.where(me.organisationId === null ? eq(owner.userId, userId) : or(eq(owner.userId, userId), and(isNull(owner.userId), eq(owner.organisationId, me.organisationId))));
	const led =
		me.organisationId === null
			? []
			: await db
					.select({ id: s.taskUnits.taskId })
					.from(s.taskUnits)
					.where(and(eq(s.taskUnits.organisationId, me.organisationId), eq(s.taskUnits.role, 'lead')));
	const now = new Date();
	const dues = await indicatorDues(db, { locale, cutoff: now, asOf: now, indicatorIds: owned.map((o) => o.id) });
	const tasks = led.length ? await listTasks(db, { locale, cutoff: now, asOf: now, targetStatus: new Map(), staleAfterDays, taskIds: led.map((t) => t.id) }) : [];
	return dues.filter((i) => i.due.overdue && ownsIndicator(me, i)).length + tasks.filter((t) => t.judgement.behind && leadsTask(me, t)).length;
}

/** For a target page: the tasks that serve the target, and who answers for its indicator and when its next figure is due. */
export async function targetAccountability(db: Database, target: { id: string; indicatorId: string }, locale: Locale, staleAfterDays: number) {
	const links = await db.select({ taskId: s.taskTargets.taskId }).from(s.taskTargets).where(eq(s.taskTargets.targetId, target.id));
	const now = new Date();
	const tasks = links.length ? await listTasks(db, await tasksNow(db, locale, staleAfterDays, links.map((l) => l.taskId))) : [];
	const [indicatorDue] = await indicatorDues(db, { locale, cutoff: now, asOf: now, indicatorIds: [target.indicatorId] });
	return { tasks, indicatorDue: indicatorDue ?? null };
}
