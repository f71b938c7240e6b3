/** Plans with their targets, the clauses the targets quote, and each target's latest figure. */
import { asc, inArray } from 'drizzle-orm';
import type { Comparator, DeadlineBasis, Locale, ObservationFlag, Provenance, TargetKind } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { observationsAsOf, type ObservationValue } from './observations';
import { weakestProvenance } from '../../domain/provenance';

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
	clause: { path: string[]; heading: string | null; textZh: string; textEn: string };
	latest: { period: string; value: number; unit: string; provenance: Provenance; flags: ObservationFlag[] } | null;
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
}

/** A target row's baseline as one value, or null when the plan implies none. */
export function targetBaseline(t: { baselineValue: number | null; baselineDate: string | null; baselineImplied: boolean }) {
	return t.baselineValue !== null && t.baselineDate !== null
		? { value: t.baselineValue, date: t.baselineDate, implied: t.baselineImplied }
		: null;
}

/** Everything the plans page shows, in the reader's language (clause texts come in both). */
export async function listPlansWithTargets(db: Database, locale: Locale): Promise<PlanSummary[]> {
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
	const units = new Map(
		indicatorIds.length ? (await db.select().from(s.indicators).where(inArray(s.indicators.id, indicatorIds))).map((i) => [i.id, i.unit]) : []
	);
	// Full-period figures only: a year-to-date or since-2019 total is not "the latest value".
	const fullPeriods = new Map<string, ObservationValue[]>();
	for (const o of await observationsAsOf(db, indicatorIds)) {
		if (o.basis === 'year_to_date' || o.basis === 'cumulative') continue;
		fullPeriods.set(o.indicatorId, [...(fullPeriods.get(o.indicatorId) ?? []), o]);
	}
	const latestFor = (t: { indicatorId: string; shareOfIndicatorId: string | null }): TargetSummary['latest'] => {
		const series = fullPeriods.get(t.indicatorId) ?? [];
		if (t.shareOfIndicatorId === null) {
			const o = series.at(-1);
			return o ? { period: o.period, value: o.value, unit: units.get(o.indicatorId) ?? '', provenance: o.provenance, flags: o.flags } : null;
		}
		// A share is computed from the two series where they cover the same period.
		const parent = fullPeriods.get(t.shareOfIndicatorId) ?? [];
		for (const o of [...series].reverse()) {
			const whole = parent.find((p) => p.periodStart === o.periodStart && p.periodEnd === o.periodEnd && p.value !== 0);
			if (whole) {
				return {
					period: o.period,
					value: Math.round((o.value / whole.value) * 1000) / 10,
					unit: '%',
					provenance: weakestProvenance([o.provenance, whole.provenance]),
					flags: [...new Set([...o.flags, ...whole.flags])]
				};
			}
		}
		return null;
	};
	return planRows.map((p) => ({
		id: p.id,
		title: pick(p.titleZh, p.titleEn),
		titleZh: p.titleZh,
		issuer: pick(p.issuerZh, p.issuerEn),
		documentNumber: p.documentNumber,
		issuedOn: p.issuedOn,
		effectiveFrom: p.effectiveFrom,
		effectiveTo: p.effectiveTo,
		sourceNote: pick(p.sourceNoteZh, p.sourceNoteEn),
		targets: p.targets.map((t) => ({
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
			baseline: targetBaseline(t),
			indicatorName: pick(t.indicator.nameZh, t.indicator.nameEn),
			clause: {
				path: t.clause.path,
				heading: locale === 'zh' ? t.clause.headingZh : t.clause.headingEn,
				textZh: t.clause.textZh,
				textEn: t.clause.textEn
			},
			latest: latestFor(t)
		}))
	}));
}
