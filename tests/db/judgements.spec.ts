import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { CONSOLE_USER_ID, ensureConsoleUser } from '../../src/lib/server/auth/accounts';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/open';
import * as s from '../../src/lib/server/db/schema';
import { commitImport, previewImport } from '../../src/lib/server/import/imports';
import { refreshJudgements, syncJudgements } from '../../src/lib/server/queries/judgements';
import { addObservation, correctObservation, latestVersions } from '../../src/lib/server/queries/observations';
import { overviewPage } from '../../src/lib/server/queries/overview';
import { PLANS_PER_PAGE, TARGETS_PER_PLAN } from '../../src/lib/domain/overview';
import { targetIndex } from '../../src/lib/server/queries/target-index';
import { todayIn } from '../../src/lib/domain/dates';
import { deploymentTimeZone } from '../../src/lib/server/config';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

const INDICATOR = 'sh.trial-startup-time';

describe(`stored judgements on ${backend}`, () => {
	let t: TestDatabase;
	let other: DatabaseHandle | null = null;
	const stored = async (db = t.handle.db) => new Map((await db.select().from(s.targetJudgements)).map((j) => [j.targetId, j]));
	/** The targets measured on an indicator, directly or as a share's parent: the ones a figure of it can change. */
	const affectedBy = async (indicatorId: string) =>
		(await t.handle.db.select({ id: s.targets.id, i: s.targets.indicatorId, p: s.targets.shareOfIndicatorId }).from(s.targets))
			.filter((r) => r.i === indicatorId || r.p === indicatorId)
			.map((r) => r.id)
			.sort();
	const changedBetween = (before: Map<string, { revision: number }>, after: Map<string, { revision: number }>) =>
		[...after.keys()].filter((id) => before.get(id)?.revision !== after.get(id)!.revision).sort();

	/** An illustrative plan of `count` duration targets on INDICATOR (the k-th aiming at `value(k)` weeks). */
	async function illustrativePlan(id: string, issuedOn: string, effectiveFrom: string, count: number, value = (_k: number) => 20) {
		const db = t.handle.db;
		await db.insert(s.plans).values({ id, titleZh: `示意规划${id}`, titleEn: `Illustrative plan ${id}`, issuerZh: '测试', issuerEn: 'test', areaZh: '—', areaEn: '—', issuedOn, effectiveFrom, sourceNoteZh: '测试', sourceNoteEn: 'test', sourceText: '' });
		await db.insert(s.clauses).values({ id: `${id}-c`, planId: id, position: 0, path: ['一、'], textZh: '示意条款', textEn: 'clause' });
		await db.insert(s.targets).values(
			Array.from({ length: count }, (_, k) => ({
				id: `${id}-t${k}`,
				planId: id,
				clauseId: `${id}-c`,
				position: k,
				quote: '示意条款',
				titleZh: `示意目标${k}`,
				titleEn: `Illustrative target ${k}`,
				indicatorId: INDICATOR,
				comparator: '<=' as const,
				value: value(k),
				unit: '周',
				kind: 'duration' as const,
				deadline: '2031-12-31',
				deadlineBasis: 'stated' as const
			}))
		);
	}

	beforeAll(async () => {
		t = await createMigratedDatabase();
		await seedCatalogue(t.handle.db, loadCatalogue(path.resolve('catalogue')));
		await ensureConsoleUser(t.handle.db);
		// A second app instance on the same server: PostgreSQL only (PGlite belongs to one process).
		if (t.url) other = await openDatabase({ databaseUrl: t.url, dataDir: '' });
	});
	afterAll(async () => {
		await other?.close();
		await t?.drop();
	});

	it('stores a judgement for every target when the catalogue is loaded, judged today', async () => {
		const targets = await t.handle.db.select({ id: s.targets.id }).from(s.targets);
		const judgements = await stored();
		expect(judgements.size).toBe(targets.length);
		// Judged on the deployment's day (Asia/Shanghai is a day ahead of UTC from 16:00 UTC).
		const today = todayIn(new Date(), deploymentTimeZone());
		for (const j of judgements.values()) expect(j.judgedOn).toBe(today);
	});

	it('a new figure re-judges exactly the targets on its indicator, in the same transaction, and another instance sees it', async () => {
		const affected = await affectedBy(INDICATOR);
		expect(affected.length).toBeGreaterThan(0);
		// The other instance has read its index before the write.
		const otherIndexBefore = other ? await targetIndex(other.db) : null;
		const before = await stored();
		await addObservation(t.handle.db, {
			indicatorId: INDICATOR,
			period: '2026',
			periodStart: '2026-01-01',
			periodEnd: '2026-12-31',
			basis: 'period',
			value: 19,
			provenance: 'estimate',
			sourceId: null,
			userId: CONSOLE_USER_ID
		});
		const after = await stored();
		expect(changedBetween(before, after)).toEqual(affected);
		const target = affected[0];
		expect(after.get(target)!.inputVersion).toBeGreaterThan(before.get(target)!.inputVersion);
		expect(after.get(target)!.judgement.latest).toMatchObject({ period: '2026', value: 19, provenance: 'estimate' });
		if (other && otherIndexBefore) {
			expect(otherIndexBefore.targets.find((x) => x.id === target)?.latest?.value).not.toBe(19);
			const seen = await targetIndex(other.db);
			expect(seen.targets.find((x) => x.id === target)?.latest?.value).toBe(19);
			expect((await stored(other.db)).get(target)!.revision).toBe(after.get(target)!.revision);
		}
	});

	it('a correction changes the stored judgement of the same targets only', async () => {
		const affected = await affectedBy(INDICATOR);
		const [figure] = (await latestVersions(t.handle.db, [INDICATOR])).filter((v) => v.period === '2026');
		const before = await stored();
		await correctObservation(t.handle.db, { observationId: figure.observationId, expectedVersion: figure.version, value: 31, provenance: 'estimate', sourceId: null, reason: 'test', userId: CONSOLE_USER_ID });
		const after = await stored();
		expect(changedBetween(before, after)).toEqual(affected);
		expect(after.get(affected[0])!.judgement.latest?.value).toBe(31);
	});

	it('an import re-judges the targets of the indicators it wrote', async () => {
		const indicator = 'sh.ethics-total-time';
		const affected = await affectedBy(indicator);
		const before = await stored();
		const preview = await previewImport(t.handle.db, 'one.csv', new TextEncoder().encode(`indicator,period,value,provenance\n${indicator},2026,2.5,estimate\n`), CONSOLE_USER_ID);
		if (!preview.ok) throw new Error(preview.problem);
		await commitImport(t.handle.db, preview.importId, CONSOLE_USER_ID);
		const after = await stored();
		expect(changedBetween(before, after)).toEqual(affected);
		expect(after.get(affected[0])!.judgement.latest?.value).toBe(2.5);
	});

	it('the refresher catches a figure written by a path that did not refresh, by the version watermark', async () => {
		const db = t.handle.db;
		await syncJudgements(db);
		const affected = await affectedBy(INDICATOR);
		const [figure] = (await latestVersions(db, [INDICATOR])).filter((v) => v.period === '2026');
		const before = await stored();
		await db.insert(s.observationVersions).values({
			observationId: figure.observationId,
			version: figure.version + 1,
			value: 12,
			provenance: 'estimate',
			reason: 'written behind the app',
			recordedBy: CONSOLE_USER_ID
		});
		expect(changedBetween(before, await stored())).toEqual([]);
		await syncJudgements(db);
		const after = await stored();
		expect(changedBetween(before, after)).toEqual(affected);
		expect(after.get(affected[0])!.judgement.latest?.value).toBe(12);
	});

	it('a judgement of an earlier day is judged again when pages next read', async () => {
		const db = t.handle.db;
		const [some] = await db.select().from(s.targetJudgements).limit(1);
		await db.update(s.targetJudgements).set({ judgedOn: '2020-01-01' }).where(eq(s.targetJudgements.targetId, some.targetId));
		// A new audit row changes the data version the refresher compares.
		await db.insert(s.auditLog).values({ userId: CONSOLE_USER_ID, action: 'test', entity: 'test', entityId: 'x' });
		await syncJudgements(db);
		const [again] = await db.select().from(s.targetJudgements).where(eq(s.targetJudgements.targetId, some.targetId));
		expect(again.judgedOn).toBe(todayIn(new Date(), deploymentTimeZone()));
		expect(again.revision).toBeGreaterThan(some.revision);
	});

	it('two instances judging at once share the work: each target is judged by one of them', async () => {
		if (!other) return; // PostgreSQL only: PGlite belongs to one process.
		const db = t.handle.db;
		// Enough targets for several batches, so that the two instances overlap.
		const id = 'claim-test';
		await illustrativePlan(id, '2022-01-01', '2022-01-01', 1200, (k) => 20 + (k % 7));
		const ids = (await db.select({ id: s.targets.id }).from(s.targets).where(eq(s.targets.planId, id))).map((r) => r.id);
		const [a, b] = await Promise.all([refreshJudgements(db, { targetIds: ids, shared: true }), refreshJudgements(other.db, { targetIds: ids, shared: true })]);
		expect(a + b).toBe(ids.length);
		expect(a).toBeGreaterThan(0);
		expect(b).toBeGreaterThan(0);
		const judged = (await stored()).size;
		await db.delete(s.plans).where(eq(s.plans.id, id));
		expect(judged).toBeGreaterThanOrEqual(ids.length);
	});

	it('a turn of the day keeps the verdict at the last quarter end that a forced judging computes again', async () => {
		const db = t.handle.db;
		const [some] = await db.select().from(s.targetJudgements).where(sql`${s.targetJudgements.judgement}->'previousQuarter' <> 'null'::jsonb`).limit(1);
		await db.update(s.targetJudgements).set({ judgedOn: '2020-01-01' }).where(eq(s.targetJudgements.targetId, some.targetId));
		expect(await refreshJudgements(db, { targetIds: [some.targetId] })).toBe(1);
		const [turned] = await db.select().from(s.targetJudgements).where(eq(s.targetJudgements.targetId, some.targetId));
		await refreshJudgements(db, { targetIds: [some.targetId], force: true });
		const [forced] = await db.select().from(s.targetJudgements).where(eq(s.targetJudgements.targetId, some.targetId));
		expect(forced.revision).toBeGreaterThan(turned.revision);
		expect(turned.judgement.previousQuarter).toEqual(forced.judgement.previousQuarter);
		expect(turned.judgement.previousQuarter).toEqual(some.judgement.previousQuarter);
	});

	it('pages the overview by plans, with every plan counted and long plans cut to their first targets', async () => {
		const db = t.handle.db;
		// Seven more plans (the catalogue has two): 9 plans make two pages of 5.
		for (let p = 0; p < 7; p++) await illustrativePlan(`page-test-${p}`, `2030-01-0${p + 1}`, '2030-01-01', p === 6 ? TARGETS_PER_PLAN + 3 : 1);
		const allTargets = (await db.select({ n: sql<number>`count(*)` }).from(s.targets))[0].n;
		const first = await overviewPage(db, 'en', null);
		expect(first).toMatchObject({ page: 1, pages: 2, planCount: 9, targetCount: Number(allTargets) });
		expect(first.plans).toHaveLength(PLANS_PER_PAGE);
		expect(first.totals!.total).toBe(Number(allTargets));
		const second = await overviewPage(db, 'en', '2');
		expect(second.plans.map((p) => p.id)).toEqual(['page-test-3', 'page-test-4', 'page-test-5', 'page-test-6']);
		const long = second.plans.find((p) => p.id === 'page-test-6')!;
		expect(long.targetCount).toBe(TARGETS_PER_PLAN + 3);
		expect(long.targets).toHaveLength(TARGETS_PER_PLAN);
		expect(long.summary.total).toBe(TARGETS_PER_PLAN + 3);
		// New targets were judged before the page was read; a page past the end shows the last.
		expect(long.targets[0].evaluation.progress.status).toBeTruthy();
		expect((await overviewPage(db, 'en', '99')).page).toBe(2);
	});
});
