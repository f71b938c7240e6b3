/** Writing tables as CSV or XLSX downloads: one writer for every table Pacer exports. */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export type Table = (string | number)[][];

/** A text cell starting like this would run as a formula in a spreadsheet: such cells are quoted. */
export const FORMULA_START = /^[=+\-@\t\r].+/;

/** CSV with a byte-order mark, so Excel opens the UTF-8 file with its Chinese intact. Numbers stay numbers. */
export const tableCsv = (table: Table) => '\uFEFF' + Papa.unparse(table, { escapeFormulae: FORMULA_START });

/** XLSX with a bold header row; text cells are written as text, never as formulas. */
export async function tableXlsx(table: Table, sheetName: string, columnWidth = 18): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(sheetName);
	table.forEach((row, i) => {
		const added = sheet.addRow(row);
		if (i === 0) added.font = { bold: true };
	});
	sheet.columns.forEach((c) => (c.width = columnWidth));
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
