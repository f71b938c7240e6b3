import { describe, expect, it } from 'vitest';
import { readBoardSettings } from './board';

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
