import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { CATALOGUE_USER_ID } from '../../src/lib/server/catalogue/seed-catalogue';
import * as s from '../../src/lib/server/db/schema';
import { indicatorFiguresJson, indicatorFiguresTable } from '../../src/lib/server/export/figures-export';
import { indicatorDetail, indicatorList } from '../../src/lib/server/queries/indicators';
import { correctObservation } from '../../src/lib/server/queries/observations';
import { backend, createSeededDatabase, type TestDatabase } from './test-database';

const PUDONG = 'pudong-biomedicine-2022-2024';

describe(`indicator pages' reads on ${backend}`, () => {
	let t: TestDatabase;
	const db = () => t.handle.db;
	beforeAll(async () => {
		t = await createSeededDatabase();
	});
	afterAll(async () => t?.drop());

	it('lists the indicators of published plans, with their plans, targets, figures and newest period', async () => {
		const list = await indicatorList(db(), 'en');
		const scale = list.find((i) => i.id === 'pd.scale')!;
		expect(scale).toMatchObject({ name: 'Pudong biomedicine industry scale', unit: '亿元', frequency: 'year', area: 'Pudong New Area', targetCount: 2, figureCount: 7 });
		expect(scale.plans.map((p) => p.id)).toEqual([PUDONG]);
		expect(scale.latest).toEqual({ period: '2025', provenance: 'estimate' });
		// Officials' stated share has no target of its own: it is listed under the plan of the indicator it sits beside.
		expect(list.find((i) => i.id === 'pd.scale-share-stated')).toMatchObject({ targetCount: 0, plans: [{ id: PUDONG }] });
	});

	it('reads one indicator: figures newest first with sources, targets with stored verdicts, owner and publication lag, other scopes', async () => {
		const detail = (await indicatorDetail(db(), 'pd.scale', 'zh'))!;
		expect(detail.indicator).toMatchObject({ name: '浦东生物医药产业规模', unit: '亿元', direction: 'higher', area: '浦东新区' });
		expect(detail.observations.map((o) => o.period)).toEqual(['2025', '2024', '2024-H1', '2023', '2022', '2021', '2020']);
		const published2024 = detail.observations.find((o) => o.period === '2024')!;
		expect(published2024).toMatchObject({ value: 4100, provenance: 'official', source: { publishedOn: '2025-04-10' } });
		expect(published2024.source!.url).toMatch(/^https?:\/\//);
		expect(detail.sourceAgencies.reduce((n, a) => n + a.figures, 0)).toBe(7);
		expect(detail.targets.map((x) => [x.id, x.role])).toEqual([
			['pd-industry-scale', 'measure'],
			['pd-industry-scale-share', 'measure']
		]);
		expect(detail.targets.every((x) => x.verdict !== null)).toBe(true);
		expect(detail.due?.owner.organisationId).toBe('pd-science-economy');
		// Seven dated releases (release-calendar.spec.ts works the same figures by hand): a median of 100 days.
		expect(detail.due?.due.lag).toEqual({ days: 100, basis: 'observed', releases: 7 });
		expect(detail.context.map((c) => c.id)).toContain('pd.scale-share-stated');
		expect((await indicatorDetail(db(), 'pd.scale-share-stated', 'zh'))!.besideOf).toEqual({ id: 'pd.scale', name: '浦东生物医药产业规模' });
	});

	it('shows a correction as a second version with its reason, in the page and in the JSON download', async () => {
		const before = (await indicatorDetail(db(), 'pd.scale', 'zh'))!.observations.find((o) => o.period === '2022')!;
		await correctObservation(db(), { observationId: before.id, expectedVersion: before.version, value: 3310, provenance: 'official', sourceId: before.sourceId, reason: '统计公报修订', userId: CATALOGUE_USER_ID });
		const after = (await indicatorDetail(db(), 'pd.scale', 'zh'))!.observations.find((o) => o.period === '2022')!;
		expect(after.history.map((v) => [v.version, v.value, v.reason])).toEqual([
			[2, 3310, '统计公报修订'],
			[1, 3300, 'catalogue']
		]);
		const json = (await indicatorFiguresJson(db(), 'pd.scale', 'en'))!;
		expect(json.figures.find((f) => f.period === '2022')).toMatchObject({ value: 3310, version: 2, versions: [{ version: 2, reason: '统计公报修订' }, { version: 1, value: 3300 }] });
	});

	it('downloads in the import columns, one row per figure', async () => {
		const table = (await indicatorFiguresTable(db(), 'pd.scale', 'zh', (key) => key))!;
		expect(table[0]).toEqual(['指标', '时期', '口径', '开始', '结束', '数值', '单位', '数据性质', '来源', '来源链接', '注记', '版本']);
		expect(table.slice(1).map((r) => r[1])).toEqual(['2025', '2024', '2024-H1', '2023', '2022', '2021', '2020']);
	});

	it('hides indicators that only a plan not (or no longer) published uses, and unknown ones', async () => {
		await db().update(s.plans).set({ status: 'draft' }).where(eq(s.plans.id, PUDONG));
		try {
			expect(await indicatorDetail(db(), 'pd.scale', 'zh')).toBeNull();
			expect(await indicatorDetail(db(), 'pd.scale-share-stated', 'zh')).toBeNull();
			expect(await indicatorFiguresTable(db(), 'pd.scale', 'zh', (key) => key)).toBeNull();
			expect((await indicatorList(db(), 'zh')).some((i) => i.id === 'pd.scale')).toBe(false);
		} finally {
			await db().update(s.plans).set({ status: 'published' }).where(eq(s.plans.id, PUDONG));
		}
		expect(await indicatorDetail(db(), 'no.such-indicator', 'zh')).toBeNull();
		expect(await indicatorDetail(db(), 'pd.scale', 'zh')).not.toBeNull();
	});
});
