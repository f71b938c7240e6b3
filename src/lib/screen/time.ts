/** Times on the wall screen, in the briefing room's time zone, so the server's first render and the screen agree. */
import { SCREEN_TIME_ZONE } from '../domain/board';
import { LANGUAGE_TAG, type Locale } from '../domain/plan';
import { formatDateTime as formatInZone } from '../domain/quantity';

/**
 * Hours and minutes: "14:05".
 * @example formatClock(new Date('2026-11-23T06:05:00Z'), 'zh') === '14:05'
 */
export function formatClock(at: Date | string, locale: Locale): string {
	return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: SCREEN_TIME_ZONE }).format(new Date(at));
}

/**
 * Date and time: "2026年11月23日 14:05", "Nov 23, 2026, 14:05".
 * @example formatDateTime('2026-11-23T06:05:00Z', 'en') === 'Nov 23, 2026, 14:05'
 */
export function formatDateTime(at: Date | string, locale: Locale): string {
	return formatInZone(at, locale, SCREEN_TIME_ZONE);
}
