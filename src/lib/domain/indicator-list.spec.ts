import { describe, expect, it } from 'vitest';
import { filterIndicators, groupIndicators, readIndicatorView, type IndicatorListRow } from './indicator-list';

const pudong = { id: 'pd-2022', title: '浦东新区生物医药产业高质量发展行动方案' };
const shanghai = { id: 'sh-2024', title: '关于支持生物医药产业全链条创新发展的若干意见' };
const row = (id: string, name: string, area: string, plans: IndicatorListRow['plans']): IndicatorListRow => ({
	id,
	name,
	unit: '个',
	frequency: 'year',
	area,
	plans,
	targetCount: plans.length,
	figureCount: 0,
	latest: null,
	searchText: `${id} ${name}`.toLowerCase()
});
const rows = [
	row('pd.scale', '浦东生物医药产业规模 Pudong biomedicine industry scale', '浦东新区', [pudong]),
	row('pd.class1-drugs', '浦东1类创新药获批数 Class 1 innovative drugs approved', '浦东新区', [pudong]),
	row('sh.class1-drugs', '上海1类创新药获批数 Class 1 innovative drugs approved', '上海市', [shanghai, pudong]),
	row('cn.class1-drugs-all', '全国1类创新药获批数', '全国', [])
];

describe('readIndicatorView', () => {
	it.each([
		['', { q: '', group: 'plan' }],
		['q=%20新药%20&group=area', { q: '新药', group: 'area' }],
		['group=owner', { q: '', group: 'plan' }]
	])('%s', (query, view) => expect(readIndicatorView(new URLSearchParams(query))).toEqual(view));
});

describe('filterIndicators', () => {
	it.each([
		['', ['pd.scale', 'pd.class1-drugs', 'sh.class1-drugs', 'cn.class1-drugs-all']],
		['1类', ['pd.class1-drugs', 'sh.class1-drugs', 'cn.class1-drugs-all']],
		['1类 上海', ['sh.class1-drugs']],
		['INNOVATIVE Drugs', ['pd.class1-drugs', 'sh.class1-drugs']],
		['pd.scale', ['pd.scale']],
		['无此指标', []]
	])('"%s"', (q, ids) => expect(filterIndicators(rows, q).map((r) => r.id)).toEqual(ids));
});

describe('groupIndicators', () => {
	it('lists an indicator under every plan that uses it and leaves out those of no plan', () => {
		expect(groupIndicators(rows, 'plan').map((g) => [g.key, g.indicators.map((r) => r.id)])).toEqual([
			['pd-2022', ['pd.scale', 'pd.class1-drugs', 'sh.class1-drugs']],
			['sh-2024', ['sh.class1-drugs']]
		]);
	});

	it('groups by area, every indicator once', () => {
		expect(groupIndicators(rows, 'area').map((g) => [g.title, g.indicators.length])).toEqual([
			['浦东新区', 2],
			['上海市', 1],
			['全国', 1]
		]);
	});
});
