import { describe, expect, it } from 'vitest';
import { contextIndicators, statedShareIndicators } from './share';

// The catalogue's indicators around Pudong's Class 1 drugs target (全国占比20%).
const indicators = [
	{ id: 'pd.class1-drugs', contextOf: null, shareIn: null },
	{ id: 'cn.class1-drugs', contextOf: null, shareIn: null },
	{ id: 'cn.class1-drugs-all', contextOf: 'cn.class1-drugs', shareIn: null },
	{ id: 'pd.class1-drugs-share-stated', contextOf: 'pd.class1-drugs', shareIn: 'cn.class1-drugs' },
	{ id: 'pd.scale-share-stated', contextOf: 'pd.scale', shareIn: 'sh.scale' },
	{ id: 'sh.innovative-devices', contextOf: 'sh.class3-innovative-devices', shareIn: null },
	{ id: 'sh.class3-innovative-devices', contextOf: 'pd.innovative-devices', shareIn: null },
	{ id: 'sh.class1-drugs', contextOf: 'pd.class1-drugs', shareIn: null },
	{ id: 'sh.class1-drugs-share-stated', contextOf: 'sh.class1-drugs', shareIn: 'cn.class1-drugs' }
];
const share = { indicatorId: 'pd.class1-drugs', shareOfIndicatorId: 'cn.class1-drugs' };
const count = { indicatorId: 'pd.class1-drugs', shareOfIndicatorId: null };

describe('the series beside a share target', () => {
	it('finds the stated share of its indicator in its whole, and no other', () => {
		expect(statedShareIndicators(share, indicators).map((i) => i.id)).toEqual(['pd.class1-drugs-share-stated']);
		expect(statedShareIndicators({ indicatorId: 'pd.scale', shareOfIndicatorId: 'sh.scale' }, indicators).map((i) => i.id)).toEqual(['pd.scale-share-stated']);
	});

	it('has no stated share for a target that is not a share', () => {
		expect(statedShareIndicators(count, indicators)).toEqual([]);
	});

	it('lists the other scopes beside the indicator and the whole, not the stated share twice', () => {
		expect(contextIndicators(share, indicators).map((i) => i.id)).toEqual(['cn.class1-drugs-all', 'sh.class1-drugs', 'sh.class1-drugs-share-stated']);
		// The count target shows the stated share as context: it has no share verdict to sit beside.
		expect(contextIndicators(count, indicators).map((i) => i.id)).toEqual(['pd.class1-drugs-share-stated', 'sh.class1-drugs', 'sh.class1-drugs-share-stated']);
	});

	it('follows what sits beside what, once each', () => {
		const devices = { indicatorId: 'pd.innovative-devices', shareOfIndicatorId: null };
		expect(contextIndicators(devices, indicators).map((i) => i.id)).toEqual(['sh.class3-innovative-devices', 'sh.innovative-devices']);
		// A circle in the data ends rather than loops.
		const circle = [{ id: 'a', contextOf: 'b', shareIn: null }, { id: 'b', contextOf: 'a', shareIn: null }];
		expect(contextIndicators({ indicatorId: 'a', shareOfIndicatorId: null }, circle).map((i) => i.id)).toEqual(['b']);
	});
});
