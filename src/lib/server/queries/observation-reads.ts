/**
 * Reading figures: the newest version of each observation as of a moment, every version, and the
 * recent changes. Versions are never updated in place (see observations.ts, which writes them).
 */
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { ObservationFlag, Provenance } from '../../domain/plan';
import type { Database, Transaction } from '../db/open';
import { rowsOf } from '../db/rows';
import * as s from '../db/schema';

export interface ObservationValue {
	observationId: number;
	indicatorId: string;
	period: string;
	periodStart: string;
	periodEnd: string;
	basis: (typeof s.observationBasis.enumValues)[number];
	version: number;
	value: number;
	provenance: Provenance;
	sourceId: string | null;
	flags: ObservationFlag[];
	note: string | null;
	recordedAt: Date;
	recordedBy: string;
}

const v = s.observationVersions;
const o = s.observations;
/** One version of one figure with the figure's identity: what latestVersions reads. */
const versionColumns = {
	observationId: v.observationId,
	indicatorId: o.indicatorId,
	period: o.period,
	periodStart: o.periodStart,
	periodEnd: o.periodEnd,
	basis: o.basis,
	version: v.version,
	value: v.value,
	provenance: v.provenance,
	sourceId: v.sourceId,
	flags: v.flags,
	note: v.note,
	recordedAt: v.recordedAt,
	recordedBy: v.recordedBy
};

/** The newest version of every observation of the indicators recorded by `asOf`, withdrawn ones (value null) included. */
export async function latestVersions(db: Database, indicatorIds: string[], asOf: Date = new Date()) {
	if (indicatorIds.length === 0) return [];
	const rows = await db
		.selectDistinctOn([v.observationId], versionColumns)
		.from(v)
		.innerJoin(o, eq(o.id, v.observationId))
		.where(and(inArray(o.indicatorId, indicatorIds), lte(v.recordedAt, asOf)))
		.orderBy(v.observationId, desc(v.recordedAt), desc(v.version));
	return rows.map((r) => ({ ...r, flags: r.flags as ObservationFlag[] }));
}

/** One version of a figure with only what judging reads: no source, note or recorder. */
export interface JudgingVersion {
	/** The version's row id: the newest id of an indicator's figures is the version of a judgement's inputs. */
	id: number;
	observationId: number;
	version: number;
	indicatorId: string;
	period: string;
	periodStart: string;
	periodEnd: string;
	basis: ObservationValue['basis'];
	value: number | null;
	provenance: Provenance;
	flags: ObservationFlag[];
	recordedAt: Date;
}

/**
 * `from … where …` of every version (x) of the indicators' figures (o), reached through each figure by
 * a lateral join (`offset 0` keeps the planner from flattening it): for a few hundred indicators the
 * plain join was planned as a hash of the whole versions table.
 */
const versionsThroughFigures = (indicatorIds: string[]) => sql`
		from ${o} o
		cross join lateral (select * from ${v} y where y.observation_id = o.id offset 0) x
		where o.indicator_id in (${sql.join(indicatorIds.map((id) => sql`${id}`), sql`, `)})`;

/** The newest version id of each indicator's figures: the version of a judgement's inputs. */
export async function newestVersionIds(db: Database | Transaction, indicatorIds: string[]): Promise<Map<string, number>> {
	if (indicatorIds.length === 0) return new Map();
	const result = await db.execute(sql`select o.indicator_id as "indicatorId", max(x.id) as "version" ${versionsThroughFigures(indicatorIds)} group by o.indicator_id`);
	return new Map(rowsOf<{ indicatorId: string; version: number }>(result).map((r) => [r.indicatorId, Number(r.version)]));
}

type PackedVersion = [number, number, number, string, string, string, ObservationValue['basis'], number | null, Provenance, ObservationFlag[], string];

/**
 * Every version of the indicators' figures, with what judging reads (a batch of 400 scale targets
 * reads 100,000): once for all the dates judged (figuresByIndicatorAt picks each date's). Packed
 * into one JSON array per indicator, which costs the server a little and this process a third of
 * parsing as many rows.
 */
export async function versionsForJudging(db: Database | Transaction, indicatorIds: string[]): Promise<JudgingVersion[]> {
	if (indicatorIds.length === 0) return [];
	const result = await db.execute(sql`
		select o.indicator_id as "indicatorId",
			json_agg(json_build_array(x.id, x.observation_id, x.version, o.period, o.period_start, o.period_end, o.basis, x.value, x.provenance, x.flags, x.recorded_at))::text as "versions"
		${versionsThroughFigures(indicatorIds)}
		group by o.indicator_id`);
	const versions: JudgingVersion[] = [];
	for (const row of rowsOf<{ indicatorId: string; versions: string }>(result)) {
		for (const [id, observationId, version, period, periodStart, periodEnd, basis, value, provenance, flags, recordedAt] of JSON.parse(row.versions) as PackedVersion[]) {
			versions.push({ id, observationId, version, indicatorId: row.indicatorId, period, periodStart, periodEnd, basis, value, provenance, flags, recordedAt: new Date(recordedAt) });
		}
	}
	return versions;
}

/**
 * The value of every observation of the indicators, as it stood at `asOf` (default: now).
 * Observations withdrawn by then (latest version null) and ones not yet recorded are left out.
 */
export async function observationsAsOf(db: Database, indicatorIds: string[], asOf: Date = new Date()): Promise<ObservationValue[]> {
	return (await latestVersions(db, indicatorIds, asOf))
		.filter((r): r is typeof r & { value: number } => r.value !== null)
		.sort((a, b) => a.indicatorId.localeCompare(b.indicatorId) || a.periodEnd.localeCompare(b.periodEnd) || a.periodStart.localeCompare(b.periodStart));
}

/** Every version of one observation, newest first: the history shown beside a value. */
export function observationHistory(db: Database, observationId: number) {
	return db
		.select()
		.from(s.observationVersions)
		.where(eq(s.observationVersions.observationId, observationId))
		.orderBy(desc(s.observationVersions.version));
}

export interface RecentVersion {
	id: number;
	observationId: number;
	indicatorId: string;
	indicatorNameZh: string;
	indicatorNameEn: string;
	unit: string;
	period: string;
	version: number;
	value: number | null;
	/** The value of the version it replaced; null for a first version or a withdrawn predecessor. */
	previousValue: number | null;
	provenance: Provenance;
	recordedAt: Date;
}

/** The newest versions recorded for the indicators, newest first: what changed lately (the wall screen's last page). */
export async function recentVersions(db: Database, indicatorIds: string[], limit: number): Promise<RecentVersion[]> {
	if (indicatorIds.length === 0) return [];
	const rows = await db
		.select({
			id: v.id,
			observationId: v.observationId,
			indicatorId: o.indicatorId,
			indicatorNameZh: s.indicators.nameZh,
			indicatorNameEn: s.indicators.nameEn,
			unit: s.indicators.unit,
			period: o.period,
			version: v.version,
			value: v.value,
			previousValue: sql<number | null>`(select p.value from ${v} p where p.observation_id = ${v.observationId} and p.version = ${v.version} - 1)`,
			provenance: v.provenance,
			recordedAt: v.recordedAt
		})
		.from(v)
		.innerJoin(o, eq(o.id, v.observationId))
		.innerJoin(s.indicators, eq(s.indicators.id, o.indicatorId))
		.where(inArray(o.indicatorId, indicatorIds))
		.orderBy(desc(v.recordedAt), desc(v.id))
		.limit(limit);
	return rows.map((r) => ({ ...r, previousValue: r.previousValue === null ? null : Number(r.previousValue) }));
}
