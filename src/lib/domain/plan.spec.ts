import { describe, expect, it } from 'vitest';
import { inLocale } from './plan';

describe('inLocale', () => {
	it.each([
		['产业规模', 'Industry scale', 'zh', '产业规模'],
		['产业规模', 'Industry scale', 'en', 'Industry scale'],
		// A plan just taken in has no English yet: the Chinese shows rather than nothing.
		['产业规模', '', 'en', '产业规模'],
		['产业规模', '  ', 'en', '产业规模'],
		[null, null, 'en', null]
	] as const)('(%s, %s, %s) -> %s', (zh, en, locale, expected) => {
		expect(inLocale(zh, en, locale)).toBe(expected);
	});
});
