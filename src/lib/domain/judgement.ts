/**
 * A target's judgement as it is stored (table target_judgements) and shown in lists: the latest
 * point with its caveats, and the evaluation with its series cut to the most recent points. Lists,
 * the explorer and the wall screen read it; the target page judges its one target in full.
 */
import type { EvaluationInput, TargetEvaluation } from './evaluate';
import { evaluateTarget } from './evaluate';
import type { ObservationFlag, Provenance } from './plan';
import type { SeriesObservation } from './series';
import type { VerdictBasis, VerdictStatus } from './verdict';

/** Points of the progress series kept in a stored judgement: enough for a sparkline and a small chart. */
export const SERIES_KEPT = 24;

export interface LatestPoint {
	period: string;
	date: string;
	value: number;
	provenance: Provenance;
	partial: boolean;
	flags: ObservationFlag[];
}

export interface StoredJudgement {
	latest: LatestPoint | null;
	evaluation: TargetEvaluation;
	/** How many points the full series had (the stored one may hold fewer). */
	seriesLength: number;
	/** Whether the figure it shows (the judged latest point) is illustrative: see figureIsIllustrative. */
	illustrative: boolean;
	/** The verdict at the last quarter end before the day judged, from the figures recorded by then (null before the plan started). */
	previousQuarter: QuarterVerdict | null;
}

/** A verdict at a quarter end: what the "changed since last quarter" marks compare with. */
export interface QuarterVerdict {
	date: string;
	status: VerdictStatus;
	basis: VerdictBasis;
}

export type JudgedObservation = SeriesObservation & { flags: ObservationFlag[] };

/**
 * Judges one target and picks the point its status rests on (after the deadline, the figure for
 * the deadline), with the caveats of the figures that point was built from.
 * @example judgeTarget({ ...input, observations }).latest?.value
 */
export function judgeTarget(input: EvaluationInput & { observations: JudgedObservation[]; parent?: JudgedObservation[] }): {
	latest: LatestPoint | null;
	evaluation: TargetEvaluation;
} {
	const evaluation = evaluateTarget(input);
	const judged = evaluation.progress.latest;
	const last = judged ? evaluation.series.find((point) => point.date === judged.date && !point.baseline) : undefined;
	const contributing = [...input.observations, ...(input.parent ?? [])];
	return {
		evaluation,
		latest: last
			? {
					period: last.period,
					date: last.date,
					value: last.value,
					provenance: last.provenance,
					partial: last.partial,
					flags: [...new Set(contributing.filter((o) => o.periodEnd <= last.date).flatMap((o) => o.flags))]
				}
			: null
	};
}

/**
 * A card or row is marked illustrative by the figure it shows, not by an earlier point of its series:
 * the published 2024 result of a series whose 2022 point was generated is a published figure.
 * @example figureIsIllustrative({ provenance: 'official', … }) === false
 */
export function figureIsIllustrative(latest: Pick<LatestPoint, 'provenance'> | null): boolean {
	return latest?.provenance === 'illustrative';
}

/**
 * The judgement to store: the series keeps its baseline point and its last SERIES_KEPT points.
 * @example storedJudgement(judgeTarget(input)).evaluation.series.length <= SERIES_KEPT + 1
 */
export function storedJudgement(j: { latest: LatestPoint | null; evaluation: TargetEvaluation }, previousQuarter: QuarterVerdict | null = null): StoredJudgement {
	const series = j.evaluation.series;
	const recent = series.filter((p) => !p.baseline).slice(-SERIES_KEPT);
	const kept = series.filter((p) => p.baseline || recent.includes(p));
	return {
		latest: j.latest,
		evaluation: { ...j.evaluation, series: kept },
		seriesLength: series.length,
		illustrative: figureIsIllustrative(j.latest),
		previousQuarter
	};
}
