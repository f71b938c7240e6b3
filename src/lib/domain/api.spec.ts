import { describe, expect, it } from 'vitest';
import { apiTokenFormSchema, figuresQuery, isCalendarDay, listPage, MAX_LIMIT, plansQuery, queryIssues, targetsQuery } from './api';

describe('API query parameters', () => {
	it('reads a good query with defaults', () => {
		expect(targetsQuery.parse({ asOf: '2024-12-31', status: 'missed' })).toEqual({ asOf: '2024-12-31', status: 'missed', limit: 100, offset: 0 });
		expect(plansQuery.parse({})).toEqual({ status: 'published', limit: 100, offset: 0 });
		expect(figuresQuery.parse({ limit: '7', offset: '14' })).toMatchObject({ limit: 7, offset: 14 });
	});

	it.each([
		[{ asOf: '2024-02-30' }, 'asOf', 'is not a calendar date'],
		[{ asOf: '31/12/2024' }, 'asOf', 'must be YYYY-MM-DD'],
		[{ limit: String(MAX_LIMIT + 1) }, 'limit', undefined],
		[{ limit: '0' }, 'limit', undefined],
		[{ offset: '-1' }, 'offset', undefined],
		[{ limit: 'ten' }, 'limit', undefined],
		[{ status: 'great' }, 'status', undefined],
		[{ lang: 'fr' }, 'lang', undefined],
		[{ asof: '2024-12-31' }, 'asof', 'unknown parameter']
	])('refuses %o naming the parameter', (query, parameter, message) => {
		const parsed = targetsQuery.safeParse(query);
		expect(parsed.success).toBe(false);
		const issues = queryIssues(parsed.error!);
		expect(issues.map((i) => i.parameter)).toEqual([parameter]);
		if (message) expect(issues[0].message).toBe(message);
	});

	it('knows calendar days', () => {
		expect(isCalendarDay('2024-02-29')).toBe(true);
		expect(isCalendarDay('2023-02-29')).toBe(false);
		expect(isCalendarDay('2024-2-1')).toBe(false);
	});
});

describe('listPage', () => {
	it('links the next page, keeping the query, and none after the last', () => {
		const query = new URLSearchParams('asOf=2024-12-31&limit=2');
		expect(listPage(5, { limit: 2, offset: 2 }, '/api/v1/targets', query)).toEqual({ limit: 2, offset: 2, total: 5, next: '/api/v1/targets?asOf=2024-12-31&limit=2&offset=4' });
		expect(listPage(5, { limit: 2, offset: 4 }, '/api/v1/targets', query).next).toBeNull();
		expect(listPage(0, { limit: 2, offset: 0 }, '/api/v1/targets', query)).toEqual({ limit: 2, offset: 0, total: 0, next: null });
	});
});

describe('the token form', () => {
	it('takes a name, an owner and an optional last day', () => {
		expect(apiTokenFormSchema.parse({ userId: 'u1', name: '  dashboard ', expiresOn: '' })).toEqual({ userId: 'u1', name: 'dashboard', expiresOn: null });
		expect(apiTokenFormSchema.parse({ userId: 'u1', name: 'x', expiresOn: '2027-01-31' }).expiresOn).toBe('2027-01-31');
		const bad = apiTokenFormSchema.safeParse({ userId: '', name: 'x'.repeat(81), expiresOn: '2027-02-30' });
		expect(bad.success).toBe(false);
		expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({ userId: 'required', name: 'too_long', expiresOn: 'date' });
	});
});
