import { describe, expect, it } from 'vitest';
import { bookFileName, bookQuery, parseAsOf, readBookQuery } from './book';

const now = new Date('2026-11-23T10:00:00Z'); // 18:00 in Shanghai
const zone = 'Asia/Shanghai';

describe('parseAsOf', () => {
	it('takes a real date up to today', () => {
		expect(parseAsOf('2024-12-31', now, zone)).toEqual({ ok: true, value: '2024-12-31' });
		expect(parseAsOf(' 2026-11-23 ', now, zone)).toEqual({ ok: true, value: '2026-11-23' });
	});
	it('says what is wrong', () => {
		expect(parseAsOf('2024/12/31', now, zone)).toMatchObject({ ok: false, error: 'as-of date must be YYYY-MM-DD, got "2024/12/31"' });
		expect(parseAsOf('2025-02-29', now, zone)).toMatchObject({ ok: false, error: '2025-02-29 is not a calendar date' });
		expect(parseAsOf('2026-11-24', now, zone)).toMatchObject({ ok: false, error: 'as-of date 2026-11-24 is in the future' });
		expect(parseAsOf(undefined, now, zone).ok).toBe(false);
	});
	it('knows today in the deployment zone, not in UTC', () => {
		// 00:30 on 24 November in Shanghai is still the 23rd in UTC.
		expect(parseAsOf('2026-11-24', new Date('2026-11-23T16:30:00Z'), zone)).toEqual({ ok: true, value: '2026-11-24' });
		expect(parseAsOf('2026-11-24', new Date('2026-11-23T16:30:00Z'), 'UTC').ok).toBe(false);
	});
});

describe('the print page query', () => {
	it('round-trips a request', () => {
		const request = { asOf: '2024-12-31', dataCutoff: new Date('2024-12-31T15:59:59.999Z'), planIds: ['a', 'b'], locale: 'en' as const, generatedAt: new Date('2026-01-01T08:00:00Z') };
		const read = readBookQuery(new URLSearchParams(bookQuery(request)), 'en', now, zone);
		expect(read).toEqual({ ok: true, value: request });
	});
	it('defaults the cutoff to the end of the day, or to now for today', () => {
		const past = readBookQuery(new URLSearchParams('asOf=2024-12-31'), 'zh', now, zone);
		// The end of 31 December in Shanghai: 16:00 UTC.
		expect(past.ok && past.value.dataCutoff.toISOString()).toBe('2024-12-31T15:59:59.999Z');
		expect(past.ok && past.value.planIds).toEqual([]);
		const today = readBookQuery(new URLSearchParams('asOf=2026-11-23'), 'zh', now, zone);
		expect(today.ok && today.value.dataCutoff).toEqual(now);
	});
	it('refuses a cutoff after the as-of day, which would let later corrections in', () => {
		expect(readBookQuery(new URLSearchParams('asOf=2024-12-31&cutoff=2024-12-31T16:00:00Z'), 'zh', now, zone)).toMatchObject({ ok: false });
		expect(readBookQuery(new URLSearchParams('asOf=2024-12-31&cutoff=soon'), 'zh', now, zone)).toMatchObject({ ok: false, error: 'cutoff must be an ISO date-time, got "soon"' });
	});
	it('names files by date and language', () => {
		expect(bookFileName('2024-12-31', 'zh', 7)).toBe('pacer-book-2024-12-31-zh-7.pdf');
	});
});
