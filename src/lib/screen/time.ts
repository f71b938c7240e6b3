/**
 * Times on the wall screen, in the deployment's time zone (PACER_TIME_ZONE, passed in), never the
 * display browser's: the server's first render and the screen then agree, and so do the wall and the pages.
 */
import { LANGUAGE_TAG, type Locale } from '../domain/plan';
import { formatDateTime as formatInZone, formatTime } from '../domain/quantity';

/**
 * Hours and minutes: "14:05".
 * @example formatClock(new Date('2026-11-23T06:05:00Z'), 'zh', 'Asia/Shanghai') === '14:05'
 */
export function formatClock(at: Date | string, locale: Locale, timeZone: string): string {
	return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(at));
}

/**
 * Date and time: "2026年11月23日 14:05", "Nov 23, 2026, 14:05".
 * @example formatDateTime('2026-11-23T06:05:00Z', 'en', 'Asia/Shanghai') === 'Nov 23, 2026, 14:05'
 */
export function formatDateTime(at: Date | string, locale: Locale, timeZone: string): string {
	return formatInZone(at, locale, timeZone);
}

/** The same with the zone named, for the one line that says how recent the data is: "Nov 23, 2026, 14:05 (UTC+8)". */
export function formatDateTimeInZone(at: Date | string, locale: Locale, timeZone: string): string {
	return formatTime(at, locale, timeZone);
}
