import { describe, expect, it } from 'vitest';
import { columnBomb, formulaSheet, longCellCsv, wideCsv, zipBomb } from '../../../../tests/fixtures/hostile-files';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_XLSX_UNPACKED_BYTES, readTable } from './read-table';

describe('readTable refuses before walking what it cannot hold', () => {
	it('a sheet with a cell in column XFD: too many columns, at its row', async () => {
		expect(await readTable('bomb.xlsx', await columnBomb())).toEqual({ ok: false, problem: 'too_many_columns', detail: { row: 2, column: 16_384, limit: MAX_COLUMNS } });
	});

	it('an XLSX whose one cell unpacks to 70 MB: refused while unpacking, whatever the zip declares', async () => {
		const file = await zipBomb(70);
		expect(file.length).toBeLessThan(2 * 1024 * 1024);
		expect(await readTable('bomb.xlsx', file)).toEqual({ ok: false, problem: 'too_large_unpacked', detail: { limit: MAX_XLSX_UNPACKED_BYTES } });
	});

	it('CSV rows wider than the limit, and cells longer than it', async () => {
		expect(await readTable('wide.csv', wideCsv())).toMatchObject({ ok: false, problem: 'too_many_columns', detail: { row: 2, limit: MAX_COLUMNS } });
		expect(await readTable('long.csv', longCellCsv())).toEqual({ ok: false, problem: 'cell_too_long', detail: { row: 2, column: 5, limit: MAX_CELL_CHARS } });
	});

	it('reads every formula cell of a formula-heavy sheet with its row and column', async () => {
		const table = await readTable('formulas.xlsx', await formulaSheet(2_000));
		if (!table.ok) throw new Error(table.problem);
		expect(table.formulaCells).toHaveLength(2_000);
		expect(table.formulaCells[0]).toEqual({ row: 2, column: 3 });
		expect(table.rows[1]).toEqual(['sh.trial-startup-time', '3000', '2', 'estimate']);
	});

	it('an empty cell between two filled ones reads as an empty string', async () => {
		const csv = new TextEncoder().encode('indicator,period,value\na,,1\n');
		expect(await readTable('gap.csv', csv)).toMatchObject({ ok: true, rows: [['indicator', 'period', 'value'], ['a', '', '1']] });
	});
});
