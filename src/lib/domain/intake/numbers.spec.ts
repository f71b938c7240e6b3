import { describe, expect, it } from 'vitest';
import { chineseNumeral, parseNumber, percentWord, tierValue } from './numbers';

describe('chineseNumeral', () => {
	it.each([
		['三', 3],
		['十', 10],
		['十五', 15],
		['三十七', 37],
		['两', 2],
		['一百二十', 120],
		['一百零五', 105],
		['五千', 5000],
		['二〇二五', 2025],
		['一万二千', 12000]
	])('%s -> %d', (numeral, value) => {
		expect(chineseNumeral(numeral)).toBe(value);
	});

	it('refuses what is not a numeral', () => {
		expect(() => chineseNumeral('产业')).toThrow();
	});
});

describe('parseNumber', () => {
	it.each([
		['4000', 4000],
		['4,000', 4000],
		['2551.7', 2551.7],
		['２０２５', 2025],
		['２．５', 2.5],
		['十五', 15],
		['规模', null]
	])('%s -> %s', (text, value) => {
		expect(parseNumber(text)).toBe(value);
	});
});

describe('number words for shares', () => {
	it.each([
		['半数', 50], // 创新成果半数以上实现就地产业化
		['一半', 50],
		['三分之一', 33.33],
		['四分之三', 75],
		['五成', null]
	])('%s -> %s %%', (word, value) => {
		expect(percentWord(word)).toBe(value);
	});
});

describe('tier names', () => {
	it.each([
		['千亿级', { value: 1000, unit: '亿元' }],
		['百亿级', { value: 100, unit: '亿元' }],
		['50亿级', { value: 50, unit: '亿元' }],
		['万亿级', { value: 1, unit: '万亿元' }],
		['国家级', null]
	])('%s', (tier, value) => {
		expect(tierValue(tier)).toEqual(value);
	});
});
