import { describe, expect, it } from 'vitest';
import { cleanLine, findNoise, stripPinyinGlosses, toPrintPunctuation } from './clean-text';

describe('cleaning a scraped seed line', () => {
	it.each([
		['繳費(fèi)及信息查詢', '缴费及信息查询'],
		['??1.創新能級顯著提升', '1.创新能级显著提升'],
		['著力打造', '着力打造'],
		['屬于全國首個或者符合優先審批條件的醫療器械產品參照?qǐng)?zhí)行。', '属于全国首个或者符合优先审批条件的医疗器械产品参照执行。']
	])('%s -> %s', (raw, clean) => {
		expect(cleanLine(raw)).toBe(clean);
	});

	it('removes pinyin glosses but keeps English in parentheses', () => {
		expect(stripPinyinGlosses('請(qǐng)輸入 (CRO) (First-in-class)')).toBe('請輸入 (CRO) (First-in-class)');
	});

	it('uses print punctuation but leaves thousands separators alone', () => {
		expect(toPrintPunctuation('规模(亿元),达到4,000;')).toBe('规模（亿元），达到4,000；');
	});

	it('finds noise that remains', () => {
		expect(findNoise('浦東新區')).toEqual(['traditional characters']);
		expect(findNoise('为高??蒲')).toEqual(['question marks']);
		expect(findNoise('浦东新区')).toEqual([]);
	});
});
