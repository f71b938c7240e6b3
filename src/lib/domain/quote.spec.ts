import { describe, expect, it } from 'vitest';
import { splitOnQuote } from './quote';

describe('splitOnQuote', () => {
	it('marks the quoted words inside the clause', () => {
		expect(splitOnQuote('规模达到4000亿元、全市占比50%。', '全市占比50%')).toEqual([
			{ text: '规模达到4000亿元、', quoted: false },
			{ text: '全市占比50%', quoted: true },
			{ text: '。', quoted: false }
		]);
	});
	it('marks every occurrence and handles a quote at the edges', () => {
		expect(splitOnQuote('ABA', 'A')).toEqual([
			{ text: 'A', quoted: true },
			{ text: 'B', quoted: false },
			{ text: 'A', quoted: true }
		]);
	});
	it('leaves the text whole when the quote is absent', () => {
		expect(splitOnQuote('全文', '无')).toEqual([{ text: '全文', quoted: false }]);
	});
});
