import { describe, expect, it } from 'vitest';
import { clauseNumber } from './clause-number';

describe('clauseNumber', () => {
	// Paths as the two catalogue plans number their clauses.
	it.each([
		[['一、'], 'Section 1', '一、'],
		[['一、', '（二）', '1.'], 'Section 1 (2) 1.', '一、（二）1.'],
		[['五、', '（二十一）'], 'Section 5 (21)', '五、（二十一）'],
		[['七、', '（三十七）'], 'Section 7 (37)', '七、（三十七）'],
		[['三、', '（七）', '20.'], 'Section 3 (7) 20.', '三、（七）20.'],
		[['附件', '1'], 'Annex 1', '附件1'],
		[['序言'], 'Preamble', '序言'],
		[['通知'], 'Notice', '通知'],
		[['附则'], 'Supplementary provisions', '附则'],
		[['第三条'], 'Article 3', '第三条'],
		[['第二章', '第十二条'], 'Chapter 2 Article 12', '第二章第十二条']
	])('%j is "%s" in English and "%s" in Chinese', (path, en, zh) => {
		expect(clauseNumber(path, 'en')).toBe(en);
		expect(clauseNumber(path, 'zh')).toBe(zh);
	});

	it('no Chinese is left in the English numbering of any catalogue label', () => {
		const labels = ['一、', '八、', '（十九）', '（三十六）', '19.', '附件', '附则', '序言', '通知'];
		for (const label of labels) expect(clauseNumber([label], 'en')).not.toMatch(/[\p{Script=Han}（）、]/u);
	});
});
