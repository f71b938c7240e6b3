/**
 * Two further published progress methods, shown beside Pacer's status so that a reader can see
 * whether the methods agree. Both are extended like the main status: linear change for counts,
 * shares and durations, compound change for levels of positive values, a range's nearest bound.
 */
import type { ProgressPoint, ProgressStatus, ProgressTarget } from './progress';
import { aimFor, paceModelFor, satisfies, yearsBetween } from './progress';

/**
 * UN Statistics Division, SDG Progress Chart technical note (2022), targets with a numerical value:
 * the value projected to the deadline at the pace observed since the baseline, as a share of the
 * distance from baseline to target. At least 95% on track; 50-95% fair progress, acceleration
 * needed; 0-50% limited progress; below 0 deterioration.
 */
export const UN_ON_TRACK_SHARE = 0.95;
export const UN_FAIR_PROGRESS_SHARE = 0.5;

export interface MethodAssessment {
	status: ProgressStatus;
	/** The value the method expects at the deadline. */
	projected: number | null;
	/** Projected progress as a share of the progress needed (UN), or the anticipated gap as a share of it (ESCAP). */
	share: number | null;
}

const none: MethodAssessment = { status: 'insufficient_data', projected: null, share: null };

export function unProgressChart(target: ProgressTarget, baseline: ProgressPoint | null, latest: ProgressPoint | null): MethodAssessment {
	if (!baseline || !latest || latest.date <= baseline.date) return latest && satisfies(target, latest.value) ? { ...none, status: 'achieved' } : none;
	if (satisfies(target, latest.value)) return { status: 'achieved', projected: latest.value, share: 1 };
	const aim = aimFor(target, latest.value);
	const model = paceModelFor(target.kind, baseline.value, aim, target.unit);
	const observed = yearsBetween(baseline.date, latest.date);
	const remaining = Math.max(0, yearsBetween(latest.date, target.deadline));
	const projected =
		model === 'compound'
			? latest.value * Math.pow(latest.value / baseline.value, remaining / observed)
			: latest.value + ((latest.value - baseline.value) / observed) * remaining;
	const needed = aim - baseline.value;
	if (needed === 0) return { status: 'deterioration', projected, share: null };
	const share = (projected - baseline.value) / needed;
	const status: ProgressStatus =
		share >= UN_ON_TRACK_SHARE ? 'on_track' : share >= UN_FAIR_PROGRESS_SHARE ? 'acceleration_needed' : share >= 0 ? 'limited_progress' : 'deterioration';
	return { status, projected, share };
}

/**
 * ESCAP's Anticipated Progress Index: a time-weighted regression through the figures since the
 * baseline, recent years weighing more, extrapolated to the deadline. ESCAP's three readings:
 * the target will be met (maintain progress: on track), progress too slow (accelerate), or the
 * indicator moves away from the target (reverse the trend: deterioration). The weight of a point
 * is 1 / (1 + its age in years before the latest figure): Pacer's choice of recency weighting.
 */
export function escapAnticipatedProgress(target: ProgressTarget, points: ProgressPoint[], baseline: ProgressPoint | null): MethodAssessment {
	const latest = points.at(-1);
	if (!baseline || !latest) return none;
	if (satisfies(target, latest.value)) return { status: 'achieved', projected: latest.value, share: 0 };
	const used = [baseline, ...points.filter((p) => p.date > baseline.date)];
	if (used.length < 2) return none;
	const aim = aimFor(target, latest.value);
	const compound = paceModelFor(target.kind, baseline.value, aim, target.unit) === 'compound' && used.every((p) => p.value > 0);
	const t = used.map((p) => yearsBetween(baseline.date, p.date));
	const y = used.map((p) => (compound ? Math.log(p.value) : p.value));
	const w = t.map((ti) => 1 / (1 + (t[t.length - 1] - ti)));
	const sw = w.reduce((a, b) => a + b, 0);
	const tm = w.reduce((a, wi, i) => a + wi * t[i], 0) / sw;
	const ym = w.reduce((a, wi, i) => a + wi * y[i], 0) / sw;
	const sxx = w.reduce((a, wi, i) => a + wi * (t[i] - tm) ** 2, 0);
	const slope = sxx === 0 ? 0 : w.reduce((a, wi, i) => a + wi * (t[i] - tm) * (y[i] - ym), 0) / sxx;
	const atDeadline = ym + slope * (yearsBetween(baseline.date, target.deadline) - tm);
	const projected = compound ? Math.exp(atDeadline) : atDeadline;
	const needed = aim - baseline.value;
	const gapShare = needed === 0 ? null : (aim - projected) / needed;
	if (satisfies(target, projected)) return { status: 'on_track', projected, share: 0 };
	const movingAway = needed === 0 || (projected - baseline.value) / needed < 0;
	return { status: movingAway ? 'deterioration' : 'acceleration_needed', projected, share: gapShare };
}
