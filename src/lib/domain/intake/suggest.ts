/**
 * Which existing indicators a proposed target may be measured on: ranked by how alike the names
 * are (shared character pairs, which suits Chinese names without word breaks) and whether the unit
 * is the same. Pure: the caller passes the indicators.
 */

export interface IndicatorChoice {
	id: string;
	nameZh: string;
	nameEn: string;
	unit: string;
}

export interface IndicatorSuggestion extends IndicatorChoice {
	/** 0..1: name likeness, plus a share for the same unit. */
	score: number;
	sameUnit: boolean;
}

/** The character pairs of a name, punctuation and spaces left out. */
function bigrams(name: string): string[] {
	const chars = [...name.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '')];
	if (chars.length < 2) return chars;
	return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/**
 * Dice likeness of two names over character pairs, 0..1.
 * @example nameLikeness('生物医药产业规模', '生物医药产业规模（浦东）') // 0.875
 */
export function nameLikeness(a: string, b: string): number {
	const x = bigrams(a);
	const y = bigrams(b);
	if (x.length === 0 || y.length === 0) return 0;
	const pool = new Map<string, number>();
	for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
	let shared = 0;
	for (const g of x) {
		const left = pool.get(g) ?? 0;
		if (left > 0) {
			shared += 1;
			pool.set(g, left - 1);
		}
	}
	return (2 * shared) / (x.length + y.length);
}

/** Units written differently for the same thing count as the same ("个工作日" is not "工作日": the extractor keeps units as written). */
const sameUnit = (a: string, b: string) => a.trim() === b.trim();

/**
 * Up to `limit` indicators for a proposal, best first: 0.8 × name likeness + 0.2 for the same
 * unit; an indicator sharing no character pair with the name is no suggestion at all.
 * @example suggestIndicators({ indicatorName: '生物医药产业规模', unit: '亿元' }, indicators)[0].id // 'sh.scale'
 */
export function suggestIndicators(
	proposal: { indicatorName: string; unit: string },
	indicators: IndicatorChoice[],
	limit = 5
): IndicatorSuggestion[] {
	return indicators
		.map((indicator) => {
			const likeness = nameLikeness(proposal.indicatorName, indicator.nameZh);
			const unit = sameUnit(proposal.unit, indicator.unit);
			return { ...indicator, sameUnit: unit, likeness, score: 0.8 * likeness + (unit ? 0.2 : 0) };
		})
		.filter((s) => s.likeness > 0)
		.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
		.slice(0, limit)
		.map(({ likeness: _likeness, ...s }) => s);
}
