/** The import template: the columns with a header row in the reader's language and example rows. */
import type { Locale } from '../../domain/plan';
import { tableCsv, tableXlsx } from '../export/spreadsheet';

const HEADERS: Record<Locale, string[]> = {
	zh: ['指标', '时期', '口径', '数值', '数据性质', '来源', '备注', '原因'],
	en: ['indicator', 'period', 'basis', 'value', 'provenance', 'source', 'note', 'reason']
};

const EXAMPLES = [
	['pd.scale', '2025', 'period', '4400', 'estimate', '', '区政府预计数', ''],
	['sh.ethics-total-time', '2025', 'period', '3.6', 'official', 'people-2025-07-28', '', '按通报更正']
];

export const templateCsv = (locale: Locale) => tableCsv([HEADERS[locale], ...EXAMPLES]);

export const templateXlsx = (locale: Locale) => tableXlsx([HEADERS[locale], ...EXAMPLES], locale === 'zh' ? '数据' : 'figures', 22);
