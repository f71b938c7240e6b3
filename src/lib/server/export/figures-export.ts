/**
 * A target's or an indicator's table of figures, as shown, for CSV and XLSX downloads. Its headers
 * and cells are the ones an import reads (import-rows.ts), so the file can be edited and imported back.
 */
import { COLUMN_HEADERS, sourceLabel, type ImportColumn } from '../../domain/import-rows';
import type { Locale } from '../../domain/plan';
import type { Database } from '../db/open';
import type { ObservationRow } from '../queries/figure-rows';
import { indicatorFigures } from '../queries/indicators';
import { targetDetail } from '../queries/target';
import type { Table } from './spreadsheet';

const COLUMNS: ImportColumn[] = ['indicator', 'period', 'basis', 'start', 'end', 'value', 'unit', 'provenance', 'source', 'sourceLink', 'flags', 'version'];

/** Figure rows in the import's columns and words. */
function figureTable(observations: ObservationRow[], locale: Locale, label: (key: string) => string): Table {
	return [
		COLUMNS.map((c) => COLUMN_HEADERS[locale][c]),
		...observations.map((o) => [
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

/** null when the target does not exist. */
export async function figuresTable(db: Database, targetId: string, locale: Locale, label: (key: string) => string): Promise<Table | null> {
	const detail = await targetDetail(db, targetId, locale);
	return detail ? figureTable(detail.observations, locale, label) : null;
}

/** An indicator's figures; null when it is not shown (missing, or only drafts use it). */
export async function indicatorFiguresTable(db: Database, indicatorId: string, locale: Locale, label: (key: string) => string): Promise<Table | null> {
	const found = await indicatorFigures(db, indicatorId, locale);
	return found ? figureTable(found.observations, locale, label) : null;
}

/**
 * An indicator and its figures as JSON, in codes rather than words (provenance "official", flags by
 * name), each figure with its source and every version: for other systems, not for import.
 */
export async function indicatorFiguresJson(db: Database, indicatorId: string, locale: Locale) {
	const found = await indicatorFigures(db, indicatorId, locale);
	if (!found) return null;
	const i = found.indicator;
	return {
		indicator: {
			id: i.id,
			name: { zh: i.nameZh, en: i.nameEn },
			unit: i.unit,
			frequency: i.frequency,
			measure: i.measure,
			direction: i.direction,
			area: { zh: i.areaZh, en: i.areaEn },
			definition: { zh: i.definitionZh, en: i.definitionEn }
		},
		figures: found.observations.map((o) => ({
			period: o.period,
			periodStart: o.periodStart,
			periodEnd: o.periodEnd,
			basis: o.basis,
			value: o.value,
			unit: o.unit,
			provenance: o.provenance,
			flags: o.flags,
			note: o.note,
			source: o.source,
			version: o.version,
			versions: o.history.map((v) => ({ version: v.version, value: v.value, provenance: v.provenance, recordedOn: v.recordedAt, recordedBy: v.recordedBy, reason: v.reason, note: v.note }))
		}))
	};
}
