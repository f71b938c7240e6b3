import { describe, expect, it } from 'vitest';
import { chooseHeadline, readBoardSettings, type HeadlineCandidate } from './board';

const choices = { planIds: ['pudong', 'shanghai'], targetPlan: new Map([['pd-scale', 'pudong'], ['sh-beds', 'shanghai']]) };
const form = (fields: [string, string][]) => {
	const data = new FormData();
	for (const [k, v] of fields) data.append(k, v);
	return data;
};

describe('board settings', () => {
	it('reads a complete board, pages in screen order', () => {
		const read = readBoardSettings(
			form([
				['name', ' 简报室 '],
				['locale', 'en'],
				['planIds', 'pudong'],
				['headlineTargetIds', 'pd-scale'],
				['pages', 'changes'],
				['pages', 'headline'],
				['rotationSeconds', '30']
			]),
			choices
		);
		expect(read).toEqual({
			ok: true,
			settings: { name: '简报室', locale: 'en', planIds: ['pudong'], headlineTargetIds: ['pd-scale'], pages: ['headline', 'changes'], rotationSeconds: 30 }
		});
	});

	it('defaults the language to Chinese and the interval to 20 s', () => {
		const read = readBoardSettings(form([['name', 'b'], ['planIds', 'shanghai'], ['pages', 'plans'], ['locale', 'fr']]), choices);
		expect(read).toMatchObject({ ok: true, settings: { locale: 'zh', rotationSeconds: 20, headlineTargetIds: [] } });
	});

	const refused: [[string, string][], object][] = [
		[[['planIds', 'pudong'], ['pages', 'plans']], { name: 'required' }],
		[[['name', 'b'], ['pages', 'plans']], { planIds: 'required' }],
		[[['name', 'b'], ['planIds', 'nowhere'], ['pages', 'plans']], { planIds: 'unknown' }],
		[[['name', 'b'], ['planIds', 'pudong'], ['pages', 'plans'], ['headlineTargetIds', 'sh-beds']], { headlineTargetIds: 'not_in_plans' }],
		[[['name', 'b'], ['planIds', 'pudong'], ['pages', 'plans'], ['headlineTargetIds', 'x']], { headlineTargetIds: 'unknown' }],
		[[['name', 'b'], ['planIds', 'pudong'], ['pages', 'sideways']], { pages: 'required' }],
		[[['name', 'b'], ['planIds', 'pudong'], ['pages', 'plans'], ['rotationSeconds', '2']], { rotationSeconds: 'out_of_range' }],
		[[['name', 'b'], ['planIds', 'pudong'], ['pages', 'plans'], ['rotationSeconds', '7.5']], { rotationSeconds: 'out_of_range' }],
		[[['name', 'x'.repeat(81)], ['planIds', 'pudong'], ['pages', 'plans']], { name: 'too_long' }]
	];
	it.each(refused)('refuses %j with %j', (fields, errors) => {
		expect(readBoardSettings(form(fields), choices)).toEqual({ ok: false, errors });
	});
});

describe('the default headline choice', () => {
	// The two seed plans as the wall saw them on 2026-12-01: Pudong's published results, the 2024 opinions' illustrative figures.
	const c = (id: string, planId: string, clause: string, basis: HeadlineCandidate['basis'], kind: HeadlineCandidate['kind'] = 'level', judged = true): HeadlineCandidate => ({
		id,
		planId,
		clause,
		kind,
		basis,
		judged
	});
	const pudong = [
		c('pd-class1-drugs', 'pudong', 'pd-1.2.1', 'published', 'new_since_baseline'),
		c('pd-class1-drugs-share', 'pudong', 'pd-1.2.1', 'published', 'share'),
		c('pd-innovative-devices', 'pudong', 'pd-1.2.1', 'published', 'new_since_baseline'),
		c('pd-industry-standards', 'pudong', 'pd-1.2.1', 'illustrative', 'new_since_baseline'),
		c('pd-industry-scale', 'pudong', 'pd-1.2.2', 'estimated'),
		c('pd-manufacturing-output', 'pudong', 'pd-1.2.2', 'illustrative'),
		c('pd-pharma-hq', 'pudong', 'pd-1.2.3', 'illustrative', 'new_since_baseline')
	];
	const shanghai = [
		c('sh-research-beds', 'shanghai', 'sh-2.7', 'illustrative'),
		c('sh-trial-startup', 'shanghai', 'sh-2.9', 'illustrative', 'duration'),
		c('sh-ethics-lead', 'shanghai', 'sh-2.10', 'illustrative', 'duration'),
		c('sh-ethics-total', 'shanghai', 'sh-2.10', 'illustrative', 'duration'),
		c('sh-class2-device-review', 'shanghai', 'sh-3.16', 'published', 'duration'),
		c('sh-key-enterprises', 'shanghai', 'sh-5.21', 'illustrative', 'act', false)
	];
	const all = [...pudong, ...shanghai];

	it('leads with real figures, clause leads first, and keeps the Pudong 4000亿 result', () => {
		expect(chooseHeadline(all, ['pudong'], [])).toEqual([
			'pd-class1-drugs',
			'pd-class1-drugs-share',
			'pd-innovative-devices',
			'pd-industry-standards',
			'pd-industry-scale',
			'pd-pharma-hq'
		]);
	});

	it('deals each tier round the plans, so a plan of illustrative figures still gets its lead targets', () => {
		expect(chooseHeadline(all, ['pudong', 'shanghai'], [])).toEqual([
			'pd-class1-drugs',
			'pd-class1-drugs-share',
			'pd-innovative-devices',
			'pd-industry-scale',
			'sh-research-beds',
			'sh-class2-device-review'
		]);
		// Board order decides the display order, not the choice.
		expect(chooseHeadline(all, ['shanghai', 'pudong'], []).sort()).toEqual(chooseHeadline(all, ['pudong', 'shanghai'], []).sort());
	});

	it('never picks a target without a verdict, nor one outside the board', () => {
		const chosen = chooseHeadline(all, ['shanghai'], []);
		expect(chosen).not.toContain('sh-key-enterprises');
		expect(chosen.every((id) => id.startsWith('sh-'))).toBe(true);
		expect(chosen).toHaveLength(5);
	});

	it('shows pinned targets as pinned, in their order, dropping unknown ones', () => {
		expect(chooseHeadline(all, ['pudong', 'shanghai'], ['sh-ethics-total', 'gone', 'pd-pharma-hq'])).toEqual(['sh-ethics-total', 'pd-pharma-hq']);
	});
});
