/**
 * A target's verdict over time: "was it on track last quarter?". Each quarter end since the plan
 * took effect is judged again from the figures as they were recorded by the end of that day (a
 * later correction does not rewrite what Pacer said then). Pure: the versions and the dates come in.
 */

/** The quarter ends (03-31, 06-30, 09-30, 12-31) after `from` and up to `to`, oldest first. @example quarterEnds('2024-08-01', '2025-04-02') -> ['2024-09-30', '2024-12-31', '2025-03-31'] */
export function quarterEnds(from: string, to: string): string[] {
	const ends: string[] = [];
	const [y0] = from.split('-').map(Number);
	const [y1] = to.split('-').map(Number);
	for (let y = y0; y <= y1; y++) {
		for (const md of ['03-31', '06-30', '09-30', '12-31']) {
			const day = `${y}-${md}`;
			if (day > from && day <= to) ends.push(day);
		}
	}
	return ends;
}

/** The last quarter end strictly before `day`. @example previousQuarterEnd('2025-04-02') === '2025-03-31'; previousQuarterEnd('2025-03-31') === '2024-12-31' */
export function previousQuarterEnd(day: string): string {
	const [y] = day.split('-').map(Number);
	const candidates = [`${y - 1}-12-31`, `${y}-03-31`, `${y}-06-30`, `${y}-09-30`];
	return candidates.filter((c) => c < day).at(-1)!;
}

/** One version of one figure, as stored: the figure's identity and what was recorded when. */
export interface RecordedVersion {
	observationId: number;
	version: number;
	value: number | null;
	recordedAt: Date;
}

/**
 * The figures as they stood at `cutoff`: each observation's newest version recorded by then,
 * leaving out those not yet recorded or withdrawn (value null).
 * @example figuresAt(versions, new Date('2024-12-31T15:59:59.999Z'))
 */
export function figuresAt<T extends RecordedVersion>(versions: T[], cutoff: Date): (T & { value: number })[] {
	const newest = new Map<number, T>();
	const limit = cutoff.getTime();
	for (const v of versions) {
		const at = v.recordedAt.getTime();
		if (at > limit) continue;
		const kept = newest.get(v.observationId);
		if (!kept || at > kept.recordedAt.getTime() || (at === kept.recordedAt.getTime() && v.version > kept.version)) newest.set(v.observationId, v);
	}
	return [...newest.values()].filter((v): v is T & { value: number } => v.value !== null);
}

/** Period order, the order a series is built in: by end, then by start (plain comparison: judging sorts millions). */
export function byPeriod(a: { periodEnd: string; periodStart: string }, b: { periodEnd: string; periodStart: string }): number {
	if (a.periodEnd !== b.periodEnd) return a.periodEnd < b.periodEnd ? -1 : 1;
	return a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0;
}

/**
 * The figures as they stood at `cutoff`, by indicator, each indicator's in period order: what
 * judging a batch of targets as of a moment reads, from one read of every version.
 */
export function figuresByIndicatorAt<T extends RecordedVersion & { indicatorId: string; periodEnd: string; periodStart: string }>(versions: T[], cutoff: Date): Map<string, (T & { value: number })[]> {
	const byIndicator = new Map<string, (T & { value: number })[]>();
	for (const f of figuresAt(versions, cutoff)) {
		let list = byIndicator.get(f.indicatorId);
		if (!list) byIndicator.set(f.indicatorId, (list = []));
		list.push(f);
	}
	for (const list of byIndicator.values()) list.sort(byPeriod);
	return byIndicator;
}

/** A verdict at one date, as the strip on the target page shows it. */
export interface StatusPoint<S extends string = string, B extends string = string> {
	date: string;
	status: S;
	basis: B;
	probability: number | null;
}

/**
 * Whether the verdict differs from the one at the previous quarter end: the mark on lists, the wall
 * and the book's summary. A verdict first judged this quarter (no earlier point) is not "changed".
 * @example changedSince({ status: 'on_track', basis: 'published' }, { status: 'acceleration_needed', basis: 'published' }) === true
 */
export function changedSince(previous: { status: string } | null | undefined, current: { status: string }): boolean {
	return previous !== null && previous !== undefined && previous.status !== current.status;
}
