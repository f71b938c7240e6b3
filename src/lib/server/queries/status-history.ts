/**
 * A target's verdict at every quarter end since its plan took effect, each from the figures as they
 * were recorded by the end of that day in the deployment's zone: the strip on the target page that
 * answers "was it on track last quarter?". One read of every version, then judged in memory.
 */
import { eq } from 'drizzle-orm';
import { endOfLocalDay, todayIn } from '../../domain/dates';
import { figuresByIndicatorAt, quarterEnds, type StatusPoint } from '../../domain/history';
import type { VerdictBasis, VerdictStatus } from '../../domain/verdict';
import { deploymentTimeZone } from '../config';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { judgeTargetRow } from './judge-input';
import { versionsForJudging } from './observation-reads';
import { dataVersion } from './data-version';

/** Quarters shown at most: ten years. */
const MAX_QUARTERS = 40;

export type TargetStatusPoint = StatusPoint<VerdictStatus, VerdictBasis>;

/** Histories kept per process: each target page would otherwise judge every quarter end again. */
const MAX_KEPT = 2_000;
const kept = new WeakMap<Database, Map<string, TargetStatusPoint[]>>();

/**
 * The history, kept until the data change (the one data version) or the day turns: past quarter
 * ends are judged again only when a figure version that could change them is written.
 */
export async function statusHistory(db: Database, targetId: string, now = new Date(), timeZone = deploymentTimeZone()): Promise<TargetStatusPoint[]> {
	const key = `${targetId}|${(await dataVersion(db)).key}|${todayIn(now, timeZone)}|${timeZone}`;
	let histories = kept.get(db);
	if (!histories) kept.set(db, (histories = new Map()));
	const hit = histories.get(key);
	if (hit) return hit;
	const history = await judgeHistory(db, targetId, now, timeZone);
	// Oldest first out; a stale version's entries age out the same way.
	if (histories.size >= MAX_KEPT) histories.delete(histories.keys().next().value!);
	histories.set(key, history);
	return history;
}

async function judgeHistory(db: Database, targetId: string, now: Date, timeZone: string): Promise<TargetStatusPoint[]> {
	const [found] = await db
		.select({ target: s.targets, planStart: s.plans.effectiveFrom, measure: s.indicators.measure, frequency: s.indicators.frequency })
		.from(s.targets)
		.innerJoin(s.plans, eq(s.plans.id, s.targets.planId))
		.innerJoin(s.indicators, eq(s.indicators.id, s.targets.indicatorId))
		.where(eq(s.targets.id, targetId));
	if (!found) return [];
	const { target, planStart, measure, frequency } = found;
	const versions = await versionsForJudging(db, target.shareOfIndicatorId ? [target.indicatorId, target.shareOfIndicatorId] : [target.indicatorId]);
	const days = quarterEnds(planStart, todayIn(now, timeZone)).slice(-MAX_QUARTERS);
	return days.map((day) => {
		const figures = figuresByIndicatorAt(versions, endOfLocalDay(day, timeZone));
		const { verdict } = judgeTargetRow(target, { measure, frequency }, (id) => figures.get(id) ?? [], day, planStart).evaluation;
		return { date: day, status: verdict.status, basis: verdict.basis, probability: verdict.probability };
	});
}
