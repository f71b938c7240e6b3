import { describe, expect, it } from 'vitest';
import {
	goalsMet,
	matchStrength,
	matchTargets,
	normaliseQuote,
	normaliseUnit,
	quoteOverlap,
	rates,
	sameNumber,
	scoreDocument,
	sumCounts,
	type ScoredTarget
} from './score';

const target = (quote: string, value: number, unit: string, extra: Partial<ScoredTarget> = {}): ScoredTarget => ({
	quote,
	value,
	max: null,
	unit,
	comparator: '>=',
	deadline: '2026-12-31',
	kind: 'level',
	...extra
});

// A toy converter for the few traditional characters the cases use (the benchmark passes opencc-js).
const toSimplified = (text: string) => text.replace(/[醫藥産規達億萬]/g, (c) => ({ 醫: '医', 藥: '药', 産: '产', 規: '规', 達: '达', 億: '亿', 萬: '万' })[c] ?? c);

describe('normaliseUnit', () => {
	it.each([
		['个工作日', '工作日'],
		['工作日', '工作日'],
		['个月', '月'],
		['月', '月'],
		['个', '个'],
		['个百分点', '个百分点'],
		[' 亿元 ', '亿元'],
		['％', '%']
	])('%s -> %s', (unit, expected) => expect(normaliseUnit(unit)).toBe(expected));
});

describe('normaliseQuote', () => {
	it('turns full-width digits and punctuation half-width and drops whitespace', () => {
		expect(normaliseQuote('规模达到 ４０００亿元，')).toBe('规模达到4000亿元,');
	});
	it('converts with the converter it is given', () => {
		expect(normaliseQuote('醫藥健康産業總規模', toSimplified)).toBe('医药健康产業總规模');
	});
});

describe('sameNumber', () => {
	it.each([
		[1.25, 1.25, true],
		[0.1 + 0.2, 0.3, true],
		[4000, 4000.001, true],
		[4000, 4001, false],
		[0, 0, true],
		[null, null, true],
		[null, 0, false]
	] as const)('%s vs %s', (a, b, expected) => expect(sameNumber(a, b)).toBe(expected));
});

describe('quoteOverlap', () => {
	it('counts containment either way as the strongest overlap', () => {
		expect(quoteOverlap('产业规模达到4000亿元', '到2025年,产业规模达到4000亿元')).toBe(Infinity);
		expect(quoteOverlap('到2025年,产业规模达到4000亿元', '规模达到4000亿元')).toBe(Infinity);
	});
	it('accepts a shared run of 6 or more characters that holds the number', () => {
		// "规模达到4000亿元" is shared; neither quote contains the other.
		expect(quoteOverlap('生物医药产业规模达到4000亿元', '浦东规模达到4000亿元左右')).toBe(10);
	});
	it('refuses a shared run without the number', () => {
		// "医药健康产业" (6) is shared, but the numbers differ in place.
		expect(quoteOverlap('医药健康产业总规模达到1.25万亿元', '医药健康产业投资基金每年200亿元')).toBe(0);
	});
	it('refuses runs shorter than 6', () => {
		expect(quoteOverlap('新增获批上市创新药10个', '新药10个品种获批')).toBe(0);
	});
	it('accepts any long run when the label has no digits', () => {
		expect(quoteOverlap('创新成果半数以上实现就地产业化', '半数以上实现就地转化')).toBe(8);
	});
});

describe('matchStrength', () => {
	const label = target('医药工业营业收入达到2400亿元', 2400, '亿元');
	it('matches equal numbers, units and overlapping quotes', () => {
		expect(matchStrength(label, target('其中,医药工业营业收入达到2400亿元', 2400, '亿元'))).toBe(Infinity);
	});
	it('needs the same value, max and unit', () => {
		expect(matchStrength(label, target('医药工业营业收入达到2400亿元', 24, '亿元'))).toBe(0);
		expect(matchStrength(label, target('医药工业营业收入达到2400亿元', 2400, '万元'))).toBe(0);
		expect(matchStrength(label, target('医药工业营业收入达到2400亿元', 2400, '亿元', { max: 2500 }))).toBe(0);
	});
	it('compares a range by both ends', () => {
		const range = target('新建1-2家研究型医院', 1, '家', { comparator: 'between', max: 2 });
		expect(matchStrength(range, target('新建1-2家研究型医院', 1, '家', { comparator: 'between', max: 2 }))).toBe(Infinity);
		expect(matchStrength(range, target('新建1-2家研究型医院', 1, '家', { comparator: '>=' }))).toBe(0);
	});
	it('treats 个工作日 and 工作日 alike', () => {
		expect(matchStrength(target('压缩至30个工作日', 30, '工作日'), target('时限压缩至30个工作日', 30, '个工作日'))).toBe(Infinity);
	});
	it('reads a traditional quote through the converter', () => {
		const simplified = target('医药健康产业总规模达到1.25万亿元', 1.25, '万亿元');
		const traditional = target('醫藥健康産業總規模達到1.25萬億元', 1.25, '万亿元');
		expect(matchStrength(simplified, traditional, { toSimplified: (t) => toSimplified(t).replace('總', '总').replace('業', '业') })).toBe(Infinity);
	});
});

describe('matchTargets', () => {
	it('is one to one: two labels with the same quote need two proposals', () => {
		const labels = [target('完成开工、竣工各100万平方米', 100, '万平方米'), target('完成开工、竣工各100万平方米', 100, '万平方米')];
		expect(matchTargets(labels, [target('开工、竣工各100万平方米', 100, '万平方米')])).toEqual({
			pairs: [[0, 0]],
			unmatchedLabels: [1],
			unmatchedProposals: []
		});
	});
	it('gives each label its strongest proposal, the earlier one on a tie', () => {
		const labels = [target('区级一般公共预算收入增长2%', 2, '%')];
		const proposals = [
			target('收入增长2%,力争3%', 2, '%'), // shares "收入增长2%" (7)
			target('区级一般公共预算收入增长2%', 2, '%'), // the same words
			target('区级一般公共预算收入增长2%', 2, '%')
		];
		expect(matchTargets(labels, proposals).pairs).toEqual([[0, 1]]);
	});
	it('leaves proposals nobody matched as extras', () => {
		const labels = [target('GDP增长6%', 6, '%')];
		const proposals = [target('最高500万元', 500, '万元'), target('GDP增长6%', 6, '%')];
		expect(matchTargets(labels, proposals)).toEqual({ pairs: [[0, 1]], unmatchedLabels: [], unmatchedProposals: [0] });
	});
});

describe('scoreDocument and rates', () => {
	const labels = [
		target('地区生产总值增长5%左右', 5, '%', { comparator: '=', deadline: '2025-12-31' }),
		target('引进各类首店170家以上', 170, '家', { deadline: '2025-12-31', kind: 'new_since_baseline' }),
		target('社会消费品零售总额1700亿元', 1700, '亿元', { deadline: '2025-12-31' })
	];
	const proposals = [
		target('全年实现地区生产总值增长5%左右', 5, '%', { comparator: '>=', deadline: '2025-12-31' }),
		target('引进各类首店170家以上', 170, '家', { deadline: null, kind: 'new_since_baseline' }),
		target('举办各类商业及促消费活动200场以上', 200, '场')
	];
	const score = scoreDocument(labels, proposals);

	it('counts matches and the fields right among them', () => {
		expect(score).toMatchObject({ labels: 3, proposals: 3, matched: 2, comparatorRight: 1, deadlineRight: 1, kindRight: 2 });
		expect(score.wrongFields).toEqual([
			{ label: 0, proposal: 0, fields: ['comparator'] },
			{ label: 1, proposal: 1, fields: ['deadline'] }
		]);
	});
	it('turns counts into rates and checks the goals', () => {
		const r = rates(score);
		expect(r).toEqual({ recall: 2 / 3, precision: 2 / 3, comparatorAccuracy: 0.5, deadlineAccuracy: 0.5, kindAccuracy: 1 });
		expect(goalsMet(r)).toEqual({ recall: false, precision: false, comparatorAccuracy: false, deadlineAccuracy: false });
	});
	it('sums documents target by target and leaves undefined rates null', () => {
		const total = sumCounts([score, scoreDocument([], [])]);
		expect(total).toEqual({ labels: 3, proposals: 3, matched: 2, comparatorRight: 1, deadlineRight: 1, kindRight: 2 });
		expect(rates(sumCounts([]))).toEqual({ recall: null, precision: null, comparatorAccuracy: null, deadlineAccuracy: null, kindAccuracy: null });
	});
});
