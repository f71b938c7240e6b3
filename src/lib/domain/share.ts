/**
 * Shares of a whole ("全国占比20%"): which series a share target's verdict uses, and which stand beside it.
 *
 * The verdict divides the target's own indicator by the whole the plan names, period by period
 * (series.ts), both of the plan's scope: Pudong's domestic Class 1 drugs over the country's domestic
 * Class 1 drugs, never over the NMPA's count with foreign applicants (a larger whole, which would make
 * the share look smaller). Officials also state shares themselves ("占全国17.5%"); such a statement is
 * kept as its own series, with its source, and shown beside the verdict but not used by it: its base
 * and span are seldom given (Shanghai's 7 drugs as 17.5% of the country's imply 40, where the NMPA
 * counted 48), so it cannot be checked against the two series or continued period by period.
 */
import type { ObservationBasis, ObservationFlag, Provenance } from './plan';

/** A figure of an indicator beside the target's: another scope, or officials' stated share. */
export interface BesideFigure {
	period: string;
	basis: ObservationBasis;
	value: number;
	provenance: Provenance;
	flags: ObservationFlag[];
	note: string | null;
	source: { title: string; publisher: string; url: string; publishedOn: string } | null;
}

/** An indicator beside the target's with its current figures, newest first. */
export interface BesideIndicator {
	id: string;
	name: string;
	unit: string;
	/** The plan indicator it sits beside. */
	contextOf: string;
	figures: BesideFigure[];
}

/** An indicator as the share rule reads it: what it sits beside, and the whole of a stated share. */
export interface ShareIndicator {
	id: string;
	contextOf: string | null;
	shareIn: string | null;
}

/**
 * The stated shares beside a share target: indicators stating the share of its indicator in its whole.
 * @example statedShareIndicators({ indicatorId: 'pd.class1-drugs', shareOfIndicatorId: 'cn.class1-drugs' }, [{ id: 'pd.class1-drugs-share-stated', contextOf: 'pd.class1-drugs', shareIn: 'cn.class1-drugs' }]) → that one
 */
export function statedShareIndicators<T extends ShareIndicator>(target: { indicatorId: string; shareOfIndicatorId: string | null }, indicators: T[]): T[] {
	if (target.shareOfIndicatorId === null) return [];
	return indicators.filter((i) => i.contextOf === target.indicatorId && i.shareIn === target.shareOfIndicatorId);
}

/**
 * Indicators of another scope beside a target's (and its whole's), and those beside them in turn
 * (Shanghai's devices of every class beside Shanghai's class-3 devices beside Pudong's): shown,
 * never counted. Stated shares of the target's own share are left to statedShareIndicators.
 * @example contextIndicators({ indicatorId: 'pd.class1-drugs', shareOfIndicatorId: 'cn.class1-drugs' }, [{ id: 'cn.class1-drugs-all', contextOf: 'cn.class1-drugs', shareIn: null }]) → that one
 */
export function contextIndicators<T extends ShareIndicator>(target: { indicatorId: string; shareOfIndicatorId: string | null }, indicators: T[]): T[] {
	const reached = new Set([target.indicatorId, ...(target.shareOfIndicatorId ? [target.shareOfIndicatorId] : [])]);
	const found: T[] = [];
	for (let next = indicators.filter((i) => i.contextOf !== null && reached.has(i.contextOf) && !reached.has(i.id)); next.length > 0; ) {
		for (const i of next) reached.add(i.id);
		found.push(...next);
		next = indicators.filter((i) => i.contextOf !== null && reached.has(i.contextOf) && !reached.has(i.id));
	}
	const stated = new Set(statedShareIndicators(target, indicators).map((i) => i.id));
	return found.filter((i) => !stated.has(i.id));
}
