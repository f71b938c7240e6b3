/**
 * Data rounds (填报): the coordinating office asks each responsible unit for its figures of one
 * period by a due date; a reporter of the unit submits, the coordinator approves or returns. Pure:
 * which period a round asks of each indicator, who may see a request, what is late, the per-unit
 * tally, and which requests reminders are about.
 */
import { addDays } from './dates';
import { parsePeriod, type Parsed, type PeriodValue } from './entry';
import type { Frequency, Measure, ObservationBasis, Provenance, Role } from './plan';
import type { TaskStatus } from './tasks';
import { MAX_EVIDENCE_BYTES } from './tasks';

export const ROUND_STATUSES = ['open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** A figure of an indicator, or a progress note of a task. */
export const REQUEST_KINDS = ['figure', 'task'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** open: nothing submitted yet; submitted: waits for review; returned: back with the unit; approved: counts. */
export const REQUEST_STATUSES = ['open', 'submitted', 'returned', 'approved'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Evidence files a reporter may upload, and the largest (the task notes' limit). */
export const EVIDENCE_TYPES = [
	'application/pdf',
	'image/png',
	'image/jpeg',
	'text/plain',
	'text/csv',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/msword',
	'application/vnd.ms-excel'
] as const;
export const EVIDENCE_EXTENSIONS = ['.pdf', '.png', '.jpg', '.jpeg', '.txt', '.csv', '.docx', '.xlsx', '.doc', '.xls'] as const;
/** The largest evidence file a round takes: the same as a task note's (domain/tasks.ts). */
export const MAX_ROUND_EVIDENCE_BYTES = MAX_EVIDENCE_BYTES;

/**
 * Why an uploaded evidence file is refused, or null. Browsers name types unreliably (a .docx may
 * come as application/octet-stream), so a known extension is enough.
 * @example evidenceProblem({ name: 'a.exe', size: 10, type: 'application/x-msdownload' }) === 'evidence_type'
 */
export function evidenceProblem(file: { name: string; size: number; type: string }): 'evidence_type' | 'evidence_too_large' | null {
	if (file.size > MAX_ROUND_EVIDENCE_BYTES) return 'evidence_too_large';
	const name = file.name.toLowerCase();
	const knownType = (EVIDENCE_TYPES as readonly string[]).includes(file.type);
	if (!knownType && !EVIDENCE_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'evidence_type';
	return null;
}

export interface RoundPeriod extends PeriodValue {
	/** What the round's period is: a year, a half, a quarter or a month. */
	frequency: Exclude<Frequency, 'irregular'>;
}

/**
 * The period a round asks for, written as figures are ("2026-Q3", "2026年上半年", "2025").
 * @example parseRoundPeriod('2026-Q3') -> { ok: true, value: { period: '2026-Q3', periodStart: '2026-07-01', periodEnd: '2026-09-30', frequency: 'quarter' } }
 */
export function parseRoundPeriod(input: string): Parsed<RoundPeriod> {
	// 'irregular' accepts any of the four spans, which is what a round may cover.
	const read = parsePeriod(input, 'irregular', 'period');
	if (!read.ok) return read;
	const p = read.value.period;
	const frequency = /^\d{4}$/.test(p) ? 'year' : /H[12]$/.test(p) ? 'half' : /Q[1-4]$/.test(p) ? 'quarter' : 'month';
	return { ok: true, value: { ...read.value, frequency } };
}

const MONTHS_PER: Record<Exclude<Frequency, 'irregular'>, number> = { year: 12, half: 6, quarter: 3, month: 1 };

export type RequestedPeriod = ({ asked: true; basis: ObservationBasis } & PeriodValue) | { asked: false; reason: 'not_due' };

/**
 * What a round asks of one indicator. The rule (stated on the round page):
 * 1. the indicator's own period that ends when the round's period ends (a year round asks a
 *    quarterly indicator for Q4; an irregular indicator is asked for the round's period);
 * 2. otherwise an annual flow is asked for its year-to-date figure to the round's end (a Q3 round
 *    asks "2026-01..09"), which the series reads as a partial year;
 * 3. otherwise (an annual stock in a quarterly round) nothing is due in this round.
 * The figure is asked on the basis the indicator's figures are kept on (`usualBasis`, the newest
 * figure's): "point" stays "point", anything else is asked for the period, so it lines up with the
 * series and a period that already has a figure is recognised (its approval is a correction).
 * @example requestedPeriod(Q3 2026, { frequency: 'year', measure: 'flow' }) -> year_to_date 2026-01..09
 */
export function requestedPeriod(round: RoundPeriod, indicator: { frequency: Frequency; measure: Measure; usualBasis?: ObservationBasis | null }): RequestedPeriod {
	const year = Number(round.periodEnd.slice(0, 4));
	const endMonth = Number(round.periodEnd.slice(5, 7));
	const basis: ObservationBasis = indicator.usualBasis === 'point' ? 'point' : 'period';
	if (indicator.frequency === 'irregular') return { asked: true, basis, ...pick(round) };
	const months = MONTHS_PER[indicator.frequency];
	if (endMonth % months === 0) {
		const index = endMonth / months;
		const label = { year: `${year}`, half: `${year}-H${index}`, quarter: `${year}-Q${index}`, month: `${year}-${String(endMonth).padStart(2, '0')}` }[indicator.frequency];
		const read = parsePeriod(label, indicator.frequency, basis);
		if (read.ok) return { asked: true, basis, ...read.value };
	}
	if (indicator.frequency === 'year' && indicator.measure === 'flow') {
		const read = parsePeriod(`${year}-${String(endMonth).padStart(2, '0')}`, 'year', 'year_to_date');
		if (read.ok) return { asked: true, basis: 'year_to_date', ...read.value };
	}
	return { asked: false, reason: 'not_due' };
}

const pick = (p: PeriodValue): PeriodValue => ({ period: p.period, periodStart: p.periodStart, periodEnd: p.periodEnd });

/**
 * Late: not approved and the due day (in the deployment's zone) has passed.
 * @example isLate('submitted', '2026-10-15', '2026-10-16') === true; isLate('approved', '2026-10-15', '2026-12-01') === false
 */
export function isLate(status: RequestStatus, dueOn: string, today: string): boolean {
	return status !== 'approved' && today > dueOn;
}

/** Whole days a request is past its due day (0 when not late). */
export function daysLate(status: RequestStatus, dueOn: string, today: string): number {
	if (!isLate(status, dueOn, today)) return 0;
	return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000);
}

export interface UnitTally {
	organisationId: string;
	requested: number;
	/** Waiting for review. */
	submitted: number;
	approved: number;
	returned: number;
	late: number;
}

/** A round's requests counted per unit, the units with most late first, then by id. */
export function tallyByUnit(requests: { organisationId: string; status: RequestStatus }[], dueOn: string, today: string): UnitTally[] {
	const byUnit = new Map<string, UnitTally>();
	for (const r of requests) {
		const row = byUnit.get(r.organisationId) ?? { organisationId: r.organisationId, requested: 0, submitted: 0, approved: 0, returned: 0, late: 0 };
		row.requested += 1;
		if (r.status === 'submitted') row.submitted += 1;
		if (r.status === 'approved') row.approved += 1;
		if (r.status === 'returned') row.returned += 1;
		if (isLate(r.status, dueOn, today)) row.late += 1;
		byUnit.set(r.organisationId, row);
	}
	return [...byUnit.values()].sort((a, b) => b.late - a.late || a.organisationId.localeCompare(b.organisationId));
}

/** Who is looking at a request: its unit's reporter, a coordinator (analyst or admin), or no one allowed. */
export type RequestAccess = 'reporter' | 'coordinator' | null;

/**
 * The one rule of who may see a request: a reporter only their own unit's, analysts and admins
 * (the coordinating office) every one, viewers none.
 * @example requestAccess({ role: 'reporter', organisationId: 'a' }, 'b') === null
 */
export function requestAccess(user: { role: Role; organisationId: string | null }, requestOrganisationId: string): RequestAccess {
	if (user.role === 'reporter') return user.organisationId !== null && user.organisationId === requestOrganisationId ? 'reporter' : null;
	if (user.role === 'analyst' || user.role === 'admin') return 'coordinator';
	return null;
}

/** The unit still has to answer a request in these: open, or returned to them; a submitted one waits for its review. */
export const AWAITING_UNIT: readonly RequestStatus[] = ['open', 'returned'];
export const awaitsUnit = (status: RequestStatus) => AWAITING_UNIT.includes(status);

/** Only a request the unit still has to answer, of an open round, takes a submission. */
export function canSubmit(status: RequestStatus, roundStatus: RoundStatus): boolean {
	return roundStatus === 'open' && awaitsUnit(status);
}

/**
 * Which reminders a request is due: due within `soonDays` days (not yet late), or late by at least
 * `lateDays`. Only a request the unit still has to answer (open or returned) is chased: a submitted
 * one waits for the coordinator, and its reporters must not be told it "has not been submitted".
 */
export function reminderKind(status: RequestStatus, dueOn: string, today: string, soonDays: number, lateDays: number): 'due_soon' | 'late' | null {
	if (!awaitsUnit(status)) return null;
	if (isLate(status, dueOn, today)) return daysLate(status, dueOn, today) >= lateDays ? 'late' : null;
	return dueOn <= addDays(today, soonDays) ? 'due_soon' : null;
}

// --- What the round pages show (read on the server, typed here so pages need nothing from it) ---

export interface RoundRow {
	id: number;
	title: string;
	period: string;
	dueOn: string;
	status: RoundStatus;
	openedBy: string;
	openedAt: Date;
	requested: number;
	submitted: number;
	approved: number;
	late: number;
}

export interface RequestRow {
	id: number;
	roundId: number;
	roundTitle: string;
	roundPeriod: string;
	roundStatus: RoundStatus;
	dueOn: string;
	organisationId: string;
	unitName: string;
	kind: RequestKind;
	indicatorId: string | null;
	taskId: string | null;
	/** The indicator's or task's name. */
	subject: string;
	unit: string | null;
	period: string | null;
	basis: ObservationBasis | null;
	status: RequestStatus;
	late: boolean;
	daysLate: number;
	updatedAt: Date;
}

export interface SubmissionRow {
	id: number;
	version: number;
	value: number | null;
	provenance: Provenance | null;
	source: { title: string; publisher: string; url: string; publishedOn: string } | null;
	taskStatus: TaskStatus | null;
	progressOn: string | null;
	evidenceUrl: string | null;
	evidenceFile: { id: number; name: string; size: number } | null;
	note: string | null;
	reason: string | null;
	submittedBy: string;
	submittedAt: Date;
	decision: 'approved' | 'returned' | null;
	reviewComment: string | null;
	reviewedBy: string | null;
	reviewedAt: Date | null;
}

/** A number that can be a generated row id (a 32-bit integer column): anything else in a URL is "not found", not a database error. */
export const isRowId = (n: number): boolean => Number.isInteger(n) && n > 0 && n <= 2_147_483_647;
