/**
 * When scheduled briefing books are due, from a cron expression in a time zone (croner does the
 * calendar arithmetic), and which date a book made at a tick describes.
 */
import { Cron } from 'croner';
import { addDays, asOfCutoff, endOfLocalDay, isTimeZone, localDay } from './dates';

export type CronProblem = 'fields' | 'timeZone' | 'syntax' | 'never';
export type CronCheck = { ok: true } | { ok: false; reason: CronProblem };

/** Whether an expression and a time zone can drive a schedule: five fields, a real zone, and at least one future run. */
export function checkCron(expression: string, timeZone: string): CronCheck {
	const fields = expression.trim().split(/\s+/);
	if (fields.length !== 5) return { ok: false, reason: 'fields' };
	if (!isTimeZone(timeZone)) return { ok: false, reason: 'timeZone' };
	try {
		const next = new Cron(expression.trim(), { timezone: timeZone, paused: true }).nextRun();
		return next ? { ok: true } : { ok: false, reason: 'never' };
	} catch {
		return { ok: false, reason: 'syntax' };
	}
}

function cron(expression: string, timeZone: string) {
	return new Cron(expression.trim(), { timezone: timeZone, paused: true });
}

/** The next `count` ticks after `from`, to show an admin what a schedule will do. */
export function nextTicks(expression: string, timeZone: string, from: Date, count: number): Date[] {
	return cron(expression, timeZone).nextRuns(count, from);
}

/**
 * The latest tick in (after, now], or null. Ticks missed while no instance was running are not
 * made up one by one: the newest one stands for them, so a long outage yields one book, not dozens.
 */
export function latestDueTick(expression: string, timeZone: string, after: Date, now: Date): Date | null {
	const next = cron(expression, timeZone).nextRun(after);
	if (!next || next.getTime() > now.getTime()) return null;
	// The tick just after `now`'s previous one: nextRun from one millisecond before now includes now itself.
	const [previous] = cron(expression, timeZone).previousRuns(1, new Date(now.getTime() + 1));
	return previous && previous.getTime() > after.getTime() ? previous : next;
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD (see dates.ts). */
export const localDate = localDay;

/**
 * The as-of date of a book made at a tick: the last full day before it in the schedule's zone.
 * A book dated the tick's own day would miss figures recorded later that day, and a book
 * regenerated for that date would then differ from the archived one.
 */
export function asOfForTick(tick: Date, timeZone: string): string {
	return addDays(localDay(tick, timeZone), -1);
}

/** Waits after the n-th failed attempt (1-based) before the next; null once the attempts run out. */
export const RETRY_DELAYS_MINUTES = [1, 5, 15, 60] as const;

export function retryDelayMinutes(failedAttempts: number): number | null {
	return RETRY_DELAYS_MINUTES[failedAttempts - 1] ?? null;
}

/** The last instant of a day in the deployment's zone: "as of D" means recorded by then. */
export function endOfDay(date: string, timeZone: string): Date {
	return endOfLocalDay(date, timeZone);
}

/** Up to when figures count for a book as of a date: the end of that local day, or now if the day is not over. */
export function dataCutoff(asOf: string, now: Date, timeZone: string): Date {
	return asOfCutoff(asOf, now, timeZone);
}
