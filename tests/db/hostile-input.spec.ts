/**
 * Hostile input on both backends (issue 19): files that are small on disk and costly to read, and
 * a burst of guessed passwords. Each is refused clearly and leaves the database as it was; the
 * elapsed times are printed and bounded loosely (they took 19-52 s before the limits; the
 * benchmarks, not these tests, measure speed).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { CONSOLE_USER_ID, createUser, ensureConsoleUser, logIn } from '../../src/lib/server/auth/accounts';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import * as s from '../../src/lib/server/db/schema';
import { commitImport, expirePreviews, previewImport, PREVIEW_TTL_HOURS } from '../../src/lib/server/import/imports';
import { columnBomb, formulaSheet, longCellCsv, wideCsv, zipBomb } from '../fixtures/hostile-files';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

describe(`hostile input on ${backend}`, () => {
	let t: TestDatabase;
	const state = async () => {
		const [row] = await t.handle.db
			.select({
				versions: sql<number>`(select count(*)::int from ${s.observationVersions})`,
				imports: sql<number>`(select count(*)::int from ${s.imports})`,
				storedBytes: sql<number>`(select coalesce(sum(octet_length(${s.imports.file})), 0)::int from ${s.imports})`,
				audit: sql<number>`(select count(*)::int from ${s.auditLog})`
			})
			.from(sql`(select 1) as one`);
		return row;
	};
	beforeAll(async () => {
		t = await createMigratedDatabase();
		await seedCatalogue(t.handle.db, loadCatalogue(path.resolve('catalogue')));
		await ensureConsoleUser(t.handle.db);
	});
	afterAll(async () => t?.drop());

	async function refusedQuickly(name: string, bytes: Uint8Array, problem: string) {
		const before = await state();
		const started = performance.now();
		const preview = await previewImport(t.handle.db, name, bytes, CONSOLE_USER_ID);
		const seconds = (performance.now() - started) / 1000;
		console.log(`${backend}: ${name} (${Math.round(bytes.length / 1024)} KB) refused as ${preview.ok ? 'nothing' : preview.problem} in ${seconds.toFixed(2)} s`);
		expect(preview).toMatchObject({ ok: false, problem });
		expect(seconds).toBeLessThan(15);
		expect(await state()).toEqual(before);
	}

	it('a 2,500-row sheet with cells in column XFD is refused for its columns, nothing stored', async () => {
		await refusedQuickly('column-bomb.xlsx', await columnBomb(), 'too_many_columns');
	});

	it('an XLSX whose one cell unpacks to 100 MB is refused while unpacking, nothing stored', async () => {
		await refusedQuickly('zip-bomb.xlsx', await zipBomb(100), 'too_large_unpacked');
	});

	it('CSV files with 20,000 columns or a 5-million-character cell are refused, nothing stored', async () => {
		await refusedQuickly('wide.csv', wideCsv(), 'too_many_columns');
		await refusedQuickly('long-cell.csv', longCellCsv(), 'cell_too_long');
	});

	it('60,000 formula rows are each an error at their row; the preview keeps no file and cannot be committed', async () => {
		const before = await state();
		const started = performance.now();
		const preview = await previewImport(t.handle.db, 'formulas.xlsx', await formulaSheet(60_000), CONSOLE_USER_ID);
		console.log(`${backend}: 60,000 formula rows checked in ${((performance.now() - started) / 1000).toFixed(2)} s (with making the file)`);
		if (!preview.ok) throw new Error(preview.problem);
		expect(preview.check.counts.error).toBe(60_000);
		expect(preview.check.rows[0].issues).toContainEqual({ row: 2, column: 'value', code: 'formula' });
		const [record] = await t.handle.db.select().from(s.imports).where(eq(s.imports.id, preview.importId));
		expect(record.file.length).toBe(0);
		await expect(commitImport(t.handle.db, preview.importId, CONSOLE_USER_ID)).rejects.toThrow(/has_errors/);
		const after = await state();
		expect({ ...after, imports: before.imports }).toEqual(before);
	});

	it('previews never committed are deleted after a day, file and all; committed imports stay', async () => {
		const file = new TextEncoder().encode('indicator,period,value,provenance\nsh.trial-startup-time,2033,21,estimate\n');
		const old = await previewImport(t.handle.db, 'old.csv', file, CONSOLE_USER_ID);
		const kept = await previewImport(t.handle.db, 'kept.csv', file, CONSOLE_USER_ID);
		if (!old.ok || !kept.ok) throw new Error('refused');
		await commitImport(t.handle.db, kept.importId, CONSOLE_USER_ID);
		const dayAgo = new Date(Date.now() - (PREVIEW_TTL_HOURS + 1) * 3600_000);
		await t.handle.db.update(s.imports).set({ createdAt: dayAgo }).where(sql`${s.imports.id} in (${old.importId}, ${kept.importId})`);
		expect(await expirePreviews(t.handle.db)).toBeGreaterThanOrEqual(1);
		const left = await t.handle.db.select({ id: s.imports.id, status: s.imports.status }).from(s.imports).where(sql`${s.imports.id} in (${old.importId}, ${kept.importId})`);
		expect(left).toEqual([{ id: kept.importId, status: 'committed' }]);
		// A new preview clears old ones by itself.
		await t.handle.db.insert(s.imports).values({ fileName: 'stale.csv', sha256: 'x', format: 'csv', file: file, status: 'previewed', rowCount: 1, createdBy: CONSOLE_USER_ID, createdAt: dayAgo });
		await previewImport(t.handle.db, 'fresh.csv', file, CONSOLE_USER_ID);
		expect((await t.handle.db.select({ n: count() }).from(s.imports).where(eq(s.imports.fileName, 'stale.csv')))[0].n).toBe(0);
	});

	it('40 wrong passwords sent at once are counted one by one: only the free attempts are checked, and the right one right after must wait', async () => {
		await createUser(t.handle.db, { username: 'target', role: 'analyst', password: 'the right password', mustChangePassword: false }, CONSOLE_USER_ID);
		const outcomes = await Promise.all(Array.from({ length: 40 }, () => logIn(t.handle.db, 'target', 'a wrong guess', '203.0.113.9')));
		const checked = outcomes.filter((o) => !o.ok && o.reason === 'wrong_credentials').length;
		// Three free attempts, and the fourth is let through to be counted (it then has to wait).
		expect(checked).toBe(3);
		expect(outcomes.filter((o) => !o.ok && o.reason === 'wait')).toHaveLength(37);
		expect(await logIn(t.handle.db, 'target', 'the right password', '203.0.113.9')).toMatchObject({ ok: false, reason: 'wait' });
		const [row] = await t.handle.db.select().from(s.loginFailures).where(eq(s.loginFailures.key, 'target|203.0.113.9'));
		expect(row.failures).toBe(4);
		// Nobody logged in.
		expect((await t.handle.db.select({ n: count() }).from(s.auditLog).where(eq(s.auditLog.action, 'login')))[0].n).toBe(0);
	});
});
