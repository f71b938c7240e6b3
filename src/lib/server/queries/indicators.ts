/** Indicators as choices in a form: every one, by name. */
import { asc } from 'drizzle-orm';
import type { Database } from '../db/open';
import * as s from '../db/schema';

export async function indicatorChoices(db: Database) {
	return db
		.select({ id: s.indicators.id, nameZh: s.indicators.nameZh, nameEn: s.indicators.nameEn, unit: s.indicators.unit })
		.from(s.indicators)
		.orderBy(asc(s.indicators.nameZh), asc(s.indicators.id));
}
