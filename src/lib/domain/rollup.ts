/**
 * Plan- and section-level summaries of target verdicts. The rule: rank verdicts from best to
 * worst, leave out targets without enough data, and take the median target; with an even number
 * the worse of the two middle ones (a summary should not flatter). If more than half of the
 * targets lack data, the summary says so instead. Each class also counts how many of its verdicts
 * rest only on illustrative figures, so a roll-up can say "13 missed, 11 of them on illustrative data only".
 */
import type { VerdictBasis, VerdictStatus } from './verdict';

/** Best first. Met, achieved and done rank together, as do missed, overdue and deterioration. */
export const STATUS_RANK: Record<VerdictStatus, number> = {
	met: 0,
	achieved: 0,
	done: 0,
	on_track: 1,
	achieved_may_slip: 1,
	behind_forecast_meets: 2,
	on_pace_forecast_short: 2,
	acceleration_needed: 2,
	not_done: 2,
	limited_progress: 3,
	deterioration: 4,
	missed: 4,
	overdue: 4,
	insufficient_data: 5
};

export interface StatusSummary {
	status: VerdictStatus;
	counts: Partial<Record<VerdictStatus, number>>;
	/** Of each class, how many verdicts rest only on illustrative figures. */
	illustrative: Partial<Record<VerdictStatus, number>>;
	total: number;
}

/** A verdict to count: its status, and what it rests on when known. */
export type Counted = VerdictStatus | { status: VerdictStatus; basis: VerdictBasis };

/** @example summarizeStatuses([{ status: 'missed', basis: 'illustrative' }, 'missed']).illustrative.missed === 1 */
export function summarizeStatuses(verdicts: Counted[]): StatusSummary {
	const counts: Partial<Record<VerdictStatus, number>> = {};
	const illustrative: Partial<Record<VerdictStatus, number>> = {};
	const statuses = verdicts.map((v) => (typeof v === 'string' ? v : v.status));
	for (const v of verdicts) {
		const s = typeof v === 'string' ? v : v.status;
		counts[s] = (counts[s] ?? 0) + 1;
		if (typeof v !== 'string' && v.basis === 'illustrative') illustrative[s] = (illustrative[s] ?? 0) + 1;
	}
	const judged = statuses.filter((s) => s !== 'insufficient_data').sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b]);
	const status: VerdictStatus =
		judged.length === 0 || judged.length * 2 < statuses.length ? 'insufficient_data' : judged[Math.floor(judged.length / 2)];
	return { status, counts, illustrative, total: statuses.length };
}

/**
 * Targets most at risk first: worst verdict first (missed and deterioration, then limited progress,
 * acceleration needed…), then the lowest probability of meeting the target; targets without data
 * come last, since nothing can be said of them.
 */
export function atRiskFirst<T extends { status: VerdictStatus; probability: number | null }>(targets: T[]): T[] {
	const rank = (t: T) => (t.status === 'insufficient_data' ? -1 : STATUS_RANK[t.status]);
	return [...targets].sort((a, b) => rank(b) - rank(a) || (a.probability ?? 2) - (b.probability ?? 2));
}
