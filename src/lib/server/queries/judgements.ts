/**
 * Stored judgements (table target_judgements): every target judged once per change of its figures
 * and once per day, shared by every instance on one database, instead of judging every target in
 * each process whenever anything changes.
 *
 * - A write of figures calls refreshJudgements(tx, { indicatorIds }) in its own transaction: exactly
 *   the targets measured on those indicators (or on them as a share's parent) are judged again.
 * - syncJudgements(db), called before pages read judgements, catches up on everything else: targets
 *   never judged, figure versions written by paths that did not refresh (found by a watermark over
 *   observation_versions ids), and the turn of the day (judged again in the background, in batches,
 *   while yesterday's judgements are served).
 * - Processes doing the same catch-up at once split it: each batch's targets are locked while judged,
 *   and a shared refresh takes only the batches no other process holds.
 */
import { asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { storedJudgement, type QuarterVerdict, type StoredJudgement } from '../../domain/judgement';
import { figuresByIndicatorAt, previousQuarterEnd } from '../../domain/history';
import { judgeTargetWithQuarter } from './judge-input';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { newestVersionIds, versionsForJudging } from './observation-reads';
import { readDataVersion } from './data-version';
import { endOfLocalDay, todayIn } from '../../domain/dates';
import { deploymentTimeZone } from '../config';
import { verdictWorsened } from '../../domain/alerts';
import type { VerdictStatus } from '../../domain/verdict';
import { alertVerdictsWorsened } from '../alerts/events';

type Db = Database | Transaction;

/** Targets judged per batch: one upsert statement, and a pause for other requests in between. */
const BATCH = 400;

/** Above this many stale judgements at a turn of the day, pages do not wait: the refresher works in the background. */
const WAIT_LIMIT = 1000;

export interface JudgementScope {
	targetIds?: string[];
	planIds?: string[];
	indicatorIds?: string[];
	/** Judge again even when the figures and the day are unchanged (a target's definition changed). */
	force?: boolean;
	/**
	 * Work other processes may be doing at the same time (the turn of the day, a catch-up, a bulk
	 * load): take only the targets no other holds, and leave the rest to them. A write's own refresh
	 * waits for them instead, so that its new figures are judged before it commits.
	 */
	shared?: boolean;
}

/** The day judgements are for: today in the deployment's zone, so the day turns at local midnight. */
const today = (now: Date) => todayIn(now, deploymentTimeZone());

/** The ids of the targets in a scope, in a stable order. */
async function targetIdsIn(db: Db, scope: JudgementScope): Promise<string[]> {
	const t = s.targets;
	const conditions = [
		scope.targetIds?.length ? inArray(t.id, scope.targetIds) : undefined,
		scope.planIds?.length ? inArray(t.planId, scope.planIds) : undefined,
		scope.indicatorIds?.length ? or(inArray(t.indicatorId, scope.indicatorIds), inArray(t.shareOfIndicatorId, scope.indicatorIds)) : undefined
	].filter((c) => c !== undefined);
	if (conditions.length === 0) return [];
	const rows = await db.select({ id: t.id }).from(t).where(or(...conditions)).orderBy(asc(t.id));
	return rows.map((r) => r.id);
}

/**
 * Judges the targets of a scope as of `now` and stores the judgements; targets whose figures and
 * day are unchanged since their stored judgement are skipped unless `force`. Returns how many were judged.
 */
export async function refreshJudgements(db: Db, scope: JudgementScope, now = new Date()): Promise<number> {
	const ids = await targetIdsIn(db, scope);
	let judged = 0;
	for (let i = 0; i < ids.length; i += BATCH) judged += await judgeBatch(db, ids.slice(i, i + BATCH), now, scope.force ?? false, scope.shared ?? false);
	return judged;
}

async function judgeBatch(db: Db, ids: string[], now: Date, force: boolean, shared: boolean): Promise<number> {
	const day = today(now);
	return db.transaction(async (tx) => {
		// The batch's targets are locked while they are judged. Processes sharing a refresh (several
		// servers, PACER_WORKERS, at the turn of the day) take those no other holds and skip those
		// judged meanwhile; a write's refresh waits for them (see JudgementScope.shared).
		const rows = await tx
			.select({
				target: s.targets,
				planStart: s.plans.effectiveFrom,
				measure: s.indicators.measure,
				frequency: s.indicators.frequency,
				stored: {
					judgedOn: s.targetJudgements.judgedOn,
					inputVersion: s.targetJudgements.inputVersion,
					status: s.targetJudgements.status,
					previousQuarter: sql<QuarterVerdict | null>`${s.targetJudgements.judgement}->'previousQuarter'`
				}
			})
			.from(s.targets)
			.innerJoin(s.plans, eq(s.plans.id, s.targets.planId))
			.innerJoin(s.indicators, eq(s.indicators.id, s.targets.indicatorId))
			.leftJoin(s.targetJudgements, eq(s.targetJudgements.targetId, s.targets.id))
			.where(inArray(s.targets.id, ids))
			.for('no key update', shared ? { of: s.targets, skipLocked: true } : { of: s.targets });
		if (rows.length === 0) return 0;
		const indicatorsOf = (t: typeof s.targets.$inferSelect) => (t.shareOfIndicatorId ? [t.indicatorId, t.shareOfIndicatorId] : [t.indicatorId]);
		const unique = (list: typeof rows) => [...new Set(list.flatMap((r) => indicatorsOf(r.target)))];
		/** A target's input version: the newest figure-version id of its indicators. */
		const inputVersionIn = (versions: Map<string, number>) => (t: typeof s.targets.$inferSelect) => Math.max(0, ...indicatorsOf(t).map((i) => versions.get(i) ?? 0));
		// Targets judged today are stale only if a figure changed since: their inputs' versions decide.
		const judgedToday = force ? [] : rows.filter((r) => r.stored?.judgedOn === day);
		const inputVersionNow = inputVersionIn(await newestVersionIds(tx, unique(judgedToday)));
		const stale = rows.filter((r) => force || r.stored?.judgedOn !== day || r.stored?.inputVersion !== inputVersionNow(r.target));
		if (stale.length === 0) return 0;
		// One read of every version serves both dates judged and the version of the inputs.
		const figures = await versionsForJudging(tx, unique(stale));
		const newest = new Map<string, number>();
		for (const f of figures) if (f.id > (newest.get(f.indicatorId) ?? 0)) newest.set(f.indicatorId, f.id);
		const inputVersion = inputVersionIn(newest);
		const byIndicator = figuresByIndicatorAt(figures, now);
		// The verdict at the last quarter end, from the figures recorded by the end of that day: the
		// "changed since last quarter" marks compare with it.
		const atQuarterEnd = figuresByIndicatorAt(figures, endOfLocalDay(previousQuarterEnd(day), deploymentTimeZone()));
		const values = stale.map(({ target: t, planStart, measure, frequency, stored }) => {
			// When only the day turned, the quarter's verdict stands: no figure changed since it was judged.
			const known = !force && stored?.inputVersion === inputVersion(t) ? (stored.previousQuarter ?? null) : null;
			const result = judgeTargetWithQuarter(t, { measure, frequency }, (id) => byIndicator.get(id) ?? [], (id) => atQuarterEnd.get(id) ?? [], day, planStart, known);
			const recorded = indicatorsOf(t).flatMap((id) => byIndicator.get(id) ?? []).map((o) => o.recordedAt.getTime());
			return {
				targetId: t.id,
				planId: t.planId,
				judgedOn: day,
				inputVersion: inputVersion(t),
				status: result.evaluation.verdict.status,
				basis: result.evaluation.verdict.basis,
				probability: result.evaluation.verdict.probability,
				gapShare: result.evaluation.progress.gapShare,
				lastRecordedAt: recorded.length ? new Date(Math.max(...recorded)) : null,
				judgement: storedJudgement(result, result.previousQuarter),
				judgedAt: now
			};
		});
		const excluded = (column: string) => sql.raw(`excluded.${column}`);
		await tx
			.insert(s.targetJudgements)
			.values(values)
			.onConflictDoUpdate({
				target: s.targetJudgements.targetId,
				set: {
					planId: excluded('plan_id'),
					judgedOn: excluded('judged_on'),
					inputVersion: excluded('input_version'),
					status: excluded('status'),
					basis: excluded('basis'),
					probability: excluded('probability'),
					gapShare: excluded('gap_share'),
					lastRecordedAt: excluded('last_recorded_at'),
					judgement: excluded('judgement'),
					judgedAt: excluded('judged_at'),
					revision: sql`nextval('target_judgement_revision')`
				}
			});
		// Subscribers hear of a verdict that got worse, in the same transaction as the judgement.
		const before = new Map(stale.map((r) => [r.target.id, (r.stored?.status ?? null) as VerdictStatus | null]));
		await alertVerdictsWorsened(
			tx,
			values
				.filter((v) => verdictWorsened(before.get(v.targetId) ?? null, v.status))
				.map((v) => ({ targetId: v.targetId, planId: v.planId, before: before.get(v.targetId)!, after: v.status, basis: v.basis, inputVersion: v.inputVersion, judgedOn: v.judgedOn }))
		);
		return values.length;
	});
}

const synced = new WeakMap<Database, { key: string; running: Promise<void> | null; background: Promise<void> | null }>();

/**
 * Brings the stored judgements up to date before a page reads them (see the module comment). Cheap
 * when nothing changed: one query of three maxima, compared with what this process saw last.
 */
export async function syncJudgements(db: Database, now = new Date()): Promise<void> {
	let state = synced.get(db);
	if (!state) synced.set(db, (state = { key: '', running: null, background: null }));
	// Without the judgements' own revision: refreshing them must not make the next call look again.
	const version = await readDataVersion(db, now);
	const key = `${version.audit}|${version.figures}|${version.targets}|${version.day}`;
	const newestVersion = version.figures;
	if (key === state.key) return;
	if (state.running) return state.running;
	const current = state;
	current.running = (async () => {
		// Targets never judged (new, or the table was just created).
		const missing = await db
			.select({ id: s.targets.id })
			.from(s.targets)
			.leftJoin(s.targetJudgements, eq(s.targetJudgements.targetId, s.targets.id))
			.where(sql`${s.targetJudgements.targetId} is null`);
		if (missing.length) await refreshJudgements(db, { targetIds: missing.map((m) => m.id), shared: true }, now);
		// Figure versions written since the watermark, by whatever path.
		const [mark] = await db.select().from(s.judgementSync).where(eq(s.judgementSync.id, 1));
		if (mark && mark.observedVersion < newestVersion) {
			const changed = await db
				.selectDistinct({ indicatorId: s.observations.indicatorId })
				.from(s.observationVersions)
				.innerJoin(s.observations, eq(s.observations.id, s.observationVersions.observationId))
				.where(sql`${s.observationVersions.id} > ${mark.observedVersion}`);
			if (changed.length) await refreshJudgements(db, { indicatorIds: changed.map((c) => c.indicatorId), shared: true }, now);
		}
		if (!mark || mark.observedVersion < newestVersion) {
			await db
				.insert(s.judgementSync)
				.values({ id: 1, observedVersion: newestVersion })
				.onConflictDoUpdate({ target: s.judgementSync.id, set: { observedVersion: sql`greatest(${s.judgementSync.observedVersion}, ${newestVersion})` } });
		}
		// The turn of the day: judged again in batches; pages wait only when there are few.
		const day = today(now);
		const old = await db.select({ id: s.targetJudgements.targetId }).from(s.targetJudgements).where(lt(s.targetJudgements.judgedOn, day));
		if (old.length > WAIT_LIMIT) {
			current.background ??= refreshJudgements(db, { targetIds: old.map((o) => o.id), shared: true }, now)
				.catch((e) => console.error('judgement refresh failed', e))
				.then(() => {
					current.background = null;
					current.key = '';
				});
			return;
		}
		if (old.length) await refreshJudgements(db, { targetIds: old.map((o) => o.id), shared: true }, now);
		current.key = key;
	})().finally(() => {
		current.running = null;
	});
	return current.running;
}

/** Sets the refresher's watermark to the newest figure version: for loaders that judged everything themselves. */
export async function markJudgementsCurrent(db: Db) {
	await db.execute(sql`insert into judgement_sync (id, observed_version) select 1, coalesce(max(id), 0) from observation_versions
		on conflict (id) do update set observed_version = excluded.observed_version`);
}

/**
 * The progress series and baseline of the given targets' stored judgements: what a sparkline or a
 * comparison draws, without the rest of each judgement (its forecast path is most of its 9 KB).
 */
export async function storedSeries(db: Database, targetIds: string[]) {
	type Evaluation = StoredJudgement['evaluation'];
	if (targetIds.length === 0) return new Map<string, { series: Evaluation['series']; baseline: Evaluation['progress']['baseline'] }>();
	const j = s.targetJudgements;
	const rows = await db
		.select({
			targetId: j.targetId,
			series: sql<Evaluation['series']>`${j.judgement}->'evaluation'->'series'`,
			baseline: sql<Evaluation['progress']['baseline']>`${j.judgement}->'evaluation'->'progress'->'baseline'`
		})
		.from(j)
		.where(inArray(j.targetId, targetIds));
	return new Map(rows.map((r) => [r.targetId, { series: r.series, baseline: r.baseline }]));
}
