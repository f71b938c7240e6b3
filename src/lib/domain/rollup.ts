/**
 * Plan- and section-level summaries of target statuses. The rule: rank statuses from best to
 * worst, leave out targets without enough data, and take the median target; with an even number
 * the worse of the two middle ones (a summary should not flatter). If more than half of the
 * targets lack data, the summary says so instead.
 */
import type { ProgressStatus } from './progress';

/** Best first. Met and achieved rank together, as do missed and deterioration. */
export const STATUS_RANK: Record<ProgressStatus, number> = {
	met: 0,
	achieved: 0,
	on_track: 1,
	acceleration_needed: 2,
	limited_progress: 3,
	deterioration: 4,
	missed: 4,
	insufficient_data: 5
};

export interface StatusSummary {
	status: ProgressStatus;
	counts: Partial<Record<ProgressStatus, number>>;
	total: number;
}

export function summarizeStatuses(statuses: ProgressStatus[]): StatusSummary {
	const counts: Partial<Record<ProgressStatus, number>> = {};
	for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
	const judged = statuses.filter((s) => s !== 'insufficient_data').sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b]);
	const status: ProgressStatus =
		judged.length === 0 || judged.length * 2 < statuses.length ? 'insufficient_data' : judged[Math.floor(judged.length / 2)];
	return { status, counts, total: statuses.length };
}

/**
 * Targets most at risk first: worst status first (missed and deterioration, then limited progress,
 * acceleration needed…), then the lowest probability of meeting the target; targets without data
 * come last, since nothing can be said of them.
 */
export function atRiskFirst<T extends { status: ProgressStatus; probability: number | null }>(targets: T[]): T[] {
	const rank = (t: T) => (t.status === 'insufficient_data' ? -1 : STATUS_RANK[t.status]);
	return [...targets].sort((a, b) => rank(b) - rank(a) || (a.probability ?? 2) - (b.probability ?? 2));
}
