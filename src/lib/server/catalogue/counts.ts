/**
 * How much of what Pacer shows rests on published figures: indicators with at least one published
 * (non-illustrative) figure, figures by provenance, and stored verdicts by their basis. For the
 * README and the closing notes of catalogue work (scripts/catalogue-counts.ts).
 */
import { count } from 'drizzle-orm';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { observationsAsOf } from '../queries/observation-reads';

export interface CatalogueCounts {
	indicators: number;
	/** Indicators some target is measured on (or takes a share of). */
	targetIndicators: number;
	indicatorsWithPublished: number;
	targetIndicatorsWithPublished: number;
	/** Current figures (newest versions) by provenance: published is every one but illustrative. */
	figures: { published: number; illustrative: number; byProvenance: Record<string, number> };
	/** Stored verdicts by what they rest on (published, estimated, illustrative). */
	verdicts: { total: number; byBasis: Record<string, number> };
	/**
	 * The figures inside the verdicts' series (baselines left out): a verdict rests on published
	 * figures only when every one is, but each published point replaces an illustrative one.
	 */
	seriesPoints: { published: number; illustrative: number; targetsWithPublished: number };
}

const tally = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});

export async function catalogueCounts(db: Database): Promise<CatalogueCounts> {
	const indicators = await db.select({ id: s.indicators.id }).from(s.indicators);
	const targets = await db.select({ indicatorId: s.targets.indicatorId, shareOf: s.targets.shareOfIndicatorId }).from(s.targets);
	const onTargets = new Set(targets.flatMap((t) => [t.indicatorId, ...(t.shareOf ? [t.shareOf] : [])]));
	const current = await observationsAsOf(db, indicators.map((i) => i.id));
	const published = current.filter((o) => o.provenance !== 'illustrative');
	const withPublished = new Set(published.map((o) => o.indicatorId));
	const judged = await db.select({ basis: s.targetJudgements.basis, judgement: s.targetJudgements.judgement }).from(s.targetJudgements);
	const points = judged.map((j) => j.judgement.evaluation.series.filter((p) => !p.baseline));
	const [{ n: targetCount }] = await db.select({ n: count() }).from(s.targets);
	return {
		indicators: indicators.length,
		targetIndicators: onTargets.size,
		indicatorsWithPublished: withPublished.size,
		targetIndicatorsWithPublished: [...onTargets].filter((id) => withPublished.has(id)).length,
		figures: { published: published.length, illustrative: current.length - published.length, byProvenance: tally(current.map((o) => o.provenance)) },
		verdicts: { total: Number(targetCount), byBasis: tally(judged.map((j) => j.basis)) },
		seriesPoints: {
			published: points.flat().filter((p) => p.provenance !== 'illustrative').length,
			illustrative: points.flat().filter((p) => p.provenance === 'illustrative').length,
			targetsWithPublished: points.filter((series) => series.some((p) => p.provenance !== 'illustrative')).length
		}
	};
}
