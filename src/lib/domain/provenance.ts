import type { Provenance } from './plan';

/** From most to least official: a figure derived from several is only as official as the weakest. */
const RANK: Record<Provenance, number> = { official: 0, provisional: 1, estimate: 2, illustrative: 3 };

/**
 * The provenance of a figure computed from others, e.g. a share from its two series.
 * @example weakestProvenance(['official', 'illustrative']) === 'illustrative'
 */
export function weakestProvenance(provenances: Provenance[]): Provenance {
	return provenances.reduce<Provenance>((weakest, p) => (RANK[p] > RANK[weakest] ? p : weakest), 'official');
}

/** True when readers must be told the figure is not a published one. */
export const isIllustrative = (p: Provenance) => p === 'illustrative';
