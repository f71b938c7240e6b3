import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { translator } from '../../src/lib/i18n';
import type { Locale } from '../../src/lib/domain/plan';
import { CONSOLE_USER_ID, createUser, ensureConsoleUser } from '../../src/lib/server/auth/accounts';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import * as s from '../../src/lib/server/db/schema';
import { figuresTable } from '../../src/lib/server/export/figures-export';
import { tableCsv, tableXlsx, type Table } from '../../src/lib/server/export/spreadsheet';
import { commitImport, previewImport } from '../../src/lib/server/import/imports';
import { templateCsv, templateXlsx } from '../../src/lib/server/import/template';
import { latestVersions } from '../../src/lib/server/queries/observations';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A target's figures table as the download gives it, in a language. */
async function exported(t: TestDatabase, targetId: string, locale: Locale): Promise<Table> {
	const translate = translator(locale);
	const table = await figuresTable(t.handle.db, targetId, locale, (key) => translate(key as 'status.met'));
	if (!table) throw new Error(`no target ${targetId}`);
	return table;
}

/** The table with one cell changed, as a person edits the downloaded file; the row must be found exactly once. */
function editCell(table: Table, match: (row: (string | number)[]) => boolean, header: string, value: string | number): Table {
	const column = table[0].indexOf(header);
	const hits = table.filter((row, i) => i > 0 && match(row));
	expect(hits).toHaveLength(1);
	return table.map((row, i) => (i > 0 && match(row) ? row.map((c, j) => (j === column ? value : c)) : row));
}

describe(`export, edit and import of a target's figures on ${backend}`, () => {
	let t: TestDatabase;
	let analyst: string;
	const figures = async (indicatorIds: string[]) =>
		new Map((await latestVersions(t.handle.db, indicatorIds)).map((o) => [o.observationId, { value: o.value, version: o.version, provenance: o.provenance, sourceId: o.sourceId, flags: o.flags, note: o.note }]));
	beforeAll(async () => {
		t = await createMigratedDatabase();
		await seedCatalogue(t.handle.db, loadCatalogue(path.resolve('catalogue')));
		await ensureConsoleUser(t.handle.db);
		analyst = await createUser(t.handle.db, { username: 'rt-analyst', role: 'analyst', password: 'round trip analyst', mustChangePassword: false }, CONSOLE_USER_ID);
	});
	afterAll(async () => t?.drop());

	it('every target’s figures export, in both languages, imports back unchanged (CSV; XLSX for two)', async () => {
		const targets = await t.handle.db.select({ id: s.targets.id }).from(s.targets);
		expect(targets.length).toBeGreaterThan(30);
		let rows = 0;
		for (const { id } of targets) {
			for (const locale of ['zh', 'en'] as const) {
				const table = await exported(t, id, locale);
				if (table.length === 1) continue;
				const preview = await previewImport(t.handle.db, `${id}-${locale}.csv`, utf8(tableCsv(table)), analyst);
				if (!preview.ok) throw new Error(preview.problem);
				const errors = preview.check.rows.filter((r) => r.status !== 'unchanged').map((r) => ({ id, locale, row: r.row, issues: r.issues, cells: r.cells }));
				expect(preview.check.headerIssues).toEqual([]);
				expect(errors).toEqual([]);
				rows += preview.check.counts.unchanged;
			}
		}
		// Every figure of the catalogue is on some target's table, most on several.
		expect(rows).toBeGreaterThan(148);
		for (const id of ['pd-industry-scale', 'sh-trial-startup']) {
			const preview = await previewImport(t.handle.db, `${id}.xlsx`, await tableXlsx(await exported(t, id, 'en'), 'figures'), analyst);
			if (!preview.ok) throw new Error(preview.problem);
			expect(preview.check.counts).toMatchObject({ error: 0, new: 0, correction: 0 });
		}
	});

	it('the template’s example rows are real catalogue figures with their sources: imported as they are, nothing changes', async () => {
		// Before the tests below correct pd.scale 2024, while the catalogue's figures stand.
		for (const locale of ['zh', 'en'] as const) {
			for (const [name, bytes] of [[`template-${locale}.csv`, utf8(templateCsv(locale))], [`template-${locale}.xlsx`, await templateXlsx(locale)]] as const) {
				const preview = await previewImport(t.handle.db, name, bytes, analyst);
				if (!preview.ok) throw new Error(preview.problem);
				expect(preview.check.headerIssues).toEqual([]);
				expect({ name, ...preview.check.counts }).toEqual({ name, rows: 3, new: 0, correction: 0, unchanged: 3, error: 0 });
				expect(preview.check.rows.map((r) => r.figure?.sourceId)).toEqual(['kmwz-2025-04-10', 'reportify-2025-10-10', 'hgjy-2026-01-21']);
			}
		}
	});

	it('one value edited in a Chinese CSV export corrects exactly that figure, keeping its source, flags and note', async () => {
		const before = await figures(['pd.scale']);
		const table = editCell(await exported(t, 'pd-industry-scale', 'zh'), (r) => r[1] === '2024' && r[2] === '当期', '数值', '4120');
		const preview = await previewImport(t.handle.db, 'pd-industry-scale-figures.csv', utf8(tableCsv(table)), analyst);
		if (!preview.ok) throw new Error(preview.problem);
		expect(preview.check.counts).toMatchObject({ error: 0, new: 0, correction: 1, unchanged: table.length - 2 });
		const [corrected] = preview.check.rows.filter((r) => r.status === 'correction');
		expect(corrected.warnings).toEqual([]);
		expect(await commitImport(t.handle.db, preview.importId, analyst)).toMatchObject({ correction: 1, new: 0 });

		const after = await figures(['pd.scale']);
		const changed = [...after].filter(([id, f]) => JSON.stringify(f) !== JSON.stringify(before.get(id)));
		expect(changed).toHaveLength(1);
		const [id, figure] = changed[0];
		const was = before.get(id)!;
		expect(was).toMatchObject({ value: 4100, sourceId: 'kmwz-2025-04-10', flags: ['conflicting_sources'] });
		expect(figure).toEqual({ ...was, value: 4120, version: was.version + 1 });
		const [version] = await t.handle.db.select().from(s.observationVersions).where(eq(s.observationVersions.observationId, id)).orderBy(s.observationVersions.version).limit(1).offset(was.version);
		expect(version).toMatchObject({ recordedBy: analyst, importId: preview.importId });
	});

	it('one value edited in an English XLSX export: the same, and a second import of the file changes nothing', async () => {
		const before = await figures(['pd.scale']);
		const table = editCell(await exported(t, 'pd-industry-scale', 'en'), (r) => r[1] === '2021', 'value', 2710);
		const bytes = await tableXlsx(table, 'figures');
		const preview = await previewImport(t.handle.db, 'pd-industry-scale-figures.xlsx', bytes, analyst);
		if (!preview.ok) throw new Error(preview.problem);
		expect(preview.check.counts).toMatchObject({ error: 0, new: 0, correction: 1 });
		await commitImport(t.handle.db, preview.importId, analyst);
		const after = await figures(['pd.scale']);
		const changed = [...after].filter(([id, f]) => JSON.stringify(f) !== JSON.stringify(before.get(id)));
		expect(changed.map(([, f]) => [f.value, f.sourceId, f.flags])).toEqual([[2710, 'chinanews-2022-01-26', ['reprint', 'mirror_site']]]);
		const again = await previewImport(t.handle.db, 'again.xlsx', bytes, analyst);
		if (!again.ok) throw new Error(again.problem);
		// The file still says version 1 of the corrected row, but its values are what is stored now: unchanged.
		expect(again.check.counts).toMatchObject({ error: 0, new: 0, correction: 0 });
	});

	it('refuses a row corrected since the export, and an analyst’s illustrative row; an admin may import the latter', async () => {
		const stale = editCell(await exported(t, 'pd-industry-scale', 'zh'), (r) => r[1] === '2024' && r[2] === '当期', '数值', '4130');
		const staleVersion = editCell(stale, (r) => r[1] === '2024' && r[2] === '当期', '版本', 1);
		const refused = await previewImport(t.handle.db, 'stale.csv', utf8(tableCsv(staleVersion)), analyst);
		if (!refused.ok) throw new Error(refused.problem);
		expect(refused.check.rows.filter((r) => r.status === 'error').map((r) => r.issues.map((i) => [i.column, i.code, i.params]))).toEqual([
			[['version', 'changed_since_export', { version: '1', current: '2' }]]
		]);

		const illustrative = editCell(await exported(t, 'sh-trial-startup', 'en'), (r) => r[1] === '2024', 'value', 29);
		const byAnalyst = await previewImport(t.handle.db, 'illustrative.csv', utf8(tableCsv(illustrative)), analyst);
		if (!byAnalyst.ok) throw new Error(byAnalyst.problem);
		expect(byAnalyst.check.rows.filter((r) => r.status === 'error').map((r) => r.issues.map((i) => i.code))).toEqual([['illustrative_admin_only']]);
		await expect(commitImport(t.handle.db, byAnalyst.importId, analyst)).rejects.toThrow(/has_errors/);
		const byAdmin = await previewImport(t.handle.db, 'illustrative.csv', utf8(tableCsv(illustrative)), CONSOLE_USER_ID);
		if (!byAdmin.ok) throw new Error(byAdmin.problem);
		expect(byAdmin.check.counts).toMatchObject({ error: 0, correction: 1 });
	});

	it('refuses the explorer’s export with its own message, changing nothing', async () => {
		const preview = await previewImport(t.handle.db, 'explore.csv', utf8('目标代码,目标,规划\npd-industry-scale,产业规模,浦东\n'), analyst);
		if (!preview.ok) throw new Error(preview.problem);
		expect(preview.check.headerIssues).toEqual([{ row: 1, column: null, code: 'explore_export' }]);
	});
});
