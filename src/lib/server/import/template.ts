/**
 * The import template: the columns with a header row in the reader's language, and example rows
 * that are real figures Pacer already holds (indicator names and labels as the pages show them in
 * that language, one row by id and code), with their catalogue sources. Imported unedited, every
 * example row is unchanged.
 */
import { COLUMN_HEADERS, IMPORT_COLUMNS } from '../../domain/import-rows';
import type { Locale } from '../../domain/plan';
import { tableCsv, tableXlsx, type Table } from '../export/spreadsheet';

const EXAMPLES: Record<Locale, Table> = {
	zh: [
		['浦东生物医药产业规模', '2024', '当期', '4100', '公开数据', 'kmwz-2025-04-10', '', ''],
		['上海生物医药产业规模', '2024', '当期', '9847.02', '公开数据', 'reportify-2025-10-10', '', ''],
		['pd.scale', '2025', 'period', '4400', 'estimate', 'hgjy-2026-01-21', '', '']
	],
	en: [
		['Pudong biomedicine industry scale', '2024', 'period', '4100', 'published', 'kmwz-2025-04-10', '', ''],
		['Shanghai biomedicine industry scale', '2024', 'period', '9847.02', 'published', 'reportify-2025-10-10', '', ''],
		['pd.scale', '2025', 'period', '4400', 'estimate', 'hgjy-2026-01-21', '', '']
	]
};

const table = (locale: Locale): Table => [IMPORT_COLUMNS.map((c) => COLUMN_HEADERS[locale][c]), ...EXAMPLES[locale]];

export const templateCsv = (locale: Locale) => tableCsv(table(locale));

export const templateXlsx = (locale: Locale) => tableXlsx(table(locale), locale === 'zh' ? '数据' : 'figures', 22);
