import { describe, expect, it } from 'vitest';
import { judgeTarget, SERIES_KEPT, storedJudgement, type JudgedObservation } from './judgement';

const monthly = (n: number, provenance: JudgedObservation['provenance'] = 'illustrative'): JudgedObservation[] =>
	Array.from({ length: n }, (_, i) => {
		const y = 2010 + Math.floor(i / 12);
		const m = (i % 12) + 1;
		const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
		return { period: `${y}-${String(m).padStart(2, '0')}`, periodStart: `${y}-${String(m).padStart(2, '0')}-01`, periodEnd: end, basis: 'period' as const, value: 100 + i, provenance, flags: i === n - 1 ? ['mirror_site' as const] : [] };
	});

const input = (observations: JudgedObservation[]) => ({
	target: { comparator: '>=' as const, value: 500, maxValue: null, kind: 'level' as const, deadline: '2030-12-31', baseline: null },
	indicator: { measure: 'stock' as const, frequency: 'month' as const },
	observations,
	asOf: '2026-11-23',
	planStart: '2022-01-01'
});

describe('stored judgements', () => {
	it('keeps the newest points of a long series, and says how long it was and whether it was illustrative', () => {
		const judged = judgeTarget(input(monthly(120)));
		const stored = storedJudgement(judged);
		const kept = stored.evaluation.series.filter((p) => !p.baseline);
		expect(kept).toHaveLength(SERIES_KEPT);
		expect(kept.at(-1)).toEqual(judged.evaluation.series.filter((p) => !p.baseline).at(-1));
		expect(stored.seriesLength).toBe(judged.evaluation.series.length);
		expect(stored.illustrative).toBe(true);
		// Everything else is the full judgement: status, probability, forecast.
		expect(stored.evaluation.progress).toEqual(judged.evaluation.progress);
		expect(stored.evaluation.probability).toBe(judged.evaluation.probability);
	});

	it('keeps a short series whole', () => {
		const judged = judgeTarget(input(monthly(10, 'estimate')));
		expect(storedJudgement(judged).evaluation.series).toEqual(judged.evaluation.series);
		expect(storedJudgement(judged).illustrative).toBe(false);
	});

	it('marks a judgement illustrative by the figure it shows, not by an earlier illustrative point', () => {
		const mixed = monthly(12, 'official').map((o, k) => (k < 5 ? { ...o, provenance: 'illustrative' as const } : o));
		const judged = judgeTarget(input(mixed));
		expect(judged.latest?.provenance).toBe('official');
		expect(judged.evaluation.series.some((p) => p.provenance === 'illustrative')).toBe(true);
		expect(storedJudgement(judged).illustrative).toBe(false);
	});

	it('gives the latest point with the caveats of the figures it was built from', () => {
		const { latest } = judgeTarget(input(monthly(30)));
		expect(latest).toMatchObject({ value: 129, provenance: 'illustrative' });
		expect(latest?.flags).toEqual(['mirror_site']);
	});
});
