import { describe, expect, it } from 'vitest';
import { bookFileName, bookQuery, parseAsOf, readBookQuery } from './book';

const now = new Date('2026-11-23T10:00:00Z');

describe('parseAsOf', () => {
	it('takes a real date up to today', () => {
		expect(parseAsOf('2024-12-31', now)).toEqual({ ok: true, value: '2024-12-31' });
		expect(parseAsOf(' 2026-11-23 ', now)).toEqual({ ok: true, value: '2026-11-23' });
	});
	it('says what is wrong', () => {
		expect(parseAsOf('2024/12/31', now)).toMatchObject({ ok: false, error: 'as-of date must be YYYY-MM-DD, got "2024/12/31"' });
		expect(parseAsOf('2025-02-29', now)).toMatchObject({ ok: false, error: '2025-02-29 is not a calendar date' });
		expect(parseAsOf('2026-11-24', now)).toMatchObject({ ok: false, error: 'as-of date 2026-11-24 is in the future' });
		expect(parseAsOf(undefined, now).ok).toBe(false);
	});
});

describe('the print page query', () => {
	it('round-trips a request', () => {
		const request = { asOf: '2024-12-31', dataCutoff: new Date('2024-12-31T23:59:59.999Z'), planIds: ['a', 'b'], locale: 'en' as const, generatedAt: new Date('2026-01-01T08:00:00Z') };
		const read = readBookQuery(new URLSearchParams(bookQuery(request)), 'en', now);
		expect(read).toEqual({ ok: true, value: request });
	});
	it('defaults the cutoff to the end of the day, or to now for today', () => {
		const past = readBookQuery(new URLSearchParams('asOf=2024-12-31'), 'zh', now);
		expect(past.ok && past.value.dataCutoff.toISOString()).toBe('2024-12-31T23:59:59.999Z');
		expect(past.ok && past.value.planIds).toEqual([]);
		const today = readBookQuery(new URLSearchParams('asOf=2026-11-23'), 'zh', now);
		expect(today.ok && today.value.dataCutoff).toEqual(now);
	});
	it('refuses a cutoff after the as-of day, which would let later corrections in', () => {
		expect(readBookQuery(new URLSearchParams('asOf=2024-12-31&cutoff=2025-01-01T00:00:00Z'), 'zh', now)).toMatchObject({ ok: false });
		expect(readBookQuery(new URLSearchParams('asOf=2024-12-31&cutoff=soon'), 'zh', now)).toMatchObject({ ok: false, error: 'cutoff must be an ISO date-time, got "soon"' });
	});
	it('names files by date and language', () => {
		expect(bookFileName('2024-12-31', 'zh', 7)).toBe('pacer-book-2024-12-31-zh-7.pdf');
	});
});
