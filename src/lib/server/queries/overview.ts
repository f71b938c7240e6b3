/**
 * The home page: a summary of every plan (status counts from the stored judgements), then a page of
 * plans with their first targets in full. As of a past date, the page's plans are judged from the
 * figures recorded by then (cached per data version), since stored judgements describe today.
 */
import { PLANS_PER_PAGE, TARGETS_PER_PLAN, pageCount, readPage } from '../../domain/overview';
import type { Locale } from '../../domain/plan';
import { needsAttention, type VerdictBasis, type VerdictStatus } from '../../domain/verdict';
import { atRiskFirst, summarizeStatuses, type StatusSummary } from '../../domain/rollup';
import type { Database } from '../db/open';
import { syncJudgements } from './judgements';
import { judgePlans, planRows, planSummary, storedTargets, type PlanSummary, type TargetSummary } from './plans';
import { targetIndex, type IndexedTarget } from './target-index';
import { endOfLocalDay } from '../../domain/dates';
import { deploymentTimeZone } from '../config';
import { dataVersion } from './data-version';
import type { OverviewPage, PlanOverview, RiskyTarget } from '../../domain/summary';
import { revisionsAsOf } from '../plans/as-of';

export type { OverviewPage, PlanOverview, RiskyTarget } from '../../domain/summary';




const AT_RISK = 5;

/** The plan's targets most at risk: missed or at-risk verdicts only (verdict.ts), never an "on track" one. */
const risky = <T extends { status: VerdictStatus; probability: number | null }>(targets: T[]) =>
	atRiskFirst(targets.filter((x) => needsAttention(x.status))).slice(0, AT_RISK);

/** Today's overview, from the stored judgements. */
export async function overviewPage(db: Database, locale: Locale, pageParam: string | null): Promise<OverviewPage> {
	await syncJudgements(db);
	const index = await targetIndex(db);
	const plans = await planRows(db);
	const pages = pageCount(plans.length, PLANS_PER_PAGE);
	const page = readPage(pageParam, pages);
	const shown = plans.slice((page - 1) * PLANS_PER_PAGE, page * PLANS_PER_PAGE);
	const indexed = (planId: string) => index.byPlan.get(planId) ?? [];
	const firstIds = shown.flatMap((p) => indexed(p.id).slice(0, TARGETS_PER_PLAN).map((t) => t.id));
	const targets = (await storedTargets(db, locale, { targetIds: firstIds }, { series: false })).map(listed);
	return {
		totals: totalsOf(index.targets),
		planCount: plans.length,
		targetCount: index.targets.length,
		page,
		pages,
		plans: shown.map((p) => {
			const all = indexed(p.id);
			const base = planSummary(p, targets.filter((t) => t.planId === p.id), locale, newest(all));
			const sections = [...new Set(all.map((t) => t.section))];
			return {
				...base,
				summary: summarizeStatuses(all),
				sections: sections.map((section) => ({ section, summary: summarizeStatuses(all.filter((t) => t.section === section)) })),
				targetCount: all.length,
				atRisk: risky(all).map((t) => ({ id: t.id, title: t.title[locale], status: t.status, basis: t.basis, probability: t.probability }))
			};
		})
	};
}

const totalsKept = new WeakMap<IndexedTarget[], StatusSummary>();

/** The counts over every target: the same for every page of one index, so counted once per index. */
function totalsOf(targets: IndexedTarget[]): StatusSummary {
	let totals = totalsKept.get(targets);
	if (!totals) totalsKept.set(targets, (totals = summarizeStatuses(targets)));
	return totals;
}

/** A target as the overview lists it: the judgement without the series and forecast path (only its target page draws them). */
function listed(t: TargetSummary): TargetSummary {
	const e = t.evaluation;
	return { ...t, evaluation: { ...e, series: [], forecast: e.forecast && { ...e.forecast, points: [] } } };
}

function newest(targets: IndexedTarget[]): Date | null {
	const time = targets.reduce((max, t) => Math.max(max, t.lastRecordedAt?.getTime() ?? -Infinity), -Infinity);
	return Number.isFinite(time) ? new Date(time) : null;
}

/** Past overviews: the same page and data version give the same result, so a few are kept. */
const pastPages = new Map<string, Promise<OverviewPage>>();
const PAST_KEPT = 20;

/** The overview as of the end of a past day (in the deployment's zone): the page's plans judged from the figures recorded by then. */
export async function overviewPageAsOf(db: Database, locale: Locale, asOf: string, pageParam: string | null): Promise<OverviewPage> {
	const cutoff = endOfLocalDay(asOf, deploymentTimeZone());
	// Only the plans published by then, each as it stood (judgePlans reads the revision standing at the cutoff).
	const current = await planRows(db);
	const standing = await revisionsAsOf(db, current.map((p) => p.id), cutoff);
	const plans = current.filter((p) => standing.get(p.id) !== null);
	const pages = pageCount(plans.length, PLANS_PER_PAGE);
	const page = readPage(pageParam, pages);
	await syncJudgements(db);
	const targetCount = (await targetIndex(db)).targets.length;
	const key = `${(await dataVersion(db)).key}|${locale}|${asOf}|${page}`;
	let result = pastPages.get(key);
	if (!result) {
		const shown = plans.slice((page - 1) * PLANS_PER_PAGE, page * PLANS_PER_PAGE).map((p) => p.id);
		result = judgePlans(db, locale, cutoff, shown).then((judged) => ({
			totals: null,
			planCount: plans.length,
			targetCount: targetCount,
			page,
			pages,
			plans: judged.map((p) => ({
				...p,
				targets: p.targets.slice(0, TARGETS_PER_PLAN).map(listed),
				targetCount: p.targets.length,
				atRisk: risky(p.targets.map((t) => ({ id: t.id, title: t.title, status: t.evaluation.verdict.status, basis: t.evaluation.verdict.basis, probability: t.evaluation.verdict.probability })))
			}))
		}));
		result.catch(() => pastPages.delete(key));
		pastPages.set(key, result);
		while (pastPages.size > PAST_KEPT) pastPages.delete(pastPages.keys().next().value!);
	}
	return result;
}
