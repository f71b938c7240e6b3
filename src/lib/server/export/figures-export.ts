/** A target page's table of figures, as shown, for CSV and XLSX downloads. */
import type { Locale } from '../../domain/plan';
import type { Database } from '../db/open';
import { targetDetail } from '../queries/target';
import type { Table } from './spreadsheet';

const HEADERS: Record<Locale, string[]> = {
	zh: ['指标', '时期', '口径', '开始', '结束', '数值', '单位', '数据性质', '来源', '来源链接', '注记', '版本'],
	en: ['indicator', 'period', 'basis', 'start', 'end', 'value', 'unit', 'provenance', 'source', 'source link', 'flags', 'version']
};

/** null when the target does not exist. */
export async function figuresTable(db: Database, targetId: string, locale: Locale, label: (key: string) => string): Promise<Table | null> {
	const detail = await targetDetail(db, targetId, locale);
	if (!detail) return null;
	return [
		HEADERS[locale],
		...detail.observations.map((o) => [
			o.indicatorName,
			o.period,
			label(`basis.${o.basis}`),
			o.periodStart,
			o.periodEnd,
			o.value,
			o.unit,
			label(`provenance.${o.provenance}`),
			o.source ? `${o.source.publisher}: ${o.source.title} (${o.source.publishedOn})` : '',
			o.source?.url ?? '',
			o.flags.map((f) => label(`flag.${f}`)).join('; '),
			o.version
		])
	];
}
