/**
 * Turns an uploaded file into rows of text cells: CSV (UTF-8, or GBK as Excel writes it on Chinese
 * Windows, detected) with papaparse, XLSX with exceljs. Anything else is refused with a reason.
 *
 * Every limit is checked before the work it bounds: an XLSX is a zip whose parts may unpack to
 * thousands of times their size (a 300 KB file to 300 MB), and a sheet may place one cell in its
 * last column (XFD, 16,384) so that walking "every cell" of 2,500 rows makes 41 million. So the
 * zip's parts are unpacked as a stream and counted before exceljs sees them, the sheet's extent is
 * checked before it is walked, and only cells that exist are visited.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** The import template has 9 columns; a figure file has no use for more than this. */
export const MAX_COLUMNS = 64;
/** A note or a source reference fits easily; a cell beyond this is not a figure. */
export const MAX_CELL_CHARS = 2_000;
/** Data rows of a CSV file (the 1,000,000-row import benchmark fits). */
export const MAX_CSV_ROWS = 1_000_000;
/** Rows of an XLSX sheet: exceljs holds the whole workbook in memory, so larger files go as CSV. */
export const MAX_XLSX_ROWS = 100_000;
/** What an XLSX may unpack to, all parts together, and the cells its sheets may hold. */
export const MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024;
export const MAX_XLSX_CELLS = 2_000_000;
const MAX_XLSX_PARTS = 2_000;

export type TableProblem = 'empty_file' | 'too_large' | 'too_large_unpacked' | 'too_many_rows' | 'too_many_columns' | 'cell_too_long' | 'too_many_cells' | 'not_a_table' | 'formula_cell';

/** Where a limit was passed (1-based), and the limit, for the message. */
export interface ProblemDetail {
	row?: number;
	column?: number;
	limit: number;
}

export type ReadTable =
	| { ok: true; format: 'csv' | 'xlsx'; encoding: 'utf-8' | 'gbk' | null; rows: string[][]; formulaCells: { row: number; column: number }[] }
	| { ok: false; problem: TableProblem; detail?: ProblemDetail };

type Refusal = Extract<ReadTable, { ok: false }>;

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

const LT = 0x3c;
const C = 0x63;
/** `<c ` `<c>` `<c/`: a cell element of SpreadsheetML (not `<col`, `<cfRule`, …). */
const isCellTag = (b: number) => b === 0x20 || b === 0x3e || b === 0x2f;

/**
 * Unpacks every part of an XLSX as a stream, counting bytes (the sizes a zip declares may lie)
 * and the cells of its sheets, and stops at the first limit passed; nothing is kept.
 */
export async function inspectXlsx(bytes: Uint8Array): Promise<Refusal | null> {
	let zip: JSZip;
	try {
		zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
	} catch {
		return { ok: false, problem: 'not_a_table' };
	}
	const parts = Object.values(zip.files).filter((f) => !f.dir);
	if (parts.length > MAX_XLSX_PARTS) return { ok: false, problem: 'not_a_table' };
	let unpacked = 0;
	let cells = 0;
	for (const part of parts) {
		const sheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(part.name);
		const outcome = await new Promise<'ok' | 'too_large' | 'too_many_cells' | 'broken'>((resolve) => {
			const stream = part.nodeStream('nodebuffer');
			let previous = 0;
			stream
				.on('data', (chunk: Buffer) => {
					unpacked += chunk.length;
					if (sheet) {
						// A tag split across two chunks is found from the byte kept from the last one.
						if (previous === LT && chunk[0] === C && isCellTag(chunk[1])) cells++;
						for (let i = chunk.indexOf(LT); i !== -1 && i < chunk.length - 2; i = chunk.indexOf(LT, i + 1)) {
							if (chunk[i + 1] === C && isCellTag(chunk[i + 2])) cells++;
						}
						previous = chunk[chunk.length - 1];
					}
					if (unpacked > MAX_XLSX_UNPACKED_BYTES || cells > MAX_XLSX_CELLS) {
						stream.pause();
						resolve(unpacked > MAX_XLSX_UNPACKED_BYTES ? 'too_large' : 'too_many_cells');
					}
				})
				.on('error', () => resolve('broken'))
				.on('end', () => resolve('ok'));
		});
		if (outcome === 'too_large') return { ok: false, problem: 'too_large_unpacked', detail: { limit: MAX_XLSX_UNPACKED_BYTES } };
		if (outcome === 'too_many_cells') return { ok: false, problem: 'too_many_cells', detail: { limit: MAX_XLSX_CELLS } };
		if (outcome === 'broken') return { ok: false, problem: 'not_a_table' };
	}
	return null;
}

/** The first cell over the length limit, or null. */
function longCell(rows: string[][]): Refusal | null {
	for (let r = 0; r < rows.length; r++) {
		const c = rows[r].findIndex((cell) => cell.length > MAX_CELL_CHARS);
		if (c !== -1) return { ok: false, problem: 'cell_too_long', detail: { row: r + 1, column: c + 1, limit: MAX_CELL_CHARS } };
	}
	return null;
}

async function readXlsx(bytes: Uint8Array): Promise<ReadTable> {
	const refused = await inspectXlsx(bytes);
	if (refused) return refused;
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
	} catch {
		return { ok: false, problem: 'not_a_table' };
	}
	const sheet = workbook.worksheets[0];
	if (!sheet) return { ok: false, problem: 'not_a_table' };
	// The sheet's extent first: the last row number, and the widest row's last column.
	if (sheet.rowCount > MAX_XLSX_ROWS + 1) return { ok: false, problem: 'too_many_rows', detail: { row: sheet.rowCount, limit: MAX_XLSX_ROWS } };
	let wide: { row: number; column: number } | null = null;
	sheet.eachRow((row, rowNumber) => {
		if (!wide && row.cellCount > MAX_COLUMNS) wide = { row: rowNumber, column: row.cellCount };
	});
	if (wide) return { ok: false, problem: 'too_many_columns', detail: { ...(wide as { row: number; column: number }), limit: MAX_COLUMNS } };
	const rows: string[][] = Array.from({ length: sheet.rowCount }, () => []);
	const formulaCells: { row: number; column: number }[] = [];
	// Only the cells that exist: an empty cell reads as ''.
	sheet.eachRow((row, rowNumber) => {
		const cells: string[] = new Array<string>(row.cellCount).fill('');
		row.eachCell((cell, column) => {
			// A formula is refused: its cached result may be stale, and the intent is a number.
			if (cell.type === ExcelJS.ValueType.Formula) formulaCells.push({ row: rowNumber, column });
			cells[column - 1] = cellText(cell);
		});
		rows[rowNumber - 1] = cells;
	});
	if (rows.length === 0) return { ok: false, problem: 'empty_file' };
	const long = longCell(rows);
	if (long) return long;
	// No one types a NUL character, and PostgreSQL's text cannot hold one.
	if (rows.some((r) => r.some((c) => c.includes('\u0000')))) return { ok: false, problem: 'not_a_table' };
	return { ok: true, format: 'xlsx', encoding: null, rows, formulaCells };
}

function readCsv(bytes: Uint8Array): ReadTable {
	// A text file has no NUL bytes; binary files (PDF, images, old .xls) do. The whole file is
	// looked at: PostgreSQL's text cannot hold a NUL, so one late in a file would fail the commit.
	if (bytes.includes(0)) return { ok: false, problem: 'not_a_table' };
	const { text, encoding } = decodeText(bytes);
	const rows: string[][] = [];
	let refused: Refusal | null = null;
	// Row by row, so that a limit stops the parse where it is passed.
	Papa.parse<string[]>(text, {
		skipEmptyLines: 'greedy',
		step: (result, parser) => {
			const row = result.data;
			if (rows.length > MAX_CSV_ROWS) refused = { ok: false, problem: 'too_many_rows', detail: { row: rows.length + 1, limit: MAX_CSV_ROWS } };
			else if (row.length > MAX_COLUMNS) refused = { ok: false, problem: 'too_many_columns', detail: { row: rows.length + 1, column: row.length, limit: MAX_COLUMNS } };
			else {
				const c = row.findIndex((cell) => cell.length > MAX_CELL_CHARS);
				if (c !== -1) refused = { ok: false, problem: 'cell_too_long', detail: { row: rows.length + 1, column: c + 1, limit: MAX_CELL_CHARS } };
			}
			if (refused) parser.abort();
			else rows.push(row);
		}
	});
	if (refused) return refused;
	if (rows.length === 0) return { ok: false, problem: 'empty_file' };
	return { ok: true, format: 'csv', encoding, rows, formulaCells: [] };
}

export async function readTable(fileName: string, bytes: Uint8Array): Promise<ReadTable> {
	if (bytes.length === 0) return { ok: false, problem: 'empty_file' };
	if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, problem: 'too_large', detail: { limit: MAX_IMPORT_BYTES } };
	return isZip(bytes) || /\.xlsx$/i.test(fileName) ? readXlsx(bytes) : readCsv(bytes);
}
