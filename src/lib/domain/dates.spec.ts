import { describe, expect, it } from 'vitest';
import { addDays, asOfCutoff, daysInMonth, monthEnd, endOfLocalDay, isTimeZone, localDay, offsetMinutes, startOfLocalDay, todayIn, zoneLabel } from './dates';
import { formatTime } from './quantity';

const at = (iso: string) => new Date(iso);
/** Whether a figure recorded at an instant counts for a book or judgement as of a day. */
const counts = (recordedAt: string, asOf: string, zone: string) => at(recordedAt).getTime() <= endOfLocalDay(asOf, zone).getTime();

describe('as-of days in Asia/Shanghai (UTC+8, no daylight saving)', () => {
	const zone = 'Asia/Shanghai';
	it.each([
		['2024-12-31T15:59:59Z', true],
		['2024-12-31T15:59:59.999Z', true],
		['2024-12-31T16:00:00Z', false],
		// 23:00 on 31 December in Shanghai counts; 07:00 on 1 January does not.
		['2024-12-31T15:00:00Z', true],
		['2024-12-31T23:00:00Z', false],
		['2024-12-30T16:00:00Z', true]
	])('a figure recorded at %s counts for 2024-12-31: %s', (recordedAt, expected) => {
		expect(counts(recordedAt, '2024-12-31', zone)).toBe(expected);
	});
	it('puts an instant on its local calendar day', () => {
		expect(localDay(at('2024-12-31T15:59:59Z'), zone)).toBe('2024-12-31');
		expect(localDay(at('2024-12-31T16:00:00Z'), zone)).toBe('2025-01-01');
		// 23:59 local
		expect(localDay(at('2024-12-31T15:59:00Z'), zone)).toBe('2024-12-31');
		expect(localDay(at('2024-12-30T16:00:00Z'), zone)).toBe('2024-12-31');
	});
	it('starts and ends the day at local midnight', () => {
		expect(startOfLocalDay('2024-12-31', zone).toISOString()).toBe('2024-12-30T16:00:00.000Z');
		expect(endOfLocalDay('2024-12-31', zone).toISOString()).toBe('2024-12-31T15:59:59.999Z');
		expect(endOfLocalDay('2024-02-29', zone).toISOString()).toBe('2024-02-29T15:59:59.999Z');
	});
	it('knows today in the zone, which is not the UTC day in the early morning', () => {
		expect(todayIn(at('2026-11-30T16:30:00Z'), zone)).toBe('2026-12-01');
		expect(todayIn(at('2026-11-30T16:30:00Z'), 'UTC')).toBe('2026-11-30');
	});
	it('cuts off at the end of a past day, at now within today', () => {
		const now = at('2026-12-01T04:41:00Z');
		expect(asOfCutoff('2024-12-31', now, zone).toISOString()).toBe('2024-12-31T15:59:59.999Z');
		expect(asOfCutoff('2026-12-01', now, zone)).toBe(now);
	});
});

describe('a zone with daylight saving: Europe/Berlin', () => {
	const zone = 'Europe/Berlin';
	// Summer time began on 2025-03-30 at 02:00 CET (01:00Z) and ended on 2025-10-26 at 03:00 CEST (01:00Z).
	it('has a 23-hour day when the clocks go forward', () => {
		expect(startOfLocalDay('2025-03-30', zone).toISOString()).toBe('2025-03-29T23:00:00.000Z');
		expect(endOfLocalDay('2025-03-30', zone).toISOString()).toBe('2025-03-30T21:59:59.999Z');
		expect(localDay(at('2025-03-30T21:59:59Z'), zone)).toBe('2025-03-30');
		expect(localDay(at('2025-03-30T22:00:00Z'), zone)).toBe('2025-03-31');
		expect(offsetMinutes(at('2025-03-30T00:59:59Z'), zone)).toBe(60);
		expect(offsetMinutes(at('2025-03-30T01:00:00Z'), zone)).toBe(120);
	});
	it('has a 25-hour day when they go back', () => {
		expect(startOfLocalDay('2025-10-26', zone).toISOString()).toBe('2025-10-25T22:00:00.000Z');
		expect(endOfLocalDay('2025-10-26', zone).toISOString()).toBe('2025-10-26T22:59:59.999Z');
		expect(counts('2025-10-26T22:30:00Z', '2025-10-26', zone)).toBe(true);
		expect(counts('2025-10-26T23:00:00Z', '2025-10-26', zone)).toBe(false);
	});
	it('labels the offset in force at the instant', () => {
		expect(zoneLabel(at('2025-01-15T12:00:00Z'), zone)).toBe('UTC+1');
		expect(zoneLabel(at('2025-07-15T12:00:00Z'), zone)).toBe('UTC+2');
	});
});

describe('days that do not start at midnight', () => {
	it('starts a day at 01:00 where the clocks jumped at midnight (America/Santiago, 2024-09-08)', () => {
		const start = startOfLocalDay('2024-09-08', 'America/Santiago');
		expect(start.toISOString()).toBe('2024-09-08T04:00:00.000Z');
		expect(localDay(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2024-09-07');
	});
	it('ends the day before a skipped day where the next one begins (Pacific/Apia skipped 2011-12-30)', () => {
		expect(localDay(endOfLocalDay('2011-12-29', 'Pacific/Apia'), 'Pacific/Apia')).toBe('2011-12-29');
		expect(localDay(new Date(endOfLocalDay('2011-12-29', 'Pacific/Apia').getTime() + 1), 'Pacific/Apia')).toBe('2011-12-31');
	});
});

describe('zones and labels', () => {
	it('knows real zone names', () => {
		expect(isTimeZone('Asia/Shanghai')).toBe(true);
		expect(isTimeZone('UTC')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
		expect(isTimeZone('')).toBe(false);
	});
	it.each([
		['Asia/Shanghai', 'UTC+8'],
		['Asia/Kolkata', 'UTC+5:30'],
		['America/New_York', 'UTC−5'],
		['UTC', 'UTC']
	])('labels %s as %s in winter', (zone, label) => {
		expect(zoneLabel(at('2025-01-15T12:00:00Z'), zone)).toBe(label);
	});
	it('moves days across month and leap-year ends', () => {
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
	});
	it('writes an instant in the zone and says which', () => {
		expect(formatTime('2026-12-01T04:41:00Z', 'en', 'Asia/Shanghai')).toBe('Dec 1, 2026, 12:41 (UTC+8)');
		expect(formatTime('2026-12-01T04:41:00Z', 'zh', 'Asia/Shanghai')).toBe('2026年12月1日 12:41 (UTC+8)');
		expect(formatTime('2026-12-01T04:41:00Z', 'en', 'UTC')).toBe('Dec 1, 2026, 04:41 (UTC)');
	});
});

describe('daysInMonth', () => {
	it('agrees with the calendar for every month of 1899-2101, leap years included', () => {
		for (let year = 1899; year <= 2101; year++) {
			for (let month = 1; month <= 12; month++) expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
		}
	});
});

describe('monthEnd', () => {
	it.each([
		[2023, 6, '2023-06-30'],
		[2024, 2, '2024-02-29'],
		[2025, 12, '2025-12-31']
	])('%d-%d -> %s', (year, month, date) => {
		expect(monthEnd(year, month)).toBe(date);
	});
});
