/**
 * The one way a stored target row becomes the input of the domain's judging (judgeTarget): the
 * stored judgements, a plan judged as of a past date (books), the target page and its status
 * history all go through here, so a field added to the judging (a unit, a kind) is passed once.
 */
import { judgeTarget, type JudgedObservation, type QuarterVerdict } from '../../domain/judgement';
import { previousQuarterEnd } from '../../domain/history';
import type { Frequency, Measure } from '../../domain/plan';
import type * as s from '../db/schema';

type TargetRow = Pick<
	typeof s.targets.$inferSelect,
	'comparator' | 'value' | 'maxValue' | 'kind' | 'deadline' | 'unit' | 'baselineValue' | 'baselineDate' | 'baselineImplied' | 'indicatorId' | 'shareOfIndicatorId'
>;

/** A target's stated or implied baseline, or null. */
export function targetBaseline(t: { baselineValue: number | null; baselineDate: string | null; baselineImplied: boolean }) {
	return t.baselineValue !== null && t.baselineDate !== null ? { value: t.baselineValue, date: t.baselineDate, implied: t.baselineImplied } : null;
}

/**
 * Judges one target row as of a day, from the figures of its indicator (and a share's parent) that
 * `figuresOf` gives: those recorded by the as-of cut-off.
 * @example judgeTargetRow(row, { measure: 'level', frequency: 'year' }, (id) => byIndicator.get(id) ?? [], '2024-12-31', '2022-01-01')
 */
export function judgeTargetRow(
	t: TargetRow,
	indicator: { measure: Measure; frequency: Frequency },
	figuresOf: (indicatorId: string) => JudgedObservation[],
	asOf: string,
	planStart: string
) {
	return judgeTarget({
		target: { comparator: t.comparator, value: t.value, maxValue: t.maxValue, kind: t.kind, deadline: t.deadline, unit: t.unit, baseline: targetBaseline(t) },
		indicator,
		observations: figuresOf(t.indicatorId),
		parent: t.shareOfIndicatorId ? figuresOf(t.shareOfIndicatorId) : undefined,
		asOf,
		planStart
	});
}

/**
 * A target judged as of a day and at the last quarter end before it, from the figures recorded by
 * the end of that quarter end (`quarterFiguresOf`): what stored judgements and books show, the
 * quarter's verdict being what "changed since last quarter" compares with. Null before the plan
 * started. A quarter verdict already judged for the same quarter end can be passed in (`known`):
 * figures recorded since cannot change it.
 */
export function judgeTargetWithQuarter(
	t: TargetRow,
	indicator: { measure: Measure; frequency: Frequency },
	figuresOf: (indicatorId: string) => JudgedObservation[],
	quarterFiguresOf: (indicatorId: string) => JudgedObservation[],
	asOf: string,
	planStart: string,
	known: QuarterVerdict | null = null
) {
	const result = judgeTargetRow(t, indicator, figuresOf, asOf, planStart);
	const quarterEnd = previousQuarterEnd(asOf);
	if (!(planStart < quarterEnd)) return { ...result, previousQuarter: null };
	if (known?.date === quarterEnd) return { ...result, previousQuarter: known };
	const { status, basis } = judgeTargetRow(t, indicator, quarterFiguresOf, quarterEnd, planStart).evaluation.verdict;
	return { ...result, previousQuarter: { date: quarterEnd, status, basis } satisfies QuarterVerdict };
}
