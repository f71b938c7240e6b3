/** The import template: the columns with a header row in the reader's language and example rows. */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Locale } from '../../domain/plan';

const HEADERS: Record<Locale, string[]> = {
	zh: ['指标', '时期', '口径', '数值', '数据性质', '来源', '备注', '原因'],
	en: ['indicator', 'period', 'basis', 'value', 'provenance', 'source', 'note', 'reason']
};

const EXAMPLES = [
	['pd.scale', '2025', 'period', '4400', 'estimate', '', '区政府预计数', ''],
	['sh.ethics-total-time', '2025', 'period', '3.6', 'official', 'people-2025-07-28', '', '按通报更正']
];

export function templateCsv(locale: Locale): string {
	// A byte-order mark, so Excel opens the UTF-8 file with its Chinese intact.
	return '\uFEFF' + Papa.unparse([HEADERS[locale], ...EXAMPLES]);
}

export async function templateXlsx(locale: Locale): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(locale === 'zh' ? '数据' : 'figures');
	sheet.addRow(HEADERS[locale]).font = { bold: true };
	for (const row of EXAMPLES) sheet.addRow(row);
	sheet.columns.forEach((c) => (c.width = 22));
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
