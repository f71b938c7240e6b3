/** Every target as a row of the explorer, with what its filters, sparkline and comparison need. */
import type { ExploreRow } from '../../domain/explore';
import { progressShare } from '../../domain/explore';
import type { Locale } from '../../domain/plan';
import { aimFor } from '../../domain/progress';
import type { Database } from '../db/open';
import { listPlansWithTargets, type TargetSummary } from './plans';

export interface ExploreTarget extends ExploreRow {
	planTitle: string;
	target: Pick<TargetSummary, 'comparator' | 'value' | 'maxValue' | 'unit' | 'latest'>;
	indicatorName: string;
	spark: { date: string; value: number }[];
	/** Progress as % of the way from baseline to target, per figure: the comparison's scale. */
	shares: { date: string; share: number }[];
}

export async function exploreTargets(db: Database, locale: Locale): Promise<ExploreTarget[]> {
	const plans = await listPlansWithTargets(db, locale);
	// Both languages are searched whatever the reader's language.
	const other = await listPlansWithTargets(db, locale === 'zh' ? 'en' : 'zh');
	const otherTitle = new Map(other.flatMap((p) => p.targets.map((t) => [t.id, `${t.title} ${t.indicatorName}`])));
	return plans.flatMap((plan) =>
		plan.targets.map((t) => {
			const e = t.evaluation;
			const observed = e.series.filter((p) => !p.baseline || e.series.length === 1);
			const baseline = e.progress.baseline;
			const aim = aimFor(t, t.latest?.value ?? t.value);
			return {
				id: t.id,
				planId: plan.id,
				planTitle: plan.title,
				section: t.section,
				title: t.title,
				searchText: `${t.title} ${t.indicatorName} ${t.quote} ${otherTitle.get(t.id) ?? ''}`.toLowerCase(),
				status: e.progress.status,
				provenance: t.latest?.provenance ?? null,
				unit: t.unit,
				deadline: t.deadline,
				probability: e.probability,
				gapShare: e.progress.gapShare,
				target: { comparator: t.comparator, value: t.value, maxValue: t.maxValue, unit: t.unit, latest: t.latest },
				indicatorName: t.indicatorName,
				spark: observed.map(({ date, value }) => ({ date, value })),
				shares: baseline
					? e.series.flatMap((p) => {
							const share = progressShare(baseline.value, aim, p.value);
							return share === null || p.date < baseline.date ? [] : [{ date: p.date, share }];
						})
					: []
			};
		})
	);
}
