import { describe, expect, it } from 'vitest';
import { nameLikeness, suggestIndicators, type IndicatorChoice } from './suggest';

const indicators: IndicatorChoice[] = [
	{ id: 'pd.scale', nameZh: '浦东生物医药产业规模', nameEn: 'Pudong biomedicine industry scale', unit: '亿元' },
	{ id: 'sh.scale', nameZh: '上海生物医药产业规模', nameEn: 'Shanghai biomedicine industry scale', unit: '亿元' },
	{ id: 'pd.listed-companies', nameZh: '浦东上市生物医药企业', nameEn: 'Listed biomedicine firms', unit: '家' },
	{ id: 'sh.ethics-total-time', nameZh: '伦理审查总体流程时间', nameEn: 'Ethics review time', unit: '周' },
	{ id: 'sh.trial-startup-time', nameZh: '临床试验启动前医疗机构内部用时', nameEn: 'Trial start-up time', unit: '周' },
	{ id: 'sh.standard-factory-space', nameZh: '生物医药标准化厂房面积', nameEn: 'Factory space', unit: '万平方米' },
	{ id: 'cn.class1-drugs', nameZh: '全国获批上市国产1类新药', nameEn: 'Class 1 drugs, China', unit: '个' }
];

describe('nameLikeness', () => {
	it.each([
		['生物医药产业规模', '生物医药产业规模', 1],
		['产业规模', '伦理审查', 0],
		['', '产业规模', 0]
	])('%s ~ %s = %d', (a, b, expected) => {
		expect(nameLikeness(a, b)).toBe(expected);
	});

	it('ignores punctuation and is symmetric', () => {
		expect(nameLikeness('“4个100”重点企业', '4个100重点企业')).toBe(1);
		expect(nameLikeness('生物医药产业规模', '浦东生物医药产业规模')).toBeCloseTo(nameLikeness('浦东生物医药产业规模', '生物医药产业规模'));
	});
});

describe('suggestIndicators', () => {
	it('ranks by name likeness, the same unit breaking near ties', () => {
		const ranked = suggestIndicators({ indicatorName: '生物医药产业规模', unit: '亿元' }, indicators);
		expect(ranked.slice(0, 2).map((s) => s.id).sort()).toEqual(['pd.scale', 'sh.scale']);
		expect(ranked[0].sameUnit).toBe(true);
		expect(ranked.every((s, i) => i === 0 || ranked[i - 1].score >= s.score)).toBe(true);
	});

	it('prefers the indicator in the same unit when the names are alike', () => {
		const units = suggestIndicators({ indicatorName: '生物医药企业', unit: '家' }, indicators);
		expect(units[0].id).toBe('pd.listed-companies');
	});

	it('suggests nothing that shares no character pair, and at most five', () => {
		expect(suggestIndicators({ indicatorName: '绿地率', unit: '%' }, indicators)).toEqual([]);
		const many = Array.from({ length: 9 }, (_, i) => ({ id: `x${i}`, nameZh: `产业规模${i}`, nameEn: '', unit: '亿元' }));
		expect(suggestIndicators({ indicatorName: '产业规模', unit: '亿元' }, many)).toHaveLength(5);
		expect(suggestIndicators({ indicatorName: '产业规模', unit: '亿元' }, many, 2)).toHaveLength(2);
	});
});
