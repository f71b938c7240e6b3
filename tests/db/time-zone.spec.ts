/**
 * As-of days are days in the deployment's zone (Asia/Shanghai here), while the database keeps UTC
 * instants: a figure entered at 07:00 on 1 January in Shanghai (23:00 UTC on 31 December) is not
 * part of anything "as of 2024-12-31", and one entered at 23:00 on 31 December in Shanghai is.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { CONSOLE_USER_ID, ensureConsoleUser } from '../../src/lib/server/auth/accounts';
import { createSchedule, enqueueDueBooks, requestBook } from '../../src/lib/server/books/archive';
import { bookContent } from '../../src/lib/server/books/content';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import * as s from '../../src/lib/server/db/schema';
import { correctObservation, observationsAsOf } from '../../src/lib/server/queries/observations';
import { judgePlans } from '../../src/lib/server/queries/plans';
import { refreshJudgements } from '../../src/lib/server/queries/judgements';
import { endOfLocalDay } from '../../src/lib/domain/dates';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

const ZONE = 'Asia/Shanghai';
const PLAN = 'pudong-biomedicine-2022-2024';
const INDICATOR = 'pd.scale';
/** 23:00 on 31 December in Shanghai, and 07:00 on 1 January. */
const LATE_EVENING = new Date('2024-12-31T15:00:00Z');
const NEXT_MORNING = new Date('2024-12-31T23:00:00Z');

describe(`as-of days in the deployment's zone on ${backend}`, () => {
	let t: TestDatabase;
	let evening: number;
	let morning: number;
	beforeAll(async () => {
		process.env.PACER_TIME_ZONE = ZONE;
		t = await createMigratedDatabase();
		const db = t.handle.db;
		await seedCatalogue(db, loadCatalogue(path.resolve('catalogue')));
		await ensureConsoleUser(db);
		// A figure that existed before the day, corrected twice around Shanghai's midnight.
		const [figure] = await observationsAsOf(db, [INDICATOR], new Date('2024-12-30T00:00:00Z'));
		expect(figure, `${INDICATOR} needs a figure recorded before 2024-12-30`).toBeDefined();
		evening = figure.value + 100;
		morning = figure.value + 200;
		const base = { observationId: figure.observationId, provenance: figure.provenance, sourceId: figure.sourceId, userId: CONSOLE_USER_ID };
		await correctObservation(db, { ...base, expectedVersion: figure.version, value: evening, reason: 'entered 23:00 Shanghai time', recordedAt: LATE_EVENING });
		await correctObservation(db, { ...base, expectedVersion: figure.version + 1, value: morning, reason: 'entered 07:00 Shanghai time', recordedAt: NEXT_MORNING });
	});
	afterAll(async () => {
		delete process.env.PACER_TIME_ZONE;
		await t?.drop();
	});

	const valuesOf = (figures: Record<string, { value: number }[]>) => Object.values(figures).flat().map((f) => f.value);

	it('ends 2024-12-31 at 16:00 UTC: the evening figure counts, the morning one does not', async () => {
		const cutoff = endOfLocalDay('2024-12-31', ZONE);
		expect(cutoff.toISOString()).toBe('2024-12-31T15:59:59.999Z');
		const values = (await observationsAsOf(t.handle.db, [INDICATOR], cutoff)).map((o) => o.value);
		expect(values).toContain(evening);
		expect(values).not.toContain(morning);
	});

	it('cuts a book requested by hand as of 2024-12-31 at the end of that day in Shanghai', async () => {
		const db = t.handle.db;
		const id = await requestBook(db, { asOf: '2024-12-31', planIds: [PLAN], locale: 'zh' }, CONSOLE_USER_ID, new Date('2026-11-25T00:00:00Z'));
		const [book] = await db.select().from(s.books).where(eq(s.books.id, id));
		expect(book.dataCutoff.toISOString()).toBe('2024-12-31T15:59:59.999Z');
		const content = await bookContent(db, { asOf: '2024-12-31', dataCutoff: book.dataCutoff, planIds: [PLAN], locale: 'zh' });
		expect(valuesOf(content.figures)).toContain(evening);
		expect(valuesOf(content.figures)).not.toContain(morning);
		// The next day's book has the morning's figure.
		const next = await bookContent(db, { asOf: '2025-01-01', dataCutoff: endOfLocalDay('2025-01-01', ZONE), planIds: [PLAN], locale: 'zh' });
		expect(valuesOf(next.figures)).toContain(morning);
	});

	it('judges the plan as of 2024-12-31 from the evening figure, not the morning one', async () => {
		const db = t.handle.db;
		const seriesAt = async (cutoff: Date) => {
			const [plan] = await judgePlans(db, 'zh', cutoff, [PLAN], ZONE);
			return plan.targets.filter((x) => x.indicatorId === INDICATOR).map((x) => x.evaluation.series);
		};
		const asOfDay = await seriesAt(endOfLocalDay('2024-12-31', ZONE));
		expect(asOfDay.length).toBeGreaterThan(0);
		// Both instants fall on 31 December in Shanghai: only the figures differ.
		expect(asOfDay).toEqual(await seriesAt(LATE_EVENING));
		expect(asOfDay).not.toEqual(await seriesAt(NEXT_MORNING));
	});

	it('gives a scheduled book of 1 January 08:00 Shanghai time the same cut-off', async () => {
		const db = t.handle.db;
		const id = await createSchedule(db, { name: 'monthly', cron: '0 8 1 * *', timeZone: ZONE, planIds: [PLAN], locale: 'zh' }, CONSOLE_USER_ID);
		await db.update(s.bookSchedules).set({ updatedAt: new Date('2024-12-20T00:00:00Z') }).where(eq(s.bookSchedules.id, id));
		expect(await enqueueDueBooks(db, new Date('2025-01-01T00:00:05Z'), ZONE)).toBe(1);
		const [book] = await db.select().from(s.books).where(eq(s.books.scheduleId, id));
		expect(book.asOf).toBe('2024-12-31');
		expect(book.dataCutoff.toISOString()).toBe('2024-12-31T15:59:59.999Z');
	});

	it('stores judgements for the local day: 07:00 in Shanghai is already 1 January', async () => {
		const db = t.handle.db;
		await refreshJudgements(db, { planIds: [PLAN], force: true }, NEXT_MORNING);
		const rows = await db.select({ judgedOn: s.targetJudgements.judgedOn }).from(s.targetJudgements).where(eq(s.targetJudgements.planId, PLAN));
		expect(rows.length).toBeGreaterThan(0);
		expect(new Set(rows.map((r) => String(r.judgedOn)))).toEqual(new Set(['2025-01-01']));
	});
});
