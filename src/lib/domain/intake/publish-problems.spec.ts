import { describe, expect, it } from 'vitest';
import { describePublishProblem, publishProblems, type PlanForCheck, type ProposalForCheck } from './publish-problems';

/** The problems in their English wording, as the command line prints them. */
const worded = (plan: PlanForCheck, proposals: ProposalForCheck[]) => publishProblems(plan, proposals).map(describePublishProblem);

const plan = { titleZh: '方案', issuerZh: '区政府', areaZh: '浦东新区', assumedFields: [] };
const ready: ProposalForCheck = {
	id: 1,
	position: 0,
	decision: 'accepted',
	quote: '产业规模达到800亿元',
	comparator: '>=',
	maxValue: null,
	kind: 'level',
	deadline: '2027-12-31',
	indicatorId: 'sh.scale',
	hasNewIndicator: false,
	shareOfIndicatorId: null,
	titleZh: '产业规模'
};

describe('publishProblems', () => {
	it('has nothing against a plan whose proposals are all decided and complete', () => {
		expect(publishProblems(plan, [ready, { ...ready, id: 2, position: 1, decision: 'rejected', deadline: null, indicatorId: null }])).toEqual([]);
	});

	it.each([
		[{ decision: 'pending' as const }, /still pending/],
		[{ deadline: null }, /no deadline/],
		[{ indicatorId: null }, /no indicator/],
		[{ kind: 'share' as const }, /share without its parent/],
		[{ shareOfIndicatorId: 'cn.x' }, /not a share/],
		[{ comparator: 'between' as const }, /maximum/],
		[{ titleZh: ' ' }, /no title/]
	])('refuses %o', (change, message) => {
		const problems = worded(plan, [{ ...ready, ...change }]);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(message);
		expect(problems[0]).toMatch(/^proposal 1 \("产业规模达到800亿元"\)/);
	});

	it('counts a new indicator as an indicator, and asks to confirm guessed dates', () => {
		expect(publishProblems(plan, [{ ...ready, indicatorId: null, hasNewIndicator: true }])).toEqual([]);
		expect(publishProblems({ ...plan, areaZh: '', assumedFields: ['issuedOn'] }, [])).toEqual([{ code: 'no_area' }, { code: 'assumed_field', field: 'issuedOn' }]);
		expect(worded({ ...plan, areaZh: '', assumedFields: ['issuedOn'] }, [])).toEqual([
			'the plan has no area',
			'issuedOn is not stated in the document: confirm it in the plan details'
		]);
	});

	it('numbers proposals in document order', () => {
		const problems = worded(plan, [
			{ ...ready, id: 9, position: 1, quote: '第二', decision: 'pending' },
			{ ...ready, id: 3, position: 0, quote: '第一', decision: 'pending' }
		]);
		expect(problems).toEqual(['proposal 1 ("第一") is still pending', 'proposal 2 ("第二") is still pending']);
	});
});
