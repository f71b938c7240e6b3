import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import * as s from '../../src/lib/server/db/schema';
import { migrateDatabase } from '../../src/lib/server/db/open';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { CATALOGUE_USER_ID, seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import { correctObservation, ObservationConflictError, observationsAsOf } from '../../src/lib/server/queries/observations';
import { exportCatalogue } from '../../src/lib/server/export/catalogue-export';
import { backend, createTestDatabase, migrationsDir, type TestDatabase } from './test-database';

const catalogue = loadCatalogue(path.resolve('catalogue'));

describe(`the database on ${backend}`, () => {
	let test: TestDatabase;
	const db = () => test.handle.db;
	const counts = async () => ({
		plans: (await db().select({ n: count() }).from(s.plans))[0].n,
		clauses: (await db().select({ n: count() }).from(s.clauses))[0].n,
		targets: (await db().select({ n: count() }).from(s.targets))[0].n,
		facts: (await db().select({ n: count() }).from(s.clauseFacts))[0].n,
		observations: (await db().select({ n: count() }).from(s.observations))[0].n,
		versions: (await db().select({ n: count() }).from(s.observationVersions))[0].n
	});

	beforeAll(async () => {
		test = await createTestDatabase();
	});
	afterAll(async () => {
		await test?.drop();
	});

	it('migrates from empty, and migrating again changes nothing', async () => {
		await migrateDatabase(test.handle, migrationsDir);
		await migrateDatabase(test.handle, migrationsDir);
		// postgres.js returns the rows as an array, PGlite as { rows }
		const result = (await db().execute(
			sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`
		)) as unknown as Array<{ table_name: string }> | { rows: Array<{ table_name: string }> };
		const names = (Array.isArray(result) ? result : result.rows).map((r) => r.table_name);
		expect(names).toEqual(
			expect.arrayContaining(['plans', 'clauses', 'targets', 'clause_facts', 'indicators', 'observations', 'observation_versions', 'sources', 'users', 'audit_log'])
		);
	});

	it('seeds the catalogue, and seeding twice adds nothing', async () => {
		const first = await seedCatalogue(db(), catalogue);
		expect(first).toMatchObject({ plans: 2, clauses: 113, targets: 36, observationsAdded: catalogue.observations.observations.length });
		const afterFirst = await counts();
		const second = await seedCatalogue(db(), catalogue);
		expect(second.observationsAdded).toBe(0);
		expect(second.versionsAdded).toBe(0);
		// The plans come from bundles: unchanged bundles are not written again, nor made a new revision.
		expect(first.plansChanged).toBe(2);
		expect(second.plansChanged).toBe(0);
		const revisions = await db().select({ plan: s.planRevisions.planId, revision: s.planRevisions.revision, at: s.planRevisions.publishedAt }).from(s.planRevisions).orderBy(s.planRevisions.planId);
		expect(revisions.map((r) => [r.plan, r.revision])).toEqual([
			['pudong-biomedicine-2022-2024', 1],
			['shanghai-biomedicine-full-chain-2024', 1]
		]);
		// Dated the day each plan was issued (start of that day in the deployment's zone), so past books show them.
		expect(revisions[0].at.getTime()).toBeLessThanOrEqual(new Date('2022-01-14T00:00:00Z').getTime());
		expect(await counts()).toEqual(afterFirst);
		expect(afterFirst).toMatchObject({ plans: 2, clauses: 113, targets: 36, observations: catalogue.observations.observations.length });
	});

	it('names the author of every observation version and audits it', async () => {
		const authors = await db().selectDistinct({ by: s.observationVersions.recordedBy }).from(s.observationVersions);
		expect(authors).toEqual([{ by: CATALOGUE_USER_ID }]);
		const audited = await db().select({ n: count() }).from(s.auditLog).where(eq(s.auditLog.action, 'observation.create'));
		expect(audited[0].n).toBe(catalogue.observations.observations.length);
	});

	it('keeps the old version when an observation is corrected, and reads it back "as of" an earlier date', async () => {
		const [scale2022] = (await observationsAsOf(db(), ['pd.scale'])).filter((o) => o.period === '2022');
		expect(scale2022.value).toBe(3300);
		await db().insert(s.users).values({ id: 'analyst-1', username: 'analyst1', displayName: 'Analyst One', role: 'analyst' }).onConflictDoNothing();

		const correctedAt = new Date('2025-03-01T00:00:00Z');
		await correctObservation(db(), {
			observationId: scale2022.observationId,
			expectedVersion: scale2022.version,
			value: 3350,
			provenance: 'official',
			sourceId: scale2022.sourceId,
			reason: 'revised in the 2024 statistical yearbook',
			userId: 'analyst-1',
			recordedAt: correctedAt
		});

		const now = (await observationsAsOf(db(), ['pd.scale'])).find((o) => o.period === '2022')!;
		expect(now).toMatchObject({ value: 3350, version: 2, recordedBy: 'analyst-1' });
		const before = (await observationsAsOf(db(), ['pd.scale'], new Date('2024-12-31T23:59:59Z'))).find((o) => o.period === '2022')!;
		expect(before).toMatchObject({ value: 3300, version: 1 });
		// Before the figure was published (2023-10-10) it is not known at all.
		const earlier = await observationsAsOf(db(), ['pd.scale'], new Date('2023-01-01T00:00:00Z'));
		expect(earlier.find((o) => o.period === '2022')).toBeUndefined();

		const versions = await db().select().from(s.observationVersions).where(eq(s.observationVersions.observationId, scale2022.observationId));
		expect(versions.map((v) => v.value).sort()).toEqual([3300, 3350]);
	});

	it('refuses a correction made from a stale version, naming both values', async () => {
		const [scale2022] = (await observationsAsOf(db(), ['pd.scale'])).filter((o) => o.period === '2022');
		const stale = correctObservation(db(), {
			observationId: scale2022.observationId,
			expectedVersion: 1,
			value: 3400,
			provenance: 'official',
			sourceId: scale2022.sourceId,
			reason: 'second analyst',
			userId: 'analyst-1'
		});
		await expect(stale).rejects.toBeInstanceOf(ObservationConflictError);
		await expect(stale).rejects.toMatchObject({ currentVersion: 2, currentValue: 3350 });
	});

	it('does not let a re-seed overwrite an analyst correction', async () => {
		await seedCatalogue(db(), catalogue);
		const now = (await observationsAsOf(db(), ['pd.scale'])).find((o) => o.period === '2022')!;
		expect(now.value).toBe(3350);
	});

	it('refuses an official figure without a source', async () => {
		const [row] = await db().select().from(s.observations).limit(1);
		await expect(
			db().insert(s.observationVersions).values({ observationId: row.id, version: 99, value: 1, provenance: 'official', sourceId: null, recordedBy: CATALOGUE_USER_ID })
		).rejects.toThrow();
	});

	it('exports every target with its clause numbering', async () => {
		const exported = await exportCatalogue(db());
		expect(exported.plans.map((p) => p.targets.length)).toEqual([20, 16]);
		const scale = exported.plans[0].targets.find((t) => t.id === 'pd-industry-scale')!;
		expect(scale).toMatchObject({ clause: '一、（二）2.', comparator: '>=', value: 4000, unit: '亿元', deadline: '2024-12-31', kind: 'level' });
		// Today's verdict, as the pages show it: met on the published 2024 figure, no probability.
		expect(scale.verdict).toMatchObject({ status: 'met', basis: 'published', probability: null });
		const guarantee = exported.plans[1].targets.find((t) => t.id === 'sh-guarantee-small')!;
		expect(guarantee).toMatchObject({ kind: 'act', verdict: { status: 'done', probability: null } });
	});
});
