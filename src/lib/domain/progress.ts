/**
 * Gap, pace and status of one target, from its progress series. Pure: the clock comes in as `asOf`.
 *
 * Status follows Statistics Canada's Open SDG progress measure: R = observed annual change / required
 * annual change, both measured from the baseline. Extended to plan targets: linear change for counts,
 * shares and durations (lower is better gives a negative required change, and R keeps its sign
 * meaning), compound change for levels of positive values, the nearest bound for ranges, and met /
 * missed once the deadline has passed. See README.md beside this file.
 */
import type { Comparator, TargetKind } from './plan';
import { isPercentUnit } from './quantity';
import { daysInMonth } from './dates';

/** Open SDG thresholds (Statistics Canada, "Progress measure", open-sdg.org methodology). */
export const ON_TRACK_RATIO = 0.95;
export const ACCELERATION_RATIO = 0.6;

export const PROGRESS_STATUSES = [
	'achieved',
	'on_track',
	'acceleration_needed',
	'limited_progress',
	'deterioration',
	'insufficient_data',
	'met',
	'missed'
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** One point of the quantity the target is judged on, dated at the end of its period. */
export interface ProgressPoint {
	date: string;
	value: number;
}

export interface ProgressTarget {
	comparator: Comparator;
	value: number;
	maxValue: number | null;
	kind: TargetKind;
	deadline: string;
	/**
	 * The target's unit: a percentage moves by points, whatever the kind (see paceModelFor). Every
	 * judge input passes it; left out (in hand-made examples) it counts as not a percentage.
	 */
	unit?: string;
}

export interface TargetProgress {
	status: ProgressStatus;
	latest: ProgressPoint | null;
	baseline: ProgressPoint | null;
	/** The value to reach: the target, or for a range the bound nearest the latest value. */
	aim: number;
	/** How far the latest value is from the aim, in the target's unit; 0 when within it. */
	gap: number | null;
	/** The gap as a % of the distance from baseline to aim. */
	gapShare: number | null;
	/** The required path's value at the latest observation's date. */
	requiredAtLatest: number | null;
	/** Change per year achieved since the baseline, and needed from the latest value to the deadline. */
	achievedPace: number | null;
	requiredPace: number | null;
	/** "compound": paces are annual growth rates (0.14 = 14%); "linear": units per year. */
	paceModel: 'compound' | 'linear';
	/** Open SDG's ratio of observed to required change, when it applies. */
	ratio: number | null;
}

/** How far into its month a date is, with a month's last day counting as 1 (periods end there). */
/** How far through its month an ISO date is, read by position (called for every point of every series judged). */
function monthFraction(date: string): number {
	return Number(date.slice(8, 10)) / daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
}

/** Years between two ISO dates, counted in months so that 2021-12-31 to 2022-12-31 is exactly 1. */
export function yearsBetween(from: string, to: string): number {
	const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
	return (months + monthFraction(to) - monthFraction(from)) / 12;
}
const years = yearsBetween;

/** True when the value satisfies the target. @example satisfies({comparator:'<=', value:3, …}, 2.5) === true */
export function satisfies(target: ProgressTarget, value: number): boolean {
	switch (target.comparator) {
		case '>=':
			return value >= target.value;
		case '<=':
			return value <= target.value;
		case '=':
			// Counts such as "聚焦100家重点企业": equal within rounding of the published figure.
			return Math.abs(value - target.value) <= Math.abs(target.value) * 1e-9 + 1e-9;
		case 'between':
			return value >= target.value && value <= (target.maxValue ?? target.value);
	}
}

/** The number a value is measured against: a range's nearest bound, otherwise the target value. */
export function aimFor(target: ProgressTarget, from: number): number {
	if (target.comparator !== 'between' || target.maxValue === null) return target.value;
	return from > target.maxValue ? target.maxValue : target.value;
}

/**
 * Levels of positive values grow by a rate; counts, shares, durations and anything measured in
 * percent move by amounts (a share of beds from 4% to 10% is +6 points, not +150%).
 * @example paceModelFor('level', 2700, 4000, '亿元') === 'compound'; paceModelFor('level', 4, 10, '%') === 'linear'
 */
export function paceModelFor(kind: TargetKind, baseline: number, aim: number, unit = ''): 'compound' | 'linear' {
	return kind === 'level' && !isPercentUnit(unit) && baseline > 0 && aim > 0 ? 'compound' : 'linear';
}

function pace(model: 'compound' | 'linear', from: number, to: number, span: number): number {
	if (span <= 0) return 0;
	return model === 'compound' ? Math.pow(to / from, 1 / span) - 1 : (to - from) / span;
}

/** The required path's value at a date: from baseline to aim by the deadline. */
export function requiredPathValue(model: 'compound' | 'linear', baseline: ProgressPoint, aim: number, deadline: string, at: string): number {
	const total = years(baseline.date, deadline);
	const share = total <= 0 ? 1 : Math.min(1, Math.max(0, years(baseline.date, at) / total));
	return model === 'compound' ? baseline.value * Math.pow(aim / baseline.value, share) : baseline.value + (aim - baseline.value) * share;
}

/**
 * Which way is better: +1 when higher is better (>=), -1 when lower is better (<=); for = and a
 * range, towards the aim from the baseline. R's sign follows this, not the direction baseline -> aim:
 * a baseline of 5000 already above ">= 4000" that falls to 3500 moved the wrong way (Open SDG:
 * deterioration), though it moved towards 4000.
 * @example improvementSign({comparator:'<=', …}, 34, 25) === -1
 */
export function improvementSign(target: ProgressTarget, baseline: number, aim: number): 1 | -1 {
	if (target.comparator === '>=') return 1;
	if (target.comparator === '<=') return -1;
	return aim >= baseline ? 1 : -1;
}

/** Open SDG's classes for a ratio R of observed to required change. */
export function statusForRatio(ratio: number): ProgressStatus {
	if (ratio >= ON_TRACK_RATIO) return 'on_track';
	if (ratio >= ACCELERATION_RATIO) return 'acceleration_needed';
	if (ratio >= 0) return 'limited_progress';
	return 'deterioration';
}

/**
 * Judges a target from its progress series as of a date.
 * @param baseline the plan's stated or implied baseline; otherwise the series' last point at or before planStart, or its first
 * @example assessProgress({comparator:'>=', value:4000, maxValue:null, kind:'level', deadline:'2024-12-31'},
 *   [{date:'2021-12-31', value:2000}, {date:'2022-12-31', value:2600}], {asOf:'2023-06-30', planStart:'2022-01-01'}).status === 'on_track'
 */
export function assessProgress(
	target: ProgressTarget,
	series: ProgressPoint[],
	options: { asOf: string; planStart: string; baseline?: ProgressPoint | null }
): TargetProgress {
	// Every figure given counts: which ones were known by the as-of date is the caller's choice
	// (by when each was recorded), not the period's end, so an estimate for the current year counts.
	const known = [...series].sort((a, b) => a.date.localeCompare(b.date));
	const latest = known.at(-1) ?? null;
	const baseline =
		options.baseline ?? [...known].reverse().find((p) => p.date <= options.planStart) ?? known[0] ?? null;
	const aim = aimFor(target, latest?.value ?? baseline?.value ?? target.value);
	const model = paceModelFor(target.kind, baseline?.value ?? 0, aim, target.unit);
	const empty: TargetProgress = {
		status: 'insufficient_data',
		latest,
		baseline,
		aim,
		gap: null,
		gapShare: null,
		requiredAtLatest: null,
		achievedPace: null,
		requiredPace: null,
		paceModel: model,
		ratio: null
	};
	if (!latest) return empty;

	const gap = satisfies(target, latest.value) ? 0 : Math.abs(aim - latest.value);
	const distance = baseline ? Math.abs(aim - baseline.value) : 0;
	const result: TargetProgress = {
		...empty,
		gap,
		gapShare: baseline && distance > 0 ? (gap / distance) * 100 : null
	};

	if (options.asOf > target.deadline) {
		// After the deadline only the figure for the deadline counts; a later one does not rescue it.
		// It becomes the figure shown and the gap is measured from it.
		const atDeadline = [...known].reverse().find((p) => p.date <= target.deadline);
		if (!atDeadline) return { ...empty, latest: null, status: 'insufficient_data' };
		const gapAtDeadline = satisfies(target, atDeadline.value) ? 0 : Math.abs(aim - atDeadline.value);
		return {
			...result,
			latest: atDeadline,
			gap: gapAtDeadline,
			gapShare: baseline && distance > 0 ? (gapAtDeadline / distance) * 100 : null,
			status: gapAtDeadline === 0 ? 'met' : 'missed'
		};
	}
	if (satisfies(target, latest.value)) return { ...result, status: 'achieved' };
	if (!baseline || latest.date <= baseline.date) return { ...result, status: 'insufficient_data' };

	const observedSpan = years(baseline.date, latest.date);
	const achievedPace = pace(model, baseline.value, latest.value, observedSpan);
	const requiredPace = pace(model, latest.value, aim, years(latest.date, target.deadline));
	const requiredFromBaseline = pace(model, baseline.value, aim, years(baseline.date, target.deadline));
	const requiredAtLatest = requiredPathValue(model, baseline, aim, target.deadline, latest.date);
	const ratio = requiredFromBaseline === 0 ? null : (achievedPace * improvementSign(target, baseline.value, aim)) / Math.abs(requiredFromBaseline);
	return {
		...result,
		achievedPace,
		requiredPace,
		requiredAtLatest,
		ratio,
		// A baseline already at the aim but a latest value off it: moving away is deterioration.
		status: ratio === null ? 'deterioration' : statusForRatio(ratio)
	};
}
