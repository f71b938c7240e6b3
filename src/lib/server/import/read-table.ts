/**
 * Turns an uploaded file into rows of text cells: CSV (UTF-8, or GBK as Excel writes it on Chinese
 * Windows, detected) with papaparse, XLSX with exceljs. Anything else is refused with a reason.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type TableProblem = 'empty_file' | 'too_large' | 'not_a_table' | 'formula_cell';

export type ReadTable =
	| { ok: true; format: 'csv' | 'xlsx'; encoding: 'utf-8' | 'gbk' | null; rows: string[][]; formulaCells: { row: number; column: number }[] }
	| { ok: false; problem: TableProblem };

const CJK = /[\u4e00-\u9fff]/;

/** UTF-8 unless the bytes are not valid UTF-8, or read as GBK they give Chinese where UTF-8 gives none. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
	const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
		if (!CJK.test(text) && /[\u0080-\u07ff]/.test(text)) {
			const gbk = new TextDecoder('gbk').decode(body);
			if (CJK.test(gbk)) return { text: gbk, encoding: 'gbk' };
		}
		return { text, encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('gbk').decode(body), encoding: 'gbk' };
	}
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function cellText(cell: ExcelJS.Cell): string {
	const v = cell.value;
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	if (typeof v === 'object') {
		if ('richText' in v) return v.richText.map((r) => r.text).join('');
		if ('text' in v) return String(v.text);
		if ('result' in v) return v.result === undefined ? '' : String(v.result);
		if ('error' in v) return String(v.error);
	}
	return String(v);
}

export async function readTable(fileName: string, bytes: Uint8Array): Promise<ReadTable> {
	if (bytes.length === 0) return { ok: false, problem: 'empty_file' };
	if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, problem: 'too_large' };
	if (isZip(bytes) || /\.xlsx$/i.test(fileName)) {
		const workbook = new ExcelJS.Workbook();
		try {
			await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
		} catch {
			return { ok: false, problem: 'not_a_table' };
		}
		const sheet = workbook.worksheets[0];
		if (!sheet) return { ok: false, problem: 'not_a_table' };
		const rows: string[][] = [];
		const formulaCells: { row: number; column: number }[] = [];
		sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
			const cells: string[] = [];
			row.eachCell({ includeEmpty: true }, (cell, column) => {
				// A formula is refused: its cached result may be stale, and the intent is a number.
				if (cell.type === ExcelJS.ValueType.Formula) formulaCells.push({ row: rowNumber, column });
				cells[column - 1] = cellText(cell);
			});
			rows[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
		});
		const dense = Array.from(rows, (r) => r ?? []);
		if (dense.length === 0) return { ok: false, problem: 'empty_file' };
		// No one types a NUL character, and PostgreSQL's text cannot hold one.
		if (dense.some((r) => r.some((c) => c.includes('\u0000')))) return { ok: false, problem: 'not_a_table' };
		return { ok: true, format: 'xlsx', encoding: null, rows: dense, formulaCells };
	}
	// A text file has no NUL bytes; binary files (PDF, images, old .xls) do. The whole file is
	// looked at: PostgreSQL's text cannot hold a NUL, so one late in a file would fail the commit.
	if (bytes.includes(0)) return { ok: false, problem: 'not_a_table' };
	const { text, encoding } = decodeText(bytes);
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
	if (parsed.data.length === 0) return { ok: false, problem: 'empty_file' };
	return { ok: true, format: 'csv', encoding, rows: parsed.data, formulaCells: [] };
}
