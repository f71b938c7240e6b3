/**
 * What pages, the wall and books show about plans and targets: the shapes of judged plans, defined
 * here so that components read them without importing server code (queries/plans.ts fills them).
 */
import type { TargetEvaluation } from './evaluate';
import type { QuarterVerdict } from './judgement';
import type { Comparator, DeadlineBasis, ObservationFlag, Provenance, TargetKind } from './plan';
import type { StatusSummary } from './rollup';
import type { VerdictBasis, VerdictStatus } from './verdict';

export interface TargetSummary {
	id: string;
	planId: string;
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
	/** The verdict at the last quarter end before the day judged (null before the plan started): "changed since last quarter". */
	previousQuarter: QuarterVerdict | null;
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

export interface RiskyTarget {
	id: string;
	title: string;
	status: VerdictStatus;
	basis: VerdictBasis;
	probability: number | null;
}

export interface PlanOverview extends PlanSummary {
	/** All the plan's targets; `targets` holds only the first TARGETS_PER_PLAN. */
	targetCount: number;
	atRisk: RiskyTarget[];
}

export interface OverviewPage {
	/** Every plan's targets together; null as of a past date (only the page's plans are judged then). */
	totals: StatusSummary | null;
	planCount: number;
	targetCount: number;
	page: number;
	pages: number;
	plans: PlanOverview[];
}
