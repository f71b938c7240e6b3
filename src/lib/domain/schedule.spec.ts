import { describe, expect, it } from 'vitest';
import { asOfForTick, checkCron, dataCutoff, endOfDay, latestDueTick, localDate, nextTicks, retryDelayMinutes } from './schedule';

describe('checkCron', () => {
	it('accepts five fields in a real zone', () => {
		expect(checkCron('0 8 1 * *', 'Asia/Shanghai')).toEqual({ ok: true });
	});
	it('names what is wrong', () => {
		expect(checkCron('0 8 1 *', 'Asia/Shanghai')).toEqual({ ok: false, reason: 'fields' });
		expect(checkCron('0 8 1 * * *', 'Asia/Shanghai')).toEqual({ ok: false, reason: 'fields' });
		expect(checkCron('0 25 1 * *', 'Asia/Shanghai')).toEqual({ ok: false, reason: 'syntax' });
		expect(checkCron('0 8 1 * *', 'Mars/Olympus')).toEqual({ ok: false, reason: 'timeZone' });
		expect(checkCron('0 8 30 2 *', 'UTC')).toEqual({ ok: false, reason: 'never' });
	});
});

describe('ticks', () => {
	const monthly = '0 8 1 * *';
	it('lists the next runs in the zone', () => {
		expect(nextTicks(monthly, 'Asia/Shanghai', new Date('2026-11-23T00:00:00Z'), 2).map((d) => d.toISOString())).toEqual([
			'2026-12-01T00:00:00.000Z',
			'2027-01-01T00:00:00.000Z'
		]);
	});
	it('finds nothing due before the first tick', () => {
		expect(latestDueTick(monthly, 'UTC', new Date('2026-11-02T00:00:00Z'), new Date('2026-11-30T23:00:00Z'))).toBeNull();
	});
	it('finds the tick that has just passed', () => {
		expect(latestDueTick(monthly, 'UTC', new Date('2026-11-02T00:00:00Z'), new Date('2026-12-01T08:00:30Z'))?.toISOString()).toBe(
			'2026-12-01T08:00:00.000Z'
		);
	});
	it('counts a tick at exactly now as due, and one at exactly `after` as done', () => {
		const tick = new Date('2026-12-01T08:00:00Z');
		expect(latestDueTick(monthly, 'UTC', new Date('2026-11-02T00:00:00Z'), tick)?.toISOString()).toBe(tick.toISOString());
		expect(latestDueTick(monthly, 'UTC', tick, new Date('2026-12-20T00:00:00Z'))).toBeNull();
	});
	it('makes up a long outage with the newest tick only', () => {
		expect(latestDueTick(monthly, 'UTC', new Date('2026-01-15T00:00:00Z'), new Date('2026-11-23T00:00:00Z'))?.toISOString()).toBe(
			'2026-11-01T08:00:00.000Z'
		);
	});
});

describe('as-of date of a tick', () => {
	it('is the last full local day before the tick', () => {
		// 06:00 on 1 December in Shanghai is still 30 November in UTC.
		const tick = new Date('2026-11-30T22:00:00Z');
		expect(localDate(tick, 'Asia/Shanghai')).toBe('2026-12-01');
		expect(asOfForTick(tick, 'Asia/Shanghai')).toBe('2026-11-30');
		expect(asOfForTick(new Date('2026-12-01T08:00:00Z'), 'UTC')).toBe('2026-11-30');
	});
	it('crosses month and year ends', () => {
		expect(asOfForTick(new Date('2027-01-01T00:30:00Z'), 'UTC')).toBe('2026-12-31');
		expect(asOfForTick(new Date('2024-03-01T00:30:00Z'), 'UTC')).toBe('2024-02-29');
	});
});

describe('data cutoff', () => {
	it('is the end of a past day', () => {
		expect(dataCutoff('2024-12-31', new Date('2026-11-23T10:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2024-12-31T15:59:59.999Z');
		expect(endOfDay('2024-12-31', 'Asia/Shanghai').toISOString()).toBe('2024-12-31T15:59:59.999Z');
		expect(endOfDay('2024-12-31', 'UTC').toISOString()).toBe('2024-12-31T23:59:59.999Z');
	});
	it('is now for a day not yet over', () => {
		const now = new Date('2026-11-23T10:00:00Z');
		expect(dataCutoff('2026-11-23', now, 'Asia/Shanghai')).toBe(now);
		// 23:30 UTC on the 23rd is already the 24th in Shanghai: the 23rd is over there.
		expect(dataCutoff('2026-11-23', new Date('2026-11-23T23:30:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-11-23T15:59:59.999Z');
	});
});

describe('retries', () => {
	it('wait longer each time, then stop', () => {
		expect([1, 2, 3, 4, 5].map(retryDelayMinutes)).toEqual([1, 5, 15, 60, null]);
	});
});
