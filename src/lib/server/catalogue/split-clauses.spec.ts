import { describe, expect, it } from 'vitest';
import { chineseNumeral, splitClauses } from './split-clauses';

describe('chineseNumeral', () => {
	it.each([['一', 1], ['十', 10], ['十二', 12], ['二十', 20], ['三十七', 37]] as const)('%s = %d', (numeral, n) => {
		expect(chineseNumeral(numeral)).toBe(n);
	});
});

describe('splitClauses', () => {
	it('follows 一、 / （一） / 1. and gives heading-only lines the paragraphs after them', () => {
		const clauses = splitClauses(
			['一、总体要求', '（二）行动目标', '到2024年底，成为地标。', '1.创新能级显著提升。获批上市10个以上国产1类新药。', '本意见自2024年8月1日起实施。'],
			'x',
			['附则']
		);
		expect(clauses).toEqual([
			{ id: 'x-1', path: ['一、'], heading: '总体要求', text: '' },
			{ id: 'x-1.2', path: ['一、', '（二）'], heading: '行动目标', text: '到2024年底，成为地标。' },
			{ id: 'x-1.2.1', path: ['一、', '（二）', '1.'], heading: '创新能级显著提升', text: '创新能级显著提升。获批上市10个以上国产1类新药。' },
			{ id: 'x-closing', path: ['附则'], heading: null, text: '本意见自2024年8月1日起实施。' }
		]);
	});
});
