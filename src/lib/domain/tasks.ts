/**
 * Tasks and measures: what a plan asks its departments to do, beside the numbers it promises.
 * A task (浦东任务分解表) or measure (上海若干意见的每一条) names its responsible units, lead first;
 * its implementation status is reported in dated progress notes. This module judges them as of a
 * date (overdue, stale, behind, or not reported yet) and sums them up per organisation. It touches no database, so the
 * organisation view, the wall screen and the briefing book share one set of rules.
 */
import { endOfLocalDay } from './dates';
import type { Frequency } from './plan';

/** What a progress note can report. */
export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'delayed', 'dropped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** A task nobody has reported on yet: not the same as "not started", which someone said. */
export type TaskStanding = TaskStatus | 'unreported';
export const TASK_STANDINGS: readonly TaskStanding[] = [...TASK_STATUSES, 'unreported'];

/** Finished one way or the other: neither overdue nor stale any more. */
export const CLOSED_STATUSES: readonly TaskStatus[] = ['done', 'dropped'];

export const TASK_KINDS = ['task', 'measure'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const UNIT_ROLES = ['lead', 'support'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

/** A task without a progress note for this long is stale (a quarter: the plans review progress quarterly, 按季度跟踪). */
export const DEFAULT_STALE_AFTER_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * Splits a clause's closing "（责任单位：A、B、C等）" from its text. The list is as written, lead
 * first; a trailing 等 means the list is open-ended ("and others").
 * @example responsibleUnits('推进试点。（责任部门：区科经委、张江管理局等）')
 *   -> { text: '推进试点。', units: ['区科经委', '张江管理局'], openEnded: true }
 */
export function responsibleUnits(clauseText: string): { text: string; units: string[]; openEnded: boolean } | null {
	const match = /[（(]责任(?:部门|单位)[：:]([^）)]*)[）)]\s*$/.exec(clauseText);
	if (!match) return null;
	const units = match[1].split(/[、，,]/).map((u) => u.trim()).filter(Boolean);
	const openEnded = units.length > 0 && units[units.length - 1].endsWith('等');
	if (openEnded) units[units.length - 1] = units[units.length - 1].slice(0, -1);
	return { text: clauseText.slice(0, match.index).trimEnd(), units, openEnded };
}

/** The newest progress note that counts as of the date. */
export interface ProgressNote {
	status: TaskStatus;
	/** When the note was recorded. */
	recordedAt: Date;
}

export interface TaskJudgement {
	standing: TaskStanding;
	/** Past its due date and neither done nor dropped (reported or not: overdue is about the deadline). */
	overdue: boolean;
	/** Reported, open, and no newer note for longer than the reporting interval. Never said of a task never reported. */
	stale: boolean;
	/** When the first progress note was due (YYYY-MM-DD): see firstReportDue. */
	firstReportDue: string;
	/** Never reported, and the first report is past due: "not reported since firstReportDue", not behind by itself. */
	notReported: boolean;
	/** Days since the last note; null when there is none (then no "N days without update" can be claimed). */
	daysSinceNote: number | null;
	/** Reported delayed, overdue or stale: what "who is behind" counts. Not reporting alone is not behind. */
	behind: boolean;
}

/**
 * When a task's first progress note is due: one reporting interval (the stale period, 90 days by
 * default: the plans review progress quarterly, 按季度跟踪) after the plan takes effect. Tasks come
 * with their plan, so the plan's effective date is when each task was set.
 * @example firstReportDue('2024-08-01', 90) === '2024-10-30'
 */
export function firstReportDue(since: string, intervalDays: number = DEFAULT_STALE_AFTER_DAYS): string {
	return new Date(new Date(`${since}T00:00:00Z`).getTime() + intervalDays * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Judges one task as of a date. Staleness counts from the last note; a task never reported is
 * "not reported" once its first report is past due, which is shown apart from behind.
 * @param due the task's due date (YYYY-MM-DD), null when the plan sets none
 * @param since when reporting could start: the plan's effective date
 * @example judgeTask({ due: '2024-12-31', since: '2022-01-01', latest: null, asOf: new Date('2022-06-01') })
 *   -> { standing: 'unreported', overdue: false, stale: false, notReported: true, firstReportDue: '2022-04-01', daysSinceNote: null, behind: false }
 */
export function judgeTask(input: {
	due: string | null;
	since: string;
	latest: ProgressNote | null;
	asOf: Date;
	staleAfterDays?: number;
	/** The deployment's zone: a due date ends at midnight there. */
	timeZone?: string;
}): TaskJudgement {
	const staleAfterDays = input.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
	const standing: TaskStanding = input.latest?.status ?? 'unreported';
	const closed = input.latest !== null && CLOSED_STATUSES.includes(input.latest.status);
	const firstDue = firstReportDue(input.since, staleAfterDays);
	const daysSinceNote = input.latest ? Math.max(0, Math.floor((input.asOf.getTime() - input.latest.recordedAt.getTime()) / DAY_MS)) : null;
	const overdue = !closed && input.due !== null && input.asOf.getTime() > endOfDay(input.due, input.timeZone);
	const stale = !closed && daysSinceNote !== null && daysSinceNote > staleAfterDays;
	const notReported = input.latest === null && input.asOf.getTime() > endOfDay(firstDue, input.timeZone);
	return { standing, overdue, stale, firstReportDue: firstDue, notReported, daysSinceNote, behind: standing === 'delayed' || overdue || stale };
}

/** The last millisecond of a day in the zone (UTC when none is given). */
function endOfDay(isoDate: string, timeZone = 'UTC'): number {
	return endOfLocalDay(isoDate, timeZone).getTime();
}

/**
 * How long after a period ends its figure is normally published. Annual statistics come out in
 * the spring (统计公报, by about April); half-year and quarterly ones within two to three months.
 */
export const PUBLICATION_LAG_DAYS: Record<Exclude<Frequency, 'irregular'>, number> = {
	year: 120,
	half: 90,
	quarter: 60,
	month: 45
};

const PERIOD_MONTHS: Record<Exclude<Frequency, 'irregular'>, number> = { year: 12, half: 6, quarter: 3, month: 1 };

/** The last day of the period after the one ending on `periodEnd`, e.g. 2024-12-31 (year) -> 2025-12-31. */
export function nextPeriodEnd(periodEnd: string, frequency: Exclude<Frequency, 'irregular'>): string {
	const [y, m] = periodEnd.split('-').map(Number);
	// Day 0 of the month after is the last day of the month we want.
	const end = new Date(Date.UTC(y, m - 1 + PERIOD_MONTHS[frequency] + 1, 0));
	return end.toISOString().slice(0, 10);
}

export interface IndicatorDue {
	/** The date by which the next figure should have arrived; null when the indicator has no rhythm. */
	expectedBy: string | null;
	overdue: boolean;
	/** Days past expectedBy (0 when not overdue). */
	daysOverdue: number;
	/** The period label of the newest real figure the date is counted from; null when there is none. */
	newestRealPeriod: string | null;
	/**
	 * Labels of illustrative figures newer than the newest real one, oldest first: a chart shows them,
	 * so the message must say they were left out, or "figure late" would contradict the chart.
	 */
	illustrativeLeftOut: string[];
}

/**
 * When the next figure of an indicator is due, from its frequency: the end of the period after the
 * newest real figure, plus the publication lag. With no real figure yet, the first period ending
 * after `since` (the plan's start) is expected. Irregular indicators have no rhythm and are never
 * overdue, and once a figure covers the last target deadline nothing more is expected.
 * Illustrative figures do not count: they are not data anyone published. Those newer than the
 * newest real figure are named in the result, so a message can say why they were left out.
 * @example indicatorDue({ frequency: 'year', newestPeriodEnd: '2023-12-31', newestPeriod: '2023', since: '2022-01-01',
 *   illustrative: [{ period: '2024', periodEnd: '2024-12-31' }], asOf: new Date('2025-06-01') })
 *   -> { expectedBy: '2025-04-30', overdue: true, daysOverdue: 32, newestRealPeriod: '2023', illustrativeLeftOut: ['2024'] }
 */
export function indicatorDue(input: {
	frequency: Frequency;
	newestPeriodEnd: string | null;
	/** The label of the figure ending on newestPeriodEnd, e.g. "2023" or "2024-H1". */
	newestPeriod?: string | null;
	/** The indicator's illustrative figures, which never count as an update. */
	illustrative?: { period: string; periodEnd: string }[];
	since: string;
	/** The last deadline of the targets measured on it: once a figure covers it, nothing more is expected. */
	until?: string | null;
	asOf: Date;
	timeZone?: string;
	/** Days from a period's end to its figure; the frequency's usual lag when not given (release-calendar.ts observes it). */
	lagDays?: number;
}): IndicatorDue {
	const newestRealPeriod = input.newestPeriodEnd ? (input.newestPeriod ?? input.newestPeriodEnd) : null;
	const illustrativeLeftOut = (input.illustrative ?? [])
		.filter((o) => o.periodEnd > (input.newestPeriodEnd ?? ''))
		.sort((a, b) => a.periodEnd.localeCompare(b.periodEnd))
		.map((o) => o.period);
	const basis = { newestRealPeriod, illustrativeLeftOut };
	const complete = input.until && input.newestPeriodEnd && input.newestPeriodEnd >= input.until;
	if (input.frequency === 'irregular' || complete) return { expectedBy: null, overdue: false, daysOverdue: 0, ...basis };
	const frequency = input.frequency;
	const periodEnd = input.newestPeriodEnd
		? nextPeriodEnd(input.newestPeriodEnd, frequency)
		: firstPeriodEndAfter(input.since, frequency);
	const expected = new Date(`${periodEnd}T00:00:00Z`).getTime() + (input.lagDays ?? PUBLICATION_LAG_DAYS[frequency]) * DAY_MS;
	const expectedBy = new Date(expected).toISOString().slice(0, 10);
	const late = input.asOf.getTime() - endOfDay(expectedBy, input.timeZone);
	return { expectedBy, overdue: late > 0, daysOverdue: late > 0 ? Math.ceil(late / DAY_MS) : 0, ...basis };
}

/** The end of the calendar period (year, half, quarter, month) that contains `date`. */
function firstPeriodEndAfter(date: string, frequency: Exclude<Frequency, 'irregular'>): string {
	const [y, m] = date.split('-').map(Number);
	const months = PERIOD_MONTHS[frequency];
	const lastMonth = Math.ceil(m / months) * months;
	return new Date(Date.UTC(y, lastMonth, 0)).toISOString().slice(0, 10);
}

/** One task as the organisation view needs it. */
export interface TaskForRollup {
	id: string;
	planId: string;
	units: { organisationId: string; role: UnitRole }[];
	judgement: TaskJudgement;
	/** The targets the task serves, with their status from the progress engine. */
	targets: { id: string; status: string }[];
}

export interface IndicatorForRollup {
	id: string;
	ownerOrganisationId: string | null;
	due: IndicatorDue;
}

export interface OrganisationSummary {
	organisationId: string;
	planIds: string[];
	leads: number;
	supports: number;
	/** Tasks it leads, by standing. */
	led: Record<TaskStanding, number>;
	/** Over every task it leads or supports. */
	overdue: number;
	stale: number;
	delayed: number;
	/** Led tasks that are delayed, overdue or stale. */
	behind: number;
	/** Led tasks never reported though their first report is past due (some may also be overdue). */
	notReported: number;
	/** The earliest first-report date among those: "not reported since". */
	notReportedSince: string | null;
	/** Statuses of the targets served by the tasks it leads, counted once per target. */
	targetStatuses: Record<string, number>;
	indicatorsOwned: number;
	indicatorsOverdue: number;
}

const emptyStandings = (): Record<TaskStanding, number> =>
	Object.fromEntries(TASK_STANDINGS.map((s) => [s, 0])) as Record<TaskStanding, number>;

/**
 * Sums tasks and indicators up per organisation. A unit answers for what it leads; what it
 * supports is counted beside it, so a department that co-operates on many tasks is visible too.
 */
export function summariseOrganisations(
	organisationIds: string[],
	tasks: TaskForRollup[],
	indicators: IndicatorForRollup[]
): OrganisationSummary[] {
	const rows = new Map<string, OrganisationSummary & { targets: Map<string, string> }>();
	for (const id of organisationIds) {
		rows.set(id, {
			organisationId: id,
			planIds: [],
			leads: 0,
			supports: 0,
			led: emptyStandings(),
			overdue: 0,
			stale: 0,
			delayed: 0,
			behind: 0,
			notReported: 0,
			notReportedSince: null,
			targetStatuses: {},
			indicatorsOwned: 0,
			indicatorsOverdue: 0,
			targets: new Map()
		});
	}
	for (const task of tasks) {
		for (const unit of task.units) {
			const row = rows.get(unit.organisationId);
			if (!row) continue;
			if (!row.planIds.includes(task.planId)) row.planIds.push(task.planId);
			if (task.judgement.overdue) row.overdue += 1;
			if (task.judgement.stale) row.stale += 1;
			if (task.judgement.standing === 'delayed') row.delayed += 1;
			if (unit.role === 'support') {
				row.supports += 1;
				continue;
			}
			row.leads += 1;
			row.led[task.judgement.standing] += 1;
			if (task.judgement.behind) row.behind += 1;
			if (task.judgement.notReported) {
				row.notReported += 1;
				const since = task.judgement.firstReportDue;
				if (row.notReportedSince === null || since < row.notReportedSince) row.notReportedSince = since;
			}
			for (const target of task.targets) row.targets.set(target.id, target.status);
		}
	}
	for (const indicator of indicators) {
		const row = indicator.ownerOrganisationId ? rows.get(indicator.ownerOrganisationId) : undefined;
		if (!row) continue;
		row.indicatorsOwned += 1;
		if (indicator.due.overdue) row.indicatorsOverdue += 1;
	}
	return [...rows.values()].map(({ targets, ...row }) => {
		for (const status of targets.values()) row.targetStatuses[status] = (row.targetStatuses[status] ?? 0) + 1;
		return row;
	});
}

export const ORGANISATION_SORTS = ['behind', 'name', 'leads', 'overdue', 'stale', 'notReported'] as const;
export type OrganisationSort = (typeof ORGANISATION_SORTS)[number];

/**
 * Orders organisation rows: "behind" puts the units with most led tasks behind first (then
 * overdue indicators, then overdue tasks), the others sort by their own count, largest first, or by name.
 * Tasks never reported do not make a unit "most behind": they sort under their own key only.
 */
export function sortOrganisations<T extends OrganisationSummary>(rows: T[], sort: OrganisationSort, nameOf: (id: string) => string): T[] {
	const byName = (a: T, b: T) => nameOf(a.organisationId).localeCompare(nameOf(b.organisationId), 'zh-CN');
	const keys: Record<OrganisationSort, (r: T) => number[]> = {
		behind: (r) => [r.behind, r.indicatorsOverdue, r.overdue, r.leads],
		leads: (r) => [r.leads, r.supports],
		overdue: (r) => [r.overdue, r.indicatorsOverdue],
		stale: (r) => [r.stale],
		notReported: (r) => [r.notReported],
		name: () => []
	};
	return [...rows].sort((a, b) => {
		const ka = keys[sort](a);
		const kb = keys[sort](b);
		for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
		return byName(a, b);
	});
}

/** Evidence files are notices, minutes and reports, not data sets. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export type ProgressNoteField = 'status' | 'progressOn' | 'note' | 'evidence' | 'expectedVersion';
export type ProgressNoteError = 'required' | 'invalid' | 'future' | 'too_long' | 'too_large' | 'not_a_link';

export interface ProgressNoteInput {
	status: TaskStatus;
	progressOn: string;
	note: string;
	evidenceUrl: string | null;
	expectedVersion: number;
}

/**
 * Reads the progress form (status, progressOn, note, evidenceUrl, evidenceFile, expectedVersion).
 * Every change needs a dated note and evidence: a link, a file, or both.
 * @example readProgressNote(form, '2026-11-23', { size: 0 }) -> { ok: false, errors: { evidence: 'required' } } without a link
 */
export function readProgressNote(
	form: FormData,
	today: string,
	file: { size: number } | null
): { ok: true; note: ProgressNoteInput } | { ok: false; errors: Partial<Record<ProgressNoteField, ProgressNoteError>> } {
	const errors: Partial<Record<ProgressNoteField, ProgressNoteError>> = {};
	const status = String(form.get('status') ?? '');
	if (!TASK_STATUSES.includes(status as TaskStatus)) errors.status = 'required';

	const progressOn = String(form.get('progressOn') ?? '').trim();
	if (!progressOn) errors.progressOn = 'required';
	else if (!isCalendarDate(progressOn)) errors.progressOn = 'invalid';
	else if (progressOn > today) errors.progressOn = 'future';

	const note = String(form.get('note') ?? '').trim();
	if (!note) errors.note = 'required';
	else if (note.length > 4000) errors.note = 'too_long';

	const url = String(form.get('evidenceUrl') ?? '').trim();
	const hasFile = file !== null && file.size > 0;
	if (url && !isWebLink(url)) errors.evidence = 'not_a_link';
	else if (hasFile && file.size > MAX_EVIDENCE_BYTES) errors.evidence = 'too_large';
	else if (!url && !hasFile) errors.evidence = 'required';

	const expectedVersion = Number(form.get('expectedVersion') ?? '');
	if (!Number.isInteger(expectedVersion) || expectedVersion < 0) errors.expectedVersion = 'invalid';

	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, note: { status: status as TaskStatus, progressOn, note, evidenceUrl: url || null, expectedVersion } };
}

function isCalendarDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function isWebLink(text: string): boolean {
	try {
		const url = new URL(text);
		return url.protocol === 'https:' || url.protocol === 'http:';
	} catch {
		return false;
	}
}
