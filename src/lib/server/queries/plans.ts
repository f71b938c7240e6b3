/** Plans with their targets, the clauses the targets quote, and each target's latest figure. */
import { asc, sql } from 'drizzle-orm';
import type { Comparator, DeadlineBasis, Locale, ObservationFlag, Provenance, TargetKind } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { observationsAsOf, type ObservationValue } from './observations';
import { evaluateTarget, type TargetEvaluation } from '../../domain/evaluate';
import { summarizeStatuses, type StatusSummary } from '../../domain/rollup';

export interface TargetSummary {
	id: string;
	title: string;
	quote: string;
	comparator: Comparator;
	value: number;
	maxValue: number | null;
	unit: string;
	kind: TargetKind;
	deadline: string;
	deadlineBasis: DeadlineBasis;
	baseline: { value: number; date: string; implied: boolean } | null;
	indicatorName: string;
	/** The indicator it is measured on, and for a share target the parent series. */
	indicatorId: string;
	shareOfIndicatorId: string | null;
	/** The section the target sits in: the first level of its clause's numbering. */
	section: string;
	clause: { path: string[]; heading: string | null; textZh: string; textEn: string };
	/** The latest point of the target's progress series (a running total for "new since" targets). */
	latest: { period: string; date: string; value: number; provenance: Provenance; partial: boolean; flags: ObservationFlag[] } | null;
	evaluation: TargetEvaluation;
}

export interface SectionSummary {
	section: string;
	summary: StatusSummary;
}

export interface PlanSummary {
	id: string;
	title: string;
	titleZh: string;
	issuer: string;
	documentNumber: string | null;
	issuedOn: string;
	effectiveFrom: string;
	effectiveTo: string | null;
	sourceNote: string;
	targets: TargetSummary[];
	summary: StatusSummary;
	sections: SectionSummary[];
	/** When a figure of the plan's indicators was last recorded. */
	lastUpdate: Date | null;
}

/** Every plan's id and title in the reader's language, oldest first: for choosing plans, without judging them. */
export async function planTitles(db: Database, locale: Locale): Promise<{ id: string; title: string }[]> {
	const rows = await db
		.select({ id: s.plans.id, titleZh: s.plans.titleZh, titleEn: s.plans.titleEn })
		.from(s.plans)
		.orderBy(asc(s.plans.issuedOn));
	return rows.map((p) => ({ id: p.id, title: locale === 'zh' ? p.titleZh : p.titleEn }));
}

/** A target row's baseline as one value, or null when the plan implies none. */
export function targetBaseline(t: { baselineValue: number | null; baselineDate: string | null; baselineImplied: boolean }) {
	return t.baselineValue !== null && t.baselineDate !== null
		? { value: t.baselineValue, date: t.baselineDate, implied: t.baselineImplied }
		: null;
}

/**
 * Judged plans, cached per database: every change of data writes an audit row in its own
 * transaction, so the newest audit id is a version of the data that every instance sees. A cached
 * result is used while that version and the day are unchanged; judging is redone otherwise.
 */
const judged = new WeakMap<Database, Map<string, Promise<PlanSummary[]>>>();

/** The newest audit-log id: it changes with every write, on whichever instance made it. */
export async function dataVersion(db: Database): Promise<number> {
	const [row] = await db.select({ id: sql<number>`coalesce(max(${s.auditLog.id}), 0)` }).from(s.auditLog);
	return Number(row.id);
}

/** Everything the plans page shows, in the reader's language (clause texts come in both), judged today. */
export async function listPlansWithTargets(db: Database, locale: Locale): Promise<PlanSummary[]> {
	const now = new Date();
	const state = `${await dataVersion(db)}|${now.toISOString().slice(0, 10)}`;
	const key = `${locale}|${state}`;
	let cache = judged.get(db);
	if (!cache) judged.set(db, (cache = new Map()));
	let result = cache.get(key);
	if (!result) {
		// Results for older data or another day are of no use any more.
		for (const old of cache.keys()) if (!old.endsWith(`|${state}`)) cache.delete(old);
		result = judgePlans(db, locale, now);
		// A failed judgement is not kept: the next request tries again.
		result.catch(() => cache!.delete(key));
		cache.set(key, result);
	}
	return result;
}

/** The plans judged as of a moment: only figures recorded by then (used for books and as-of views). */
export async function judgePlans(db: Database, locale: Locale, asOf: Date): Promise<PlanSummary[]> {
	const pick = (zh: string, en: string) => (locale === 'zh' ? zh : en);
	const planRows = await db.query.plans.findMany({
		orderBy: asc(s.plans.issuedOn),
		with: {
			targets: {
				orderBy: asc(s.targets.position),
				with: { clause: true, indicator: true }
			}
		}
	});
	const indicatorIds = [
		...new Set(planRows.flatMap((p) => p.targets.flatMap((t) => [t.indicatorId, t.shareOfIndicatorId ?? t.indicatorId])))
	];
	const byIndicator = new Map<string, ObservationValue[]>();
	for (const o of await observationsAsOf(db, indicatorIds, asOf)) {
		byIndicator.set(o.indicatorId, [...(byIndicator.get(o.indicatorId) ?? []), o]);
	}
	const asOfDate = asOf.toISOString().slice(0, 10);
	return planRows.map((p) => {
		const targets = p.targets.map((t): TargetSummary => {
			const observations = byIndicator.get(t.indicatorId) ?? [];
			const baseline = targetBaseline(t);
			const evaluation = evaluateTarget({
				target: { comparator: t.comparator, value: t.value, maxValue: t.maxValue, kind: t.kind, deadline: t.deadline, baseline },
				indicator: { measure: t.indicator.measure, frequency: t.indicator.frequency },
				observations,
				parent: t.shareOfIndicatorId ? (byIndicator.get(t.shareOfIndicatorId) ?? []) : undefined,
				asOf: asOfDate,
				planStart: p.effectiveFrom
			});
			// The point the status was judged on: after the deadline, the figure for the deadline.
			const judged = evaluation.progress.latest;
			const last = judged ? evaluation.series.find((point) => point.date === judged.date && !point.baseline) : undefined;
			const contributing = [...observations, ...(t.shareOfIndicatorId ? (byIndicator.get(t.shareOfIndicatorId) ?? []) : [])];
			return {
				id: t.id,
				title: pick(t.titleZh, t.titleEn),
				quote: t.quote,
				comparator: t.comparator,
				value: t.value,
				maxValue: t.maxValue,
				unit: t.unit,
				kind: t.kind,
				deadline: t.deadline,
				deadlineBasis: t.deadlineBasis,
				baseline,
				indicatorName: pick(t.indicator.nameZh, t.indicator.nameEn),
				indicatorId: t.indicatorId,
				shareOfIndicatorId: t.shareOfIndicatorId,
				section: t.clause.path[0] ?? '',
				clause: {
					path: t.clause.path,
					heading: locale === 'zh' ? t.clause.headingZh : t.clause.headingEn,
					textZh: t.clause.textZh,
					textEn: t.clause.textEn
				},
				latest: last
					? {
							period: last.period,
							date: last.date,
							value: last.value,
							provenance: last.provenance,
							partial: last.partial,
							// Caveats of the figures the point was built from, as of its date.
							flags: [...new Set(contributing.filter((o) => o.periodEnd <= last.date).flatMap((o) => o.flags))]
						}
					: null,
				evaluation
			};
		});
		const sectionNames = [...new Set(targets.map((t) => t.section))];
		const recorded = p.targets
			.flatMap((t) => [...(byIndicator.get(t.indicatorId) ?? []), ...(t.shareOfIndicatorId ? (byIndicator.get(t.shareOfIndicatorId) ?? []) : [])])
			.map((o) => o.recordedAt.getTime());
		return {
			id: p.id,
			title: pick(p.titleZh, p.titleEn),
			titleZh: p.titleZh,
			issuer: pick(p.issuerZh, p.issuerEn),
			documentNumber: p.documentNumber,
			issuedOn: p.issuedOn,
			effectiveFrom: p.effectiveFrom,
			effectiveTo: p.effectiveTo,
			sourceNote: pick(p.sourceNoteZh, p.sourceNoteEn),
			targets,
			summary: summarizeStatuses(targets.map((t) => t.evaluation.progress.status)),
			lastUpdate: recorded.length ? new Date(Math.max(...recorded)) : null,
			sections: sectionNames.map((section) => ({
				section,
				summary: summarizeStatuses(targets.filter((t) => t.section === section).map((t) => t.evaluation.progress.status))
			}))
		};
	});
}
