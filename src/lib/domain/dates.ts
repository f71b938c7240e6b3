/**
 * Days and times in the deployment's time zone. Instants are stored in UTC; a *day* (an as-of date,
 * "today", the date a figure was recorded) is always a calendar day in one zone, which comes in as
 * an argument (the server reads PACER_TIME_ZONE). Intl does the zone arithmetic, so daylight saving
 * and historical offsets follow the runtime's tz database without a dependency.
 *
 * "As of D" means: every figure recorded before the end of day D in the zone counts. In Asia/Shanghai
 * the day 2024-12-31 ends at 2024-12-31T16:00:00Z, so a figure recorded at 15:59:59Z counts and one
 * recorded at 16:00:00Z does not.
 */

/** The zone Pacer uses when PACER_TIME_ZONE is not set: the plans it tracks are Chinese. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** One wall-clock formatter per zone (building one costs far more than using it). */
function wallClock(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** Whether the runtime knows a zone name: isTimeZone('Asia/Shanghai') === true, isTimeZone('Mars/Base') === false. */
export function isTimeZone(name: string): boolean {
	if (!name.trim()) return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

/** The wall-clock reading of an instant in a zone, as numbers (seconds precision). */
function wallParts(instant: Date, timeZone: string) {
	const parts: Record<string, number> = {};
	for (const p of wallClock(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
	return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/**
 * The zone's offset from UTC at an instant, in minutes.
 * @example offsetMinutes(new Date('2024-12-31T16:00:00Z'), 'Asia/Shanghai') === 480
 */
export function offsetMinutes(instant: Date, timeZone: string): number {
	const w = wallParts(instant, timeZone);
	const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	const whole = Math.floor(instant.getTime() / 1000) * 1000;
	return Math.round((wallAsUtc - whole) / 60_000);
}

/**
 * The calendar day of an instant in a zone, as YYYY-MM-DD.
 * @example localDay(new Date('2024-12-31T16:00:00Z'), 'Asia/Shanghai') === '2025-01-01'
 */
export function localDay(instant: Date, timeZone: string): string {
	const w = wallParts(instant, timeZone);
	return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Today in a zone: the day the as-of views and the stored judgements are for. */
export function todayIn(now: Date, timeZone: string): string {
	return localDay(now, timeZone);
}

/** A YYYY-MM-DD day moved by whole days: addDays('2024-03-01', -1) === '2024-02-29'. */
/** Days in a month (1-12) of a year, without making a Date: judging calls it for every figure. */
export function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A month's last day, YYYY-MM-DD. @example monthEnd(2024, 2) === '2024-02-29' */
export function monthEnd(year: number, month: number): string {
	return `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

export function addDays(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first instant of a local day. A day's start is the earliest instant whose local day is that
 * day; found by bisection, so days that begin at 01:00 (daylight saving at midnight) or that a zone
 * skipped are right too. Offsets lie within ±14 hours, hence the bracket.
 * @example startOfLocalDay('2025-01-01', 'Asia/Shanghai').toISOString() === '2024-12-31T16:00:00.000Z'
 */
export function startOfLocalDay(day: string, timeZone: string): Date {
	const midnightUtc = Date.parse(`${day}T00:00:00Z`);
	if (Number.isNaN(midnightUtc)) throw new Error(`not a YYYY-MM-DD day: "${day}"`);
	// The usual case in one step: midnight on the wall clock at the offset of that moment.
	const guess = midnightUtc - offsetMinutes(new Date(midnightUtc), timeZone) * 60_000;
	if (localDay(new Date(guess), timeZone) === day && localDay(new Date(guess - 1), timeZone) < day) return new Date(guess);
	let low = midnightUtc - 15 * 3_600_000; // local day before `day`
	let high = midnightUtc + 15 * 3_600_000; // local day `day` or later
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (localDay(new Date(middle), timeZone) < day) low = middle;
		else high = middle;
	}
	return new Date(high);
}

/**
 * The last instant (millisecond) of a local day: "as of D" counts figures recorded up to it.
 * @example endOfLocalDay('2024-12-31', 'Asia/Shanghai').toISOString() === '2024-12-31T15:59:59.999Z'
 */
export function endOfLocalDay(day: string, timeZone: string): Date {
	return new Date(startOfLocalDay(addDays(day, 1), timeZone).getTime() - 1);
}

/**
 * Up to when figures count as of a day: the end of that local day, or `now` if the day is not over.
 * @example asOfCutoff('2024-12-31', new Date('2026-01-01T00:00:00Z'), 'Asia/Shanghai').toISOString() === '2024-12-31T15:59:59.999Z'
 */
export function asOfCutoff(day: string, now: Date, timeZone: string): Date {
	const end = endOfLocalDay(day, timeZone);
	return end.getTime() < now.getTime() ? end : now;
}

/**
 * The zone's offset at an instant as readers see it: "UTC+8", "UTC+5:30", "UTC−5", "UTC".
 * @example zoneLabel(new Date('2025-07-01T00:00:00Z'), 'Europe/Berlin') === 'UTC+2'
 */
export function zoneLabel(instant: Date, timeZone: string): string {
	const minutes = offsetMinutes(instant, timeZone);
	if (minutes === 0) return 'UTC';
	const sign = minutes > 0 ? '+' : '−';
	const h = Math.floor(Math.abs(minutes) / 60);
	const m = Math.abs(minutes) % 60;
	return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}
