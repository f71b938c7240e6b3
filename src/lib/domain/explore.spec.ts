import { describe, expect, it } from 'vitest';
import { choiceMatches, EXPLORE_COLUMNS, filterRows, filtersQuery, progressShare, readFilters, sortRows, type ExploreRow } from './explore';

const row = (id: string, over: Partial<ExploreRow>): ExploreRow => ({
	id,
	planId: 'p',
	section: '一、',
	title: id,
	searchText: id,
	status: 'on_track',
	basis: 'published',
	provenance: 'official',
	unit: '个',
	deadline: '2024-12-31',
	probability: 0.5,
	gapShare: 50,
	...over
});

describe('explorer', () => {
	const rows = [
		row('a', { searchText: '伦理审查 ethics review', status: 'missed', probability: null }),
		row('b', { status: 'acceleration_needed', probability: 0.2, unit: '周', provenance: 'illustrative' }),
		row('c', { status: 'on_track', probability: 0.8, planId: 'q' }),
		row('d', { status: 'insufficient_data', probability: null })
	];

	it('reads filters from the URL and writes them back without defaults', () => {
		const f = readFilters(new URLSearchParams('q=ethics&status=missed,on_track&sort=bogus&compare=a&compare=b'));
		expect(f).toMatchObject({ q: 'ethics', status: ['missed', 'on_track'], sort: 'risk', compare: ['a', 'b'] });
		expect(filtersQuery(f)).toBe('?q=ethics&status=missed%2Con_track&compare=a%2Cb');
		expect(filtersQuery(readFilters(new URLSearchParams()))).toBe('');
	});

	it('keeps the columns shown in the URL, in the table order, and all of them by default', () => {
		expect(readFilters(new URLSearchParams()).columns).toEqual([...EXPLORE_COLUMNS]);
		const f = readFilters(new URLSearchParams('cols=deadline,status,bogus'));
		expect(f.columns).toEqual(['status', 'deadline']);
		expect(filtersQuery(f)).toBe('?cols=status%2Cdeadline');
		// Naming every column, or none known, is the default and leaves the URL short.
		expect(filtersQuery(readFilters(new URLSearchParams(`cols=${EXPLORE_COLUMNS.join(',')}`)))).toBe('');
		expect(readFilters(new URLSearchParams('cols=bogus')).columns).toEqual([...EXPLORE_COLUMNS]);
	});

	it.each([
		['浦东新区生物医药产业高质量发展行动方案（2022-2024年）', '浦东', '', true],
		['浦东新区生物医药产业高质量发展行动方案（2022-2024年）', '浦东 2024', '', true],
		['浦东新区生物医药产业高质量发展行动方案（2022-2024年）', '全链条', '', false],
		['Opinions on supporting whole-chain innovation', 'WHOLE chain', '', true],
		['（二）', 'pudong', 'Pudong action plan', true],
		['Behind pace', '', '', true]
	])('a menu option %s matches %s (group %s): %s', (label, typed, group, expected) => {
		expect(choiceMatches(label, typed, group)).toBe(expected);
	});

	it('searches words in either language and filters by plan, status, provenance and unit', () => {
		const f = readFilters(new URLSearchParams());
		expect(filterRows(rows, { ...f, q: 'ETHICS' }).map((r) => r.id)).toEqual(['a']);
		expect(filterRows(rows, { ...f, q: '伦理' }).map((r) => r.id)).toEqual(['a']);
		expect(filterRows(rows, { ...f, plan: ['q'] }).map((r) => r.id)).toEqual(['c']);
		expect(filterRows(rows, { ...f, provenance: ['illustrative'], unit: ['周'] }).map((r) => r.id)).toEqual(['b']);
	});

	it('sorts by risk: worst status first, then least likely, no data last', () => {
		expect(sortRows(rows, 'risk', false).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
		expect(sortRows(rows, 'probability', false).map((r) => r.id)).toEqual(['b', 'c', 'a', 'd']);
	});

	it('measures progress as a share of the way from baseline to target', () => {
		expect(progressShare(2000, 4000, 3000)).toBe(50);
		expect(progressShare(34, 25, 27)).toBeCloseTo(77.8, 1);
		expect(progressShare(5, 5, 5)).toBeNull();
	});
});
