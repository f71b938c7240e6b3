import { describe, expect, it } from 'vitest';
import { deleteViewForm, firstProblem, renameViewForm, saveViewForm, VIEW_NAME_MAX, VIEW_QUERY_MAX, viewQuery } from './saved-views';

describe('saved views', () => {
	it.each([
		['', ''],
		['?page=3', ''],
		['?status=missed&page=3&junk=1', '?status=missed'],
		['status=missed,on_track&sort=deadline&desc=1&cols=status,deadline', '?status=missed%2Con_track&cols=status%2Cdeadline&sort=deadline&desc=1'],
		['?plan=sh-pudong-2022&compare=a&compare=b', '?plan=sh-pudong-2022&compare=a%2Cb']
	])('keeps of %s only what the explorer reads: %s', (query, kept) => {
		expect(viewQuery(query)).toBe(kept);
	});

	it('saves a trimmed name with the normalised query', () => {
		expect(saveViewForm.parse({ name: '  伦理审查 · 未完成 ', query: '?status=missed&page=2' })).toEqual({ name: '伦理审查 · 未完成', query: '?status=missed' });
	});

	it.each([
		[{ name: '   ', query: '' }, 'ex.views.error.nameEmpty'],
		[{ name: 'x'.repeat(VIEW_NAME_MAX + 1), query: '' }, 'ex.views.error.nameLong'],
		[{ name: 'ok', query: `?q=${'x'.repeat(VIEW_QUERY_MAX)}` }, 'ex.views.error.queryLong'],
		[{ query: '' }, 'ex.views.error.invalid']
	])('refuses %j with %s', (values, key) => {
		const parsed = saveViewForm.safeParse(values);
		expect(parsed.success).toBe(false);
		expect(firstProblem(parsed.error!)).toBe(key);
	});

	it('accepts a name of exactly the longest length, in characters not bytes', () => {
		expect(saveViewForm.safeParse({ name: '视'.repeat(VIEW_NAME_MAX), query: '' }).success).toBe(true);
	});

	it('reads a view id from the rename and delete forms, refusing anything else', () => {
		expect(renameViewForm.parse({ id: '7', name: ' new ' })).toEqual({ id: 7, name: 'new' });
		expect(firstProblem(deleteViewForm.safeParse({ id: 'abc' }).error!)).toMatch(/^ex\.views\.error\./);
		expect(deleteViewForm.safeParse({ id: '0' }).success).toBe(false);
		expect(deleteViewForm.parse({ id: '12' })).toEqual({ id: 12 });
	});
});
