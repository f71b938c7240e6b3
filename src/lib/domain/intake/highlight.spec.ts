import { describe, expect, it } from 'vitest';
import { markQuotes } from './highlight';

const marked = (text: string, marks: { id: number; quote: string }[]) =>
	markQuotes(text, marks).map((r) => (r.ids.length ? `[${r.text}:${r.ids.join(',')}]` : r.text)).join('');

describe('markQuotes', () => {
	it.each([
		['one quote', '生物医药产业规模达到4000亿元，全市占比50%。', [{ id: 1, quote: '生物医药产业规模达到4000亿元' }], '[生物医药产业规模达到4000亿元:1]，全市占比50%。'],
		[
			'two quotes in one sentence',
			'获批上市10个以上国产1类新药、全国占比20%',
			[
				{ id: 1, quote: '获批上市10个以上国产1类新药' },
				{ id: 2, quote: '全国占比20%' }
			],
			'[获批上市10个以上国产1类新药:1]、[全国占比20%:2]'
		],
		[
			'the same words quoted twice mark both places',
			'100家重点企业、100家重点项目',
			[
				{ id: 1, quote: '100家' },
				{ id: 2, quote: '100家' }
			],
			'[100家:1]重点企业、[100家:2]重点项目'
		],
		['overlapping quotes', '新增上市企业20家，累计达50家以上', [{ id: 1, quote: '新增上市企业20家，累计达50家以上' }, { id: 2, quote: '累计达50家以上' }], '[新增上市企业20家，:1][累计达50家以上:1,2]'],
		['a quote not in the text marks nothing', '规模达到4000亿元', [{ id: 1, quote: '5000亿元' }], '规模达到4000亿元']
	])('%s', (_, text, marks, expected) => {
		expect(marked(text, marks)).toBe(expected);
	});

	it('keeps every character of the text', () => {
		const text = '到2024年，新增百亿级企业1家、50亿级企业5家、10亿级企业15家。';
		const runs = markQuotes(text, [{ id: 1, quote: '50亿级企业5家' }, { id: 2, quote: '新增百亿级企业1家' }]);
		expect(runs.map((r) => r.text).join('')).toBe(text);
	});
});
