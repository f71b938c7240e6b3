import { describe, expect, it } from 'vitest';
import { pageCount, pageWindow, readPage } from './overview';

describe('overview paging', () => {
	it.each([
		[null, 3, 1],
		['', 3, 1],
		['2', 3, 2],
		['9', 3, 3],
		['0', 3, 1],
		['-4', 3, 1],
		['abc', 3, 1],
		['2.7', 3, 2],
		['1', 0, 1]
	])('readPage(%j, %i) is %i', (value, pages, expected) => {
		expect(readPage(value, pages)).toBe(expected);
	});

	it.each([
		[0, 5, 1],
		[5, 5, 1],
		[6, 5, 2],
		[500, 5, 100]
	])('pageCount(%i, %i) is %i', (items, perPage, expected) => {
		expect(pageCount(items, perPage)).toBe(expected);
	});
});

describe('pageWindow', () => {
	it.each([
		[1, 1, [1]],
		[1, 3, [1, 2, 3]],
		[10, 40, [1, null, 8, 9, 10, 11, 12, null, 40]],
		[1, 40, [1, 2, 3, null, 40]],
		[40, 40, [1, null, 38, 39, 40]],
		[4, 7, [1, 2, 3, 4, 5, 6, 7]]
	])('page %i of %i', (page, pages, expected) => {
		expect(pageWindow(page, pages, 2)).toEqual(expected);
	});
});
