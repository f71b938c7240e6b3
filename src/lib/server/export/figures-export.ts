/**
 * A target's table of figures, as shown, for CSV and XLSX downloads. Its headers and cells are the
 * ones an import reads (import-rows.ts), so the file can be edited and imported back.
 */
import { COLUMN_HEADERS, sourceLabel, type ImportColumn } from '../../domain/import-rows';
import type { Locale } from '../../domain/plan';
import type { Database } from '../db/open';
import { targetDetail } from '../queries/target';
import type { Table } from './spreadsheet';

const COLUMNS: ImportColumn[] = ['indicator', 'period', 'basis', 'start', 'end', 'value', 'unit', 'provenance', 'source', 'sourceLink', 'flags', 'version'];

/** null when the target does not exist. */
export async function figuresTable(db: Database, targetId: string, locale: Locale, label: (key: string) => string): Promise<Table | null> {
	const detail = await targetDetail(db, targetId, locale);
	if (!detail) return null;
	return [
		COLUMNS.map((c) => COLUMN_HEADERS[locale][c]),
		...detail.observations.map((o) => [
			o.indicatorName,
			o.period,
			label(`basis.${o.basis}`),
			o.periodStart,
			o.periodEnd,
			o.value,
			o.unit,
			label(`provenance.${o.provenance}`),
			o.source ? sourceLabel(o.source) : '',
			o.source?.url ?? '',
			o.flags.map((f) => label(`flag.${f}`)).join('; '),
			o.version
		])
	];
}
