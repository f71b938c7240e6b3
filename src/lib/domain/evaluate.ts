/**
 * Everything Pacer says about one target as of a date: its progress series, gap and status, the
 * UN and ESCAP readings beside it, and the forecast with the probability of meeting the target.
 */
import { MIN_FORECAST_POINTS, forecastSeries, intervalAt, meanAt, probabilityOfMeeting, type Forecast } from './forecast/forecast';
import type { Frequency, Measure } from './plan';
import { monthEnd } from './dates';
import { assessProgress, type ProgressTarget, type TargetProgress } from './progress';
import { escapAnticipatedProgress, unProgressChart, type MethodAssessment } from './sdg-methods';
import { isRunningTotal, targetVerdict, type Verdict } from './verdict';
import { forecastablePoints, periodsBetween, progressSeries, type SeriesObservation, type SeriesPoint } from './series';

export interface EvaluationInput {
	target: ProgressTarget & { baseline: { value: number; date: string } | null };
	indicator: { measure: Measure; frequency: Frequency };
	observations: SeriesObservation[];
	parent?: SeriesObservation[];
	/** ISO date the status is judged on; the observations must be those known by then. */
	asOf: string;
	planStart: string;
}

export interface DatedForecast {
	method: string;
	weights: Forecast['weights'];
	points: { date: string; mean: number; lower80: number; upper80: number; lower95: number; upper95: number }[];
}

export type ForecastGap = 'deadline_passed' | 'too_short' | 'no_data' | 'one_off';

/** Why a figure on the chart is not a step of the forecast. */
export type LeftOutReason = 'partial' | 'before_gap';

/**
 * Which figures the forecast stepped through and which it left out, so that the page can say
 * "3 figures shown, 2 usable for a forecast: the 2024-H1 figure covers only part of the period".
 */
export interface ForecastFigures {
	/** Figures on the chart (observations and a stated baseline). */
	shown: number;
	/** Figures the forecast was (or would be) made from: full periods, evenly spaced, the latest run. */
	used: number;
	/** The fewest a forecast needs. */
	needed: number;
	leftOut: { period: string; reason: LeftOutReason }[];
}

/** The figures behind a forecast: see ForecastFigures. Period labels are as on the chart ("2024-H1", "baseline"). */
export function forecastFigures(series: SeriesPoint[], frequency: Frequency, used = forecastablePoints(series, frequency)): ForecastFigures {
	// The forecast steps through the latest unbroken run of full periods: part-period figures and
	// those before a missing period are shown on the chart but are not steps.
	const steps = new Set(used);
	const leftOut = series.filter((p) => !steps.has(p)).map((p) => ({ period: p.period, reason: (p.partial ? 'partial' : 'before_gap') as LeftOutReason }));
	return { shown: series.length, used: used.length, needed: MIN_FORECAST_POINTS, leftOut };
}

export interface TargetEvaluation {
	series: SeriesPoint[];
	progress: TargetProgress;
	un: MethodAssessment;
	escap: MethodAssessment;
	forecast: DatedForecast | null;
	/** Why there is no forecast. */
	forecastGap: ForecastGap | null;
	/** The figures the forecast used and those it left out, with why. */
	forecastFigures: ForecastFigures;
	/** Probability (0-1) that the figure at the deadline meets the target, from the forecast distribution. */
	probability: number | null;
	expectedAtDeadline: number | null;
	/** The 80% and 95% intervals at the deadline itself (which may fall inside a period). */
	deadlineIntervals: { '80': { lower: number; upper: number }; '95': { lower: number; upper: number } } | null;
	/** The headline: pace and probability reconciled, with what it rests on (verdict.ts). */
	verdict: Verdict;
}

function addMonths(date: string, months: number): string {
	const [y, m] = date.split('-').map(Number);
	const total = y * 12 + (m - 1) + months;
	const year = Math.floor(total / 12);
	const month = (total % 12) + 1;
	return monthEnd(year, month);
}

const MONTHS: Record<Frequency, number> = { year: 12, half: 6, quarter: 3, month: 1, irregular: 12 };

export function evaluateTarget(input: EvaluationInput): TargetEvaluation {
	const evaluation = evaluateWithoutVerdict(input);
	const verdict = targetVerdict({
		target: input.target,
		measure: input.indicator.measure,
		pace: evaluation.progress.status,
		probability: evaluation.probability,
		series: evaluation.series,
		judgedDate: evaluation.progress.latest?.date ?? null,
		asOf: input.asOf
	});
	return { ...evaluation, verdict };
}

function evaluateWithoutVerdict(input: EvaluationInput): Omit<TargetEvaluation, 'verdict'> {
	const { target, indicator, asOf } = input;
	// The observations given are those known (recorded) by the as-of date; see observationsAsOf.
	const series = progressSeries({ ...input, kind: target.kind, measure: indicator.measure, frequency: indicator.frequency, baseline: target.baseline });
	const baselinePoint = series.find((p) => p.baseline) ?? null;
	const points = series.map(({ date, value }) => ({ date, value }));
	const progress = assessProgress(target, points, { asOf, planStart: input.planStart, baseline: baselinePoint });
	const un = unProgressChart(target, progress.baseline, progress.latest);
	// After the deadline the readings, like the status, look at figures up to the deadline only.
	const judgedUpTo = progress.latest?.date ?? asOf;
	const escap = escapAnticipatedProgress(target, points.filter((p) => p.date <= judgedUpTo), progress.baseline);
	const steps = forecastablePoints(series, indicator.frequency);
	const figures = forecastFigures(series, indicator.frequency, steps);
	const result: Omit<TargetEvaluation, 'verdict'> = { series, progress, un, escap, forecast: null, forecastGap: null, forecastFigures: figures, probability: null, expectedAtDeadline: null, deadlineIntervals: null };

	// A one-off act is done or not: nothing to extrapolate.
	if (target.kind === 'act') return { ...result, forecastGap: 'one_off' };
	const last = steps.at(-1);
	if (!last) return { ...result, forecastGap: 'no_data' };
	if (last.date >= target.deadline || asOf > target.deadline) return { ...result, forecastGap: 'deadline_passed' };
	const toDeadline = periodsBetween(last.date, target.deadline, indicator.frequency);
	const horizon = Math.max(1, Math.ceil(toDeadline - 1e-9));
	const outcome = forecastSeries(
		steps.map((p) => p.value),
		{
			horizon,
			frequency: indicator.frequency,
			// Times, counts and shares cannot fall below zero; nor can a level that has only been positive.
			nonNegative: target.kind !== 'level' || steps.every((p) => p.value > 0),
			// A running total of yearly flows (approvals since 2022) only grows, from its latest figure
			// (a year-to-date total included).
			nonDecreasing: isRunningTotal(target.kind, indicator.measure),
			atLeast: series.at(-1)?.value
		}
	);
	if (!outcome.ok) return { ...result, forecastGap: 'too_short' };
	const f = outcome.forecast;
	return {
		...result,
		forecast: {
			method: f.method,
			weights: f.weights,
			points: f.mean.map((mean, k) => ({
				date: addMonths(last.date, MONTHS[indicator.frequency] * (k + 1)),
				mean,
				lower80: f.intervals['80'].lower[k],
				upper80: f.intervals['80'].upper[k],
				lower95: f.intervals['95'].lower[k],
				upper95: f.intervals['95'].upper[k]
			}))
		},
		probability: probabilityOfMeeting(f, target, toDeadline),
		expectedAtDeadline: meanAt(f, toDeadline),
		deadlineIntervals: { '80': intervalAt(f, toDeadline, 80), '95': intervalAt(f, toDeadline, 95) }
	};
}
