import { describe, expect, it } from 'vitest';
import { directionOf, draftPlanId, fieldErrors, measureOf, planDetailsForm, proposalForm, suggestedIndicator } from './review-forms';

describe('draftPlanId', () => {
	const sha = 'AB12CD34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12';
	it.each([
		[{ docNumber: '浦府办〔2022〕2号', title: null }, 'plan-2022-2-ab12cd34'],
		[{ docNumber: '沪府办规〔2024〕12 号', title: '关于…的若干意见' }, 'plan-2024-12-ab12cd34'],
		[{ docNumber: null, title: '浦东新区生物医药产业高质量发展行动方案（2022-2024年）' }, 'plan-2022-ab12cd34'],
		[{ docNumber: null, title: null }, 'plan-ab12cd34']
	])('%o -> %s', (extraction, id) => {
		expect(draftPlanId(extraction, sha)).toBe(id);
		expect(id).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
	});
});

describe('new indicators from a proposal', () => {
	it.each([
		['<=', 'level', 'lower'],
		['>=', 'duration', 'lower'],
		['>=', 'level', 'higher'],
		['between', 'new_since_baseline', 'higher'],
		['=', 'act', 'higher']
	] as const)('%s %s wants %s', (comparator, kind, direction) => {
		expect(directionOf(comparator, kind)).toBe(direction);
	});

	it.each([
		['new_since_baseline', 'flow'],
		['act', 'flow'],
		['level', 'stock'],
		['cumulative', 'stock'],
		['share', 'stock'],
		['duration', 'stock']
	] as const)('%s is a %s', (kind, measure) => {
		expect(measureOf(kind)).toBe(measure);
	});

	it('takes the name, unit and area and counts yearly', () => {
		expect(suggestedIndicator({ indicatorName: '伦理审查用时', unit: '工作日', comparator: '<=', kind: 'duration' }, { zh: '上海市', en: 'Shanghai' })).toEqual({
			nameZh: '伦理审查用时',
			nameEn: '',
			unit: '工作日',
			frequency: 'year',
			direction: 'lower',
			measure: 'stock',
			areaZh: '上海市',
			areaEn: 'Shanghai',
			definitionZh: '',
			definitionEn: ''
		});
	});
});

describe('review forms', () => {
	const details = {
		titleZh: '方案',
		titleEn: '',
		issuerZh: '区政府',
		issuerEn: '',
		documentNumber: null,
		areaZh: '浦东新区',
		areaEn: 'Pudong',
		issuedOn: '2025-01-02',
		effectiveFrom: '2025-01-02',
		effectiveTo: null
	};

	it('accepts plan details with English left empty and refuses a period ending before it starts', () => {
		expect(planDetailsForm.safeParse(details).success).toBe(true);
		const bad = planDetailsForm.safeParse({ ...details, titleZh: ' ', effectiveTo: '2024-12-31' });
		expect(bad.success).toBe(false);
		expect(fieldErrors(bad.error!)).toEqual({ titleZh: 'required', effectiveTo: 'ends before it starts' });
	});

	it('reads a proposal review with only a decision, or with a link or a new indicator', () => {
		expect(proposalForm.parse({ decision: 'rejected' })).toEqual({ decision: 'rejected' });
		expect(proposalForm.parse({ decision: 'accepted', indicator: { link: 'sh.scale' } }).indicator).toEqual({ link: 'sh.scale' });
		expect(proposalForm.safeParse({ decision: 'accepted', indicator: { link: 'Not An Id' } }).success).toBe(false);
		expect(proposalForm.safeParse({ decision: 'maybe' }).success).toBe(false);
		const range = proposalForm.safeParse({ decision: 'accepted', comparator: 'between', max: null });
		expect(range.success).toBe(false);
		expect(fieldErrors(range.error!)).toHaveProperty('max');
	});
});

describe('review forms from form fields', () => {
	it('reads numbers and empty fields as a form posts them', () => {
		expect(proposalForm.parse({ decision: 'accepted', value: '1,200', max: '', deadline: '', deadlineBasis: '', shareOf: '' })).toEqual({
			decision: 'accepted',
			value: 1200,
			max: null,
			deadline: null,
			deadlineBasis: null,
			shareOf: null
		});
		const bad = proposalForm.safeParse({ decision: 'accepted', value: 'many' });
		expect(fieldErrors(bad.error!)).toEqual({ value: 'a number' });
		expect(planDetailsForm.parse({ titleZh: '方案', titleEn: '', issuerZh: '区政府', issuerEn: '', documentNumber: '', areaZh: '区', areaEn: '', issuedOn: '2025-01-02', effectiveFrom: '2025-01-02', effectiveTo: '' })).toMatchObject({
			documentNumber: null,
			effectiveTo: null
		});
	});
});
