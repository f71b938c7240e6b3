import { describe, expect, it } from 'vitest';
import { formatQuantity, formatTargetValue } from './quantity';

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

