/** The explorer's table, as shown (same filters and order), for CSV and XLSX downloads. */
import { filterRows, readFilters, sortRows } from '../../domain/explore';
import { EXPLORE_EXPORT_HEADERS } from '../../domain/import-rows';
import type { Locale } from '../../domain/plan';
import { formatTargetValue } from '../../domain/quantity';
import type { Database } from '../db/open';
import { exploreTargets } from '../queries/explore';
import type { Table } from './spreadsheet';

export async function exploreTable(db: Database, locale: Locale, params: URLSearchParams, label: (key: string) => string): Promise<Table> {
	const all = await exploreTargets(db, locale);
	const filters = readFilters(params);
	const rows = sortRows(filterRows(all, filters), filters.sort, filters.desc);
	return [
		EXPLORE_EXPORT_HEADERS[locale],
		...rows.map((r) => [
			r.id,
			r.title,
			r.planTitle,
			r.section,
			label(`status.${r.status}`),
			label(`verdict.basis.${r.basis}`),
			r.target.latest ? Math.round(r.target.latest.value * 100) / 100 : '',
			r.unit,
			r.target.latest ? label(`provenance.${r.target.latest.provenance}`) : '',
			formatTargetValue(r.target, locale),
			r.deadline,
			r.probability === null ? '' : (r.probability * 100).toFixed(0) + '%'
		])
	];
}
