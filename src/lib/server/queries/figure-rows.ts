/**
 * Figures as the target and indicator pages list them: the newest version of each with its source,
 * caveats and note, and every version before it (corrections), with who recorded it and, for a
 * figure that came in through a data round, who reported it for which unit.
 */
import { asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { inLocale, type Locale } from '../../domain/plan';
import type { FigureSource, ObservationRow } from '../../domain/figure-row';

export type { FigureSource, ObservationRow } from '../../domain/figure-row';
import { localDay } from '../../domain/dates';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import type { ObservationValue } from './observation-reads';

type IndicatorNames = Map<string, { nameZh: string; nameEn: string; unit: string }>;

/** The sources of these figures by id (a page that lists every source passes its own map instead). */
export async function figureSources(db: Database, figures: { sourceId: string | null }[]): Promise<Map<string, FigureSource>> {
	const ids = [...new Set(figures.map((f) => f.sourceId).filter((id): id is string => id !== null))];
	if (ids.length === 0) return new Map();
	const rows = await db.select().from(s.sources).where(inArray(s.sources.id, ids));
	return new Map(rows.map((x) => [x.id, { title: x.title, publisher: x.publisher, url: x.url, publishedOn: x.publishedOn }]));
}

/** `listed` figures (current versions) as rows with their sources and version histories, in the order given. */
export async function figureRows(
	db: Database,
	listed: ObservationValue[],
	context: { indicators: IndicatorNames; sources: Map<string, FigureSource>; locale: Locale; timeZone: string }
): Promise<ObservationRow[]> {
	const { indicators, sources, locale, timeZone } = context;
	const ids = listed.map((o) => o.observationId);
	// The approved round submission behind a version, if any: its reporter and the unit that was asked.
	const reportedBy = db
		.select({ versionId: s.roundSubmissions.observationVersionId, name: s.users.displayName, unitZh: s.organisations.nameZh, unitEn: s.organisations.nameEn })
		.from(s.roundSubmissions)
		.innerJoin(s.users, eq(s.users.id, s.roundSubmissions.submittedBy))
		.innerJoin(s.roundRequests, eq(s.roundRequests.id, s.roundSubmissions.requestId))
		.innerJoin(s.organisations, eq(s.organisations.id, s.roundRequests.organisationId))
		.where(isNotNull(s.roundSubmissions.observationVersionId))
		.as('reported_by');
	const versions = ids.length
		? await db
				.select({ v: s.observationVersions, author: s.users.displayName, authorIsSystem: s.users.isSystem, reporter: reportedBy.name, reporterUnitZh: reportedBy.unitZh, reporterUnitEn: reportedBy.unitEn })
				.from(s.observationVersions)
				.innerJoin(s.users, eq(s.users.id, s.observationVersions.recordedBy))
				.leftJoin(reportedBy, eq(reportedBy.versionId, s.observationVersions.id))
				.where(inArray(s.observationVersions.observationId, ids))
				.orderBy(asc(s.observationVersions.observationId), asc(s.observationVersions.version))
		: [];
	return listed.map((o) => {
		const indicator = indicators.get(o.indicatorId)!;
		return {
			id: o.observationId,
			indicatorId: o.indicatorId,
			version: o.version,
			indicatorName: inLocale(indicator.nameZh, indicator.nameEn, locale),
			period: o.period,
			periodStart: o.periodStart,
			periodEnd: o.periodEnd,
			basis: o.basis,
			value: o.value,
			unit: indicator.unit,
			provenance: o.provenance,
			flags: o.flags,
			note: o.note,
			sourceId: o.sourceId,
			source: (o.sourceId && sources.get(o.sourceId)) || null,
			history: versions
				.filter((x) => x.v.observationId === o.observationId)
				.reverse()
				.map(({ v, author, authorIsSystem, reporter, reporterUnitZh, reporterUnitEn }) => ({
					version: v.version,
					value: v.value,
					provenance: v.provenance,
					// The day it was recorded where the deployment is, not in UTC.
					recordedAt: localDay(v.recordedAt, timeZone),
					recordedBy: author,
					recordedBySystem: authorIsSystem,
					reason: v.reason,
					note: v.note,
					reportedBy: reporter ? { name: reporter, unit: inLocale(reporterUnitZh ?? '', reporterUnitEn ?? '', locale) } : null
				}))
		};
	});
}
