import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { CONSOLE_USER_ID, ensureConsoleUser } from '../../src/lib/server/auth/accounts';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import * as s from '../../src/lib/server/db/schema';
import { commitImport, ImportRefusedError, previewImport, revertImport } from '../../src/lib/server/import/imports';
import { observationsAsOf } from '../../src/lib/server/queries/observations';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe(`imports on ${backend}`, () => {
	let t: TestDatabase;
	const versions = async () => (await t.handle.db.select({ n: count() }).from(s.observationVersions))[0].n;
	beforeAll(async () => {
		t = await createMigratedDatabase();
		await seedCatalogue(t.handle.db, loadCatalogue(path.resolve('catalogue')));
		await ensureConsoleUser(t.handle.db);
	});
	afterAll(async () => t?.drop());

	const good = ['indicator,period,value,provenance,source,note', 'sh.trial-startup-time,2026,24,estimate,,', 'sh.ethics-total-time,2025,3.4,estimate,,corrected reading', 'sh.ethics-total-time,2024,4.4,illustrative,,'].join('\n');

	it('previews without writing figures, commits all rows as one import, and a second identical file changes nothing', async () => {
		const before = await versions();
		const preview = await previewImport(t.handle.db, 'good.csv', utf8(good), CONSOLE_USER_ID);
		if (!preview.ok) throw new Error(preview.problem);
		expect(preview.check.counts).toEqual({ rows: 3, new: 1, correction: 1, unchanged: 1, error: 0 });
		expect(await versions()).toBe(before);
		expect(await commitImport(t.handle.db, preview.importId, CONSOLE_USER_ID)).toMatchObject({ new: 1, correction: 1 });
		expect(await versions()).toBe(before + 2);
		const [record] = await t.handle.db.select().from(s.imports).where(eq(s.imports.id, preview.importId));
		expect(record).toMatchObject({ status: 'committed', fileName: 'good.csv', rowCount: 3, addedCount: 1, correctedCount: 1, createdBy: CONSOLE_USER_ID });
		expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);

		const again = await previewImport(t.handle.db, 'good.csv', utf8(good), CONSOLE_USER_ID);
		if (!again.ok) throw new Error(again.problem);
		expect(again.alreadyImported?.id).toBe(preview.importId);
		expect(again.check.counts).toMatchObject({ new: 0, correction: 0, unchanged: 3 });
		await commitImport(t.handle.db, again.importId, CONSOLE_USER_ID);
		expect(await versions()).toBe(before + 2);
	});

	it('reverts a committed import as a whole: a new figure is withdrawn, a corrected one restored', async () => {
		const [committed] = await t.handle.db.select().from(s.imports).where(eq(s.imports.fileName, 'good.csv')).limit(1);
		await revertImport(t.handle.db, committed.id, CONSOLE_USER_ID);
		const figures = await observationsAsOf(t.handle.db, ['sh.trial-startup-time', 'sh.ethics-total-time']);
		expect(figures.find((o) => o.indicatorId === 'sh.trial-startup-time' && o.period === '2026')).toBeUndefined();
		expect(figures.find((o) => o.indicatorId === 'sh.ethics-total-time' && o.period === '2025')?.value).toBe(3.6);
		await expect(revertImport(t.handle.db, committed.id, CONSOLE_USER_ID)).rejects.toThrow(ImportRefusedError);
	});

	it('refuses to commit a file with any bad row, and writes nothing', async () => {
		const before = await versions();
		const bad = ['indicator,period,value,provenance', 'sh.trial-startup-time,2027,23,estimate', 'sh.trial-startup-time,2028,abc,estimate'].join('\n');
		const preview = await previewImport(t.handle.db, 'bad.csv', utf8(bad), CONSOLE_USER_ID);
		if (!preview.ok) throw new Error(preview.problem);
		expect(preview.check.rows[1].issues).toEqual([{ row: 3, column: 'value', code: 'not_a_number', params: { input: 'abc' } }]);
		await expect(commitImport(t.handle.db, preview.importId, CONSOLE_USER_ID)).rejects.toThrow(/has_errors/);
		expect(await versions()).toBe(before);
	});

	it('refuses a correction whose figure changed after the preview', async () => {
		const file = ['indicator,period,value,provenance', 'sh.ethics-total-time,2023,5.2,estimate'].join('\n');
		const preview = await previewImport(t.handle.db, 'late.csv', utf8(file), CONSOLE_USER_ID);
		if (!preview.ok) throw new Error(preview.problem);
		const other = await previewImport(t.handle.db, 'first.csv', utf8(file.replace('5.2', '5.3')), CONSOLE_USER_ID);
		if (!other.ok) throw new Error(other.problem);
		await commitImport(t.handle.db, other.importId, CONSOLE_USER_ID);
		await expect(commitImport(t.handle.db, preview.importId, CONSOLE_USER_ID)).rejects.toThrow(/changed_since_preview/);
	});

	it('reads GBK CSV from Excel, XLSX (refusing formulas), and refuses empty and non-spreadsheet files', async () => {
		// "指标,时期,数值,数据性质" and a row, encoded in GBK.
		const gbk = Buffer.concat([
			Buffer.from([0xd6, 0xb8, 0xb1, 0xea, 0x2c, 0xca, 0xb1, 0xc6, 0xda, 0x2c, 0xca, 0xfd, 0xd6, 0xb5, 0x2c, 0xca, 0xfd, 0xbe, 0xdd, 0xd0, 0xd4, 0xd6, 0xca, 0x0a]),
			Buffer.from('sh.trial-startup-time,2029,20,estimate\n')
		]);
		const fromGbk = await previewImport(t.handle.db, 'excel.csv', gbk, CONSOLE_USER_ID);
		expect(fromGbk.ok && fromGbk.check.encoding).toBe('gbk');
		expect(fromGbk.ok && fromGbk.check.counts.new).toBe(1);

		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('figures');
		sheet.addRow(['indicator', 'period', 'value', 'provenance']);
		sheet.addRow(['sh.trial-startup-time', '2030', 19, 'estimate']);
		sheet.addRow(['sh.trial-startup-time', '2031', { formula: 'C2-1', result: 18 }, 'estimate']);
		const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
		const fromXlsx = await previewImport(t.handle.db, 'figures.xlsx', xlsx, CONSOLE_USER_ID);
		if (!fromXlsx.ok) throw new Error(fromXlsx.problem);
		expect(fromXlsx.check.rows.map((r) => r.status)).toEqual(['new', 'error']);
		expect(fromXlsx.check.rows[1].issues).toEqual([{ row: 3, column: 'value', code: 'formula' }]);

		expect(await previewImport(t.handle.db, 'empty.csv', new Uint8Array(), CONSOLE_USER_ID)).toEqual({ ok: false, problem: 'empty_file' });
		const huge = new Uint8Array(50 * 1024 * 1024 + 1).fill(0x41);
		expect(await previewImport(t.handle.db, 'huge.csv', huge, CONSOLE_USER_ID)).toMatchObject({ ok: false, problem: 'too_large' });
		expect(await previewImport(t.handle.db, 'photo.csv', new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10]), CONSOLE_USER_ID)).toEqual({ ok: false, problem: 'not_a_table' });
		expect(await previewImport(t.handle.db, 'fake.xlsx', utf8('not a zip'), CONSOLE_USER_ID)).toEqual({ ok: false, problem: 'not_a_table' });
	});
});
