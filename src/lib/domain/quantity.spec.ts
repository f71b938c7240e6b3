import { describe, expect, it } from 'vitest';
import { formatChange, formatQuantity, formatTargetValue, isPercentUnit, pacePhrase, unitName } from './quantity';

describe('formatQuantity', () => {
	it.each([
		[4000, '亿元', 'zh', '4,000亿元'],
		[4000, '亿元', 'en', 'RMB 400 bn'],
		[1, '亿元', 'en', 'RMB 100 m'],
		[2000, '万元', 'en', 'RMB 20 m'],
		[5, '万元', 'en', 'RMB 50,000'],
		[500, '万平方米', 'en', '5 million m²'],
		[3, '周', 'en', '3 weeks'],
		[1, '个月', 'en', '1 month'],
		[15, '工作日', 'zh', '15工作日'],
		[20, '%', 'en', '20%'],
		[7, 'widgets', 'en', '7 widgets']
	] as const)('%d %s in %s is "%s"', (value, unit, locale, expected) => {
		expect(formatQuantity(value, unit, locale)).toBe(expected);
	});
});

describe('formatTargetValue', () => {
	it.each([
		[{ comparator: '>=', value: 4000, maxValue: null, unit: '亿元' }, 'zh', '≥ 4,000亿元'],
		[{ comparator: '<=', value: 3, maxValue: null, unit: '周' }, 'en', '≤ 3 weeks'],
		[{ comparator: 'between', value: 2, maxValue: 3, unit: '个' }, 'zh', '2–3个'],
		[{ comparator: 'between', value: 8, maxValue: 10, unit: '家' }, 'en', '8 – 10'],
		[{ comparator: '=', value: 100, maxValue: null, unit: '家' }, 'zh', '= 100家']
	] as const)('%o in %s is "%s"', (target, locale, expected) => {
		expect(formatTargetValue(target, locale)).toBe(expected);
	});
});

describe('formatDate', () => {
	it('writes dates as each language does, without time-zone shifts', async () => {
		const { formatDate } = await import('./quantity');
		expect(formatDate('2024-12-31', 'zh')).toBe('2024年12月31日');
		expect(formatDate('2024-12-31', 'en')).toBe('Dec 31, 2024');
		expect(formatDate(new Date('2026-03-31T23:30:00Z'), 'zh')).toBe('2026年3月31日');
	});
});


describe('units of change: percentage points for percentages', () => {
	it.each([
		// A share 6.67 below its target is 6.67 points short, not 6.67%.
		[6.667, '%', 'zh', false, '6.67个百分点'],
		[6.667, '%', 'en', false, '6.67 pp'],
		[2.5, '%', 'zh', true, '+2.5个百分点'],
		[-0.4, '%', 'en', true, '−0.4 pp'],
		[0, '%', 'en', true, '±0 pp'],
		// Other units: an amount of the unit.
		[900, '亿元', 'zh', false, '900亿元'],
		[900, '亿元', 'en', true, '+RMB 90 bn'],
		[-1.5, '周', 'en', true, '−1.5 weeks'],
		[3, '个', 'zh', false, '3个']
	] as const)('%d %s (%s, signed %s) is %s', (amount, unit, locale, signed, expected) => {
		expect(formatChange(amount, unit, locale, signed)).toBe(expected);
	});

	it('knows which units are percentages', () => {
		expect(isPercentUnit('%')).toBe(true);
		expect(isPercentUnit('亿元')).toBe(false);
	});

	it.each([
		// Compound paces of levels are growth rates, and say so.
		[0.255, 'compound', '亿元', 'zh', 'pace.growth', { rate: '25.5%' }],
		[0.14, 'compound', '亿元', 'en', 'pace.growth', { rate: '14%' }],
		[-0.031, 'compound', '亿元', 'en', 'pace.decline', { rate: '3.1%' }],
		// Linear paces are amounts a year: points for a share.
		[1.5, 'linear', '%', 'zh', 'pace.perYear', { amount: '+1.5个百分点' }],
		[1.5, 'linear', '%', 'en', 'pace.perYear', { amount: '+1.5 pp' }],
		[-0.2, 'linear', '周', 'en', 'pace.perYear', { amount: '−0.2 weeks' }],
		[3.333, 'linear', '个', 'zh', 'pace.perYear', { amount: '+3.33个' }]
	] as const)('a pace of %d (%s, %s, %s) is %s %o', (pace, model, unit, locale, key, values) => {
		expect(pacePhrase(pace, model, unit, locale)).toEqual({ key, values });
	});
});

describe('unitName', () => {
	it.each([
		['亿元', 'RMB 100 million'],
		['万元', 'RMB 10,000'],
		['万平方米', '10,000 m²'],
		['周', 'weeks'],
		['工作日', 'working days'],
		['个月', 'months'],
		['个', 'number'],
		['家', 'number of firms'],
		['%', '%']
	])('%s is "%s" in English and itself in Chinese', (unit, english) => {
		expect(unitName(unit, 'en')).toBe(english);
		expect(unitName(unit, 'zh')).toBe(unit);
	});

	it('every unit English readers get a value in also has an English name', () => {
		for (const unit of ['亿元', '万元', '元', '万平方米', '%', '周', '工作日', '个月', '个', '家', '件', '项', '人', '天', '日', '年']) {
			expect(unitName(unit, 'en')).not.toMatch(/\p{Script=Han}/u);
			expect(formatQuantity(2, unit, 'en')).not.toMatch(/\p{Script=Han}/u);
		}
	});
});
