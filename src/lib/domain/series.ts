/**
 * The progress series of a target: the quantity its number counts, built from the indicator's
 * observations. A level target reads the values; "new since baseline" adds up yearly flows after
 * the baseline (or subtracts the baseline from a stock); a share divides by the parent series for
 * the same period. Year-to-date and half-year figures extend a running total as partial points;
 * for a level of a flow (a year's output) they are not comparable and are left out.
 */
import type { Frequency, Measure, ObservationBasis, Provenance, TargetKind } from './plan';
import { weakestProvenance } from './provenance';
import { addDays, daysInMonth } from './dates';

export interface SeriesObservation {
	period: string;
	periodStart: string;
	periodEnd: string;
	basis: ObservationBasis;
	value: number;
	provenance: Provenance;
}

export interface SeriesPoint {
	/** The period end the value stands at. */
	date: string;
	value: number;
	provenance: Provenance;
	/** The period label(s) it was computed from, e.g. "2022" or "2024-H1". */
	period: string;
	/** A year-to-date or part-period figure: shown and judged, but not a step of the forecast. */
	partial: boolean;
	/** The plan's baseline (an implied zero, or a stated figure), not an observation. */
	baseline: boolean;
}

export interface ProgressSeriesInput {
	kind: TargetKind;
	measure: Measure;
	frequency: Frequency;
	baseline: { value: number; date: string } | null;
	observations: SeriesObservation[];
	/** The parent series of a share target. */
	parent?: SeriesObservation[];
}

const MONTHS_PER_STEP: Record<Frequency, number> = { year: 12, half: 6, quarter: 3, month: 1, irregular: 12 };

/** Whole months from the start of one month to the end of another: 2024-01-01..2024-12-31 is 12. */
function monthsSpanned(start: string, end: string): number {
	// Read by position, not split: judging 20,000 monthly series calls this millions of times.
	return (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + (Number(end.slice(5, 7)) - Number(start.slice(5, 7))) + 1;
}

const dayAfter = (date: string) => addDays(date, 1);

/** A figure covering exactly one period of the indicator's frequency (or a stock at a period end). */
export function isFullPeriod(o: SeriesObservation, frequency: Frequency): boolean {
	if (o.basis === 'point') return true;
	if (o.basis !== 'period') return false;
	const lastDay = daysInMonth(Number(o.periodEnd.slice(0, 4)), Number(o.periodEnd.slice(5, 7)));
	return o.periodStart.endsWith('-01') && Number(o.periodEnd.slice(8)) === lastDay && monthsSpanned(o.periodStart, o.periodEnd) === MONTHS_PER_STEP[frequency];
}

const byEnd = (a: { periodEnd: string }, b: { periodEnd: string }) => a.periodEnd.localeCompare(b.periodEnd);

function point(date: string, value: number, provenance: Provenance, period: string, partial = false, baseline = false): SeriesPoint {
	return { date, value, provenance, period, partial, baseline };
}

/** Running total of flows after the baseline date, with a partial point for a year-to-date figure beyond the last full period. */
function accumulated(input: ProgressSeriesInput, start: { value: number; date: string }): SeriesPoint[] {
	const points: SeriesPoint[] = [point(start.date, start.value, 'official', 'baseline', false, true)];
	const full = input.observations.filter((o) => o.periodStart > start.date && isFullPeriod(o, input.frequency)).sort(byEnd);
	let total = start.value;
	let provenances: Provenance[] = [];
	let reached = start.date;
	for (const o of full) {
		// A missing period breaks the running total: later sums would be too low.
		if (o.periodStart !== dayAfter(reached)) break;
		total += o.value;
		provenances = [...provenances, o.provenance];
		reached = o.periodEnd;
		points.push(point(o.periodEnd, total, weakestProvenance(provenances), o.period));
	}
	const partial = input.observations
		.filter((o) => !isFullPeriod(o, input.frequency) && o.basis !== 'cumulative' && o.periodStart === dayAfter(reached) && o.periodEnd > reached)
		.sort(byEnd)
		.at(-1);
	if (partial) points.push(point(partial.periodEnd, total + partial.value, weakestProvenance([...provenances, partial.provenance]), partial.period, true));
	// A running total published from the day after the baseline ("2022年以来累计") is the answer itself.
	for (const o of input.observations) {
		if (o.basis === 'cumulative' && o.periodStart === dayAfter(start.date) && o.periodEnd > (points.at(-1)?.date ?? '')) {
			points.push(point(o.periodEnd, start.value + o.value, o.provenance, o.period, true));
		}
	}
	return points;
}

export function progressSeries(input: ProgressSeriesInput): SeriesPoint[] {
	const full = input.observations.filter((o) => isFullPeriod(o, input.frequency)).sort(byEnd);
	const asLevels = (offset: number) => full.map((o) => point(o.periodEnd, o.value - offset, o.provenance, o.period));
	switch (input.kind) {
		case 'level':
		case 'act':
		case 'duration':
			return asLevels(0);
		case 'share': {
			const parent = input.parent ?? [];
			return full.flatMap((o) => {
				const whole = parent.find((p) => p.periodStart === o.periodStart && p.periodEnd === o.periodEnd && p.value !== 0);
				return whole ? [point(o.periodEnd, (o.value / whole.value) * 100, weakestProvenance([o.provenance, whole.provenance]), o.period)] : [];
			});
		}
		case 'cumulative':
			if (input.measure === 'stock') return asLevels(0);
			return accumulated(input, input.baseline ?? { value: 0, date: full[0] ? dayBefore(full[0].periodStart) : '1900-01-01' });
		case 'new_since_baseline': {
			if (input.measure === 'stock') {
				if (!input.baseline) return [];
				const base = input.baseline;
				return [point(base.date, 0, 'official', 'baseline', false, true), ...asLevels(base.value).filter((p) => p.date > base.date)];
			}
			const base = input.baseline ? { value: 0, date: input.baseline.date } : null;
			return base ? accumulated(input, base) : [];
		}
	}
}

const dayBefore = (date: string) => addDays(date, -1);

/**
 * The points a forecast can step through: full periods only, equally spaced, the last unbroken run.
 * A baseline point counts when it falls on a period end.
 */
export function forecastablePoints(points: SeriesPoint[], frequency: Frequency): SeriesPoint[] {
	const steps = points.filter((p) => !p.partial);
	const step = MONTHS_PER_STEP[frequency];
	let start = steps.length - 1;
	while (start > 0 && monthsSpanned(steps[start - 1].date, steps[start].date) - 1 === step) start--;
	return steps.slice(Math.max(start, 0));
}

/** Periods (of the frequency) from one date to another, fractional inside a period. */
export function periodsBetween(from: string, to: string, frequency: Frequency): number {
	const [y1, m1, d1] = from.split('-').map(Number);
	const [y2, m2, d2] = to.split('-').map(Number);
	const months = (y2 - y1) * 12 + (m2 - m1) + d2 / daysInMonth(y2, m2) - d1 / daysInMonth(y1, m1);
	return months / MONTHS_PER_STEP[frequency];
}
