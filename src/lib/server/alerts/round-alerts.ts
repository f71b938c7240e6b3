/**
 * Data rounds' alerts: a unit's reporters are reminded before a request is due and told when it is
 * late, the unit's head is told when it stays late for days, and the coordinators are told when a
 * figure waits for their approval. Reminders are found by the calendar (a scanner of the delivery
 * worker); the approval alert is queued in the submission's own transaction.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { todayIn } from '../../domain/dates';
import { localized, type Localized } from '../../domain/alerts';
import type { MessageKey } from '../../i18n';
import { route } from '../../route';
import { deploymentTimeZone } from '../config';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { roundReminders, type RoundReminder } from '../queries/round-reads';
import { both } from './events';
import { enqueueAlert } from './outbox';
import type { AlertScanner } from './worker';

export interface RoundAlertPolicy {
	/** Reporters are reminded once when a request is due within this many days. */
	remindDaysBefore: number;
	/** The unit's head is told once when a request is this many days late. */
	escalateAfterDays: number;
}

export const DEFAULT_ROUND_ALERT_POLICY: RoundAlertPolicy = { remindDaysBefore: 3, escalateAfterDays: 7 };

function days(text: string | undefined, name: string, fallback: number): number {
	if (!text?.trim()) return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of days (got "${text}")`);
	return value;
}

/** PACER_REMIND_DAYS_BEFORE and PACER_ESCALATE_AFTER_DAYS. */
export function readRoundAlertPolicy(env: Record<string, string | undefined>): RoundAlertPolicy {
	return {
		remindDaysBefore: days(env.PACER_REMIND_DAYS_BEFORE, 'PACER_REMIND_DAYS_BEFORE', DEFAULT_ROUND_ALERT_POLICY.remindDaysBefore),
		escalateAfterDays: days(env.PACER_ESCALATE_AFTER_DAYS, 'PACER_ESCALATE_AFTER_DAYS', DEFAULT_ROUND_ALERT_POLICY.escalateAfterDays)
	};
}

/** The same words in both languages: names the catalogue keeps in one language only. */
const same = (text: string): Localized => ({ zh: text, en: text });

/** The reminder's values in both languages: the same request read in each. */
function reminderParams(zh: RoundReminder, en: RoundReminder | undefined) {
	const read = (pick: (r: RoundReminder) => string): Localized => ({ zh: pick(zh), en: pick(en ?? zh) });
	return { unit: read((r) => r.unit.name), round: same(zh.roundTitle), indicator: read((r) => r.subject), period: same(zh.period), due: zh.dueOn, days: zh.daysLate };
}

/**
 * Queues today's reminders. Each occasion has a dedupe key without the day (request, kind), so a
 * reporter is reminded once before the due day, told once that it is late, and the head once.
 */
export async function queueRoundReminders(db: Database, today: string, policy: RoundAlertPolicy): Promise<number> {
	let queued = 0;
	// Late by one day or more: the reporters; late by escalateAfterDays: also the head.
	const options = { today, dueWithinDays: policy.remindDaysBefore, lateByDays: 1 };
	const reminders = await roundReminders(db, { ...options, locale: 'zh' });
	if (reminders.length === 0) return 0;
	const english = new Map((await roundReminders(db, { ...options, locale: 'en' })).map((r) => [r.requestId, r]));
	for (const r of reminders) {
		const fields = { request: r.requestId, round: r.roundId, unit: r.unit.id };
		const common = { params: reminderParams(r, english.get(r.requestId)), link: route.roundRequest(r.requestId), fields };
		const reporters = r.reporters.map((p) => p.id);
		if (r.kind === 'due_soon') {
			queued += await enqueueAlert(db, { kind: 'request_due_soon', recipients: reporters, dedupeKey: `round:${r.requestId}:due_soon`, ...common });
			continue;
		}
		queued += await enqueueAlert(db, { kind: 'request_late', recipients: reporters, dedupeKey: `round:${r.requestId}:late`, ...common });
		if (r.daysLate >= policy.escalateAfterDays && r.head) {
			queued += await enqueueAlert(db, { kind: 'request_escalated', recipients: [r.head.id], dedupeKey: `round:${r.requestId}:escalated`, ...common });
		}
	}
	return queued;
}

/** The delivery worker's scanner: today's reminders, today being the deployment's. */
export function roundReminderScanner(env: Record<string, string | undefined>): AlertScanner {
	const policy = readRoundAlertPolicy(env);
	return (db, now) => queueRoundReminders(db, todayIn(now, deploymentTimeZone()), policy);
}

/**
 * A reporter's submission waits for review: the round's coordinator (who opened it) and the other
 * active analysts of the coordinator's unit are told. Called inside the submission's transaction.
 */
export async function alertApprovalWaiting(tx: Transaction, requestId: number, version: number): Promise<number> {
	const [found] = await tx
		.select({
			request: s.roundRequests,
			round: s.rounds,
			unit: { zh: s.organisations.nameZh, en: s.organisations.nameEn },
			indicator: { zh: s.indicators.nameZh, en: s.indicators.nameEn },
			task: { zh: s.tasks.titleZh, en: s.tasks.titleEn },
			submission: s.roundSubmissions,
			submitter: s.users.displayName
		})
		.from(s.roundRequests)
		.innerJoin(s.rounds, eq(s.rounds.id, s.roundRequests.roundId))
		.innerJoin(s.organisations, eq(s.organisations.id, s.roundRequests.organisationId))
		.leftJoin(s.indicators, eq(s.indicators.id, s.roundRequests.indicatorId))
		.leftJoin(s.tasks, eq(s.tasks.id, s.roundRequests.taskId))
		.innerJoin(s.roundSubmissions, and(eq(s.roundSubmissions.requestId, s.roundRequests.id), eq(s.roundSubmissions.version, version)))
		.innerJoin(s.users, eq(s.users.id, s.roundSubmissions.submittedBy))
		.where(eq(s.roundRequests.id, requestId));
	if (!found) return 0;
	const [opener] = await tx.select({ id: s.users.id, organisationId: s.users.organisationId }).from(s.users).where(eq(s.users.id, found.round.openedBy));
	const colleagues = opener?.organisationId
		? await tx
				.select({ id: s.users.id })
				.from(s.users)
				.where(and(eq(s.users.organisationId, opener.organisationId), inArray(s.users.role, ['analyst', 'admin']), isNull(s.users.deactivatedAt)))
		: [];
	const recipients = [...new Set([found.round.openedBy, ...colleagues.map((c) => c.id)])];
	const sub = found.submission;
	const [source] = sub.sourceId ? await tx.select({ title: s.sources.title, publisher: s.sources.publisher }).from(s.sources).where(eq(s.sources.id, sub.sourceId)) : [];
	const sourceText = source ? `${source.publisher}: ${source.title}` : sub.newSource ? `${sub.newSource.publisher}: ${sub.newSource.title}` : sub.evidenceUrl ?? '—';
	return enqueueAlert(tx, {
		kind: 'approval_waiting',
		recipients,
		params: {
			submitter: same(found.submitter),
			unit: localized(found.unit.zh, found.unit.en),
			round: same(found.round.title),
			indicator: found.indicator?.zh ? localized(found.indicator.zh, found.indicator.en) : localized(found.task?.zh ?? '', found.task?.en ?? null),
			period: same(found.request.period ?? found.round.period),
			// A task note's "value" is its status, named in each reader's language.
			value: sub.value ?? (sub.taskStatus ? both(`task.standing.${sub.taskStatus}` as MessageKey) : '—'),
			source: same(sourceText)
		},
		dedupeKey: `round-submission:${requestId}:${version}`,
		link: route.roundRequest(requestId),
		fields: { request: requestId, round: found.round.id, version }
	});
}
