/**
 * The status history (issue 15, item 8): each quarter end is judged from the figures recorded by
 * the end of that day in the deployment's zone, so a figure entered later does not rewrite what
 * Pacer said then; the stored judgement carries the verdict at the last quarter end.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { CONSOLE_USER_ID, ensureConsoleUser } from '../../src/lib/server/auth/accounts';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import * as s from '../../src/lib/server/db/schema';
import { refreshJudgements } from '../../src/lib/server/queries/judgements';
import { addObservation } from '../../src/lib/server/queries/observations';
import { statusHistory } from '../../src/lib/server/queries/status-history';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

const TARGET = 'sh-trial-startup';

describe(`status history on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createMigratedDatabase();
		await seedCatalogue(t.handle.db, loadCatalogue(path.resolve('catalogue')));
		await ensureConsoleUser(t.handle.db);
	});
	afterAll(async () => t?.drop());

	it('judges every quarter end since the plan took effect, from the figures recorded by then', async () => {
		// The 2024 opinions took effect on 2024-08-01; their 2023 figure was recorded on 2024-03-31, 2024's on 2025-03-31 (catalogue).
		const history = await statusHistory(t.handle.db, TARGET, new Date('2026-12-01T04:00:00Z'), 'Asia/Shanghai');
		expect(history.map((p) => p.date)).toEqual(['2024-09-30', '2024-12-31', '2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31', '2026-03-31', '2026-06-30', '2026-09-30']);
		// Until the 2024 figure was recorded only the baseline year was known: no pace to judge.
		expect(history[0].status).toBe('insufficient_data');
		expect(history.at(-1)!.status).not.toBe('insufficient_data');
		for (const p of history) expect(p.basis).toBe('illustrative');
	});

	it('a figure entered today changes the quarters after today, never the ones before', async () => {
		const later = new Date(Date.now() + 400 * 86_400_000);
		const before = await statusHistory(t.handle.db, TARGET, later, 'Asia/Shanghai');
		// A far worse published 2026 figure: 60 days to start a trial against an aim of 25.
		await addObservation(t.handle.db, { indicatorId: 'sh.trial-startup-time', period: '2026', periodStart: '2026-01-01', periodEnd: '2026-12-31', basis: 'period', value: 60, provenance: 'official', sourceId: null, newSource: { title: 'Test release', publisher: 'Test', url: 'https://example.gov.cn/release', publishedOn: '2027-01-15' }, userId: CONSOLE_USER_ID });
		const after = await statusHistory(t.handle.db, TARGET, later, 'Asia/Shanghai');
		const today = new Date().toISOString().slice(0, 10);
		const past = (h: typeof before) => h.filter((p) => p.date < today);
		const future = (h: typeof before) => h.filter((p) => p.date >= today);
		expect(past(after)).toEqual(past(before));
		expect(future(after).length).toBeGreaterThan(0);
		expect(future(after).map((p) => p.status)).not.toEqual(future(before).map((p) => p.status));
		expect(future(after).every((p) => p.basis === 'published' || p.basis === 'estimated')).toBe(true);
	});

	it('the stored judgement carries the verdict at the last quarter end', async () => {
		await refreshJudgements(t.handle.db, { targetIds: [TARGET], force: true });
		const [row] = await t.handle.db.select().from(s.targetJudgements).where(eq(s.targetJudgements.targetId, TARGET));
		const previous = row.judgement.previousQuarter;
		expect(previous).not.toBeNull();
		expect(previous!.date).toMatch(/^\d{4}-(03-31|06-30|09-30|12-31)$/);
		const history = await statusHistory(t.handle.db, TARGET);
		expect(history.find((p) => p.date === previous!.date)).toMatchObject({ status: previous!.status, basis: previous!.basis });
	});
});
