/**
 * Where a period sits on a chart's time axis. Figures are dated at the end of their period
 * (2020's output at 2020-12-31), and a calendar time axis puts that date on the "2021" tick. Here
 * the axis counts periods instead: the end of period k is at position k, so 2020's figure sits on
 * the tick labelled "2020", 2024-H1 on "2024-H1". Any other date (a required path's month, a
 * half-year point on an annual chart) sits in proportion between the ticks, so every mark of a
 * chart moves the same way and a deadline of 2024-12-31 is on "2024".
 */
import { daysInMonth } from '../domain/dates';

/** Months per period of a chart's axis: a year, a half-year, a quarter or a month. */
export type PeriodStep = 12 | 6 | 3 | 1;

const DAY = 86_400_000;

/** Months since year 0 at a date's start, with the day as a fraction of its month. */
function monthsAt(date: string): number {
	const [y, m, d] = date.slice(0, 10).split('-').map(Number);
	const days = daysInMonth(y, m);
	return y * 12 + (m - 1) + (d - 1) / days;
}

/**
 * The axis position of a date: period ends are whole numbers, counted from year 0.
 * @example periodPosition('2020-12-31', 12) // 2020
 * @example periodPosition('2020-06-30', 6) // 4040, labelled "2020-H1"
 */
export function periodPosition(date: string, step: PeriodStep): number {
	const next = new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
	return monthsAt(next) / step - 1;
}

/**
 * The label of a whole position, in the catalogue's own period notation.
 * @example periodLabel(4041, 6) // "2020-H2"
 */
export function periodLabel(position: number, step: PeriodStep): string {
	const k = Math.round(position);
	const perYear = 12 / step;
	const year = Math.floor(k / perYear);
	const index = k - year * perYear + 1;
	if (step === 12) return String(year);
	if (step === 6) return `${year}-H${index}`;
	if (step === 3) return `${year}-Q${index}`;
	return `${year}-${String(index).padStart(2, '0')}`;
}

const PERIOD_PATTERNS: [RegExp, PeriodStep][] = [
	[/^\d{4}-\d{2}$/, 1],
	[/^\d{4}-Q[1-4]$/, 3],
	[/^\d{4}-H[12]$/, 6]
];

/**
 * A chart's step: the finest period among its full figures, by their labels ("2024-Q1") or, for
 * running totals labelled otherwise, by the months between consecutive figures; a year if unsure.
 * Partial figures (a year to date) do not make an annual chart half-yearly.
 * @example chartStep([{ date: '2024-03-31', period: '2024-Q1' }]) // 3
 */
export function chartStep(points: { date: string; period?: string; partial?: boolean; baseline?: boolean }[]): PeriodStep {
	const full = points.filter((p) => !p.partial && !p.baseline);
	let step: PeriodStep = 12;
	for (const p of full) {
		const match = PERIOD_PATTERNS.find(([pattern]) => pattern.test(p.period ?? ''));
		if (match && match[1] < step) step = match[1];
	}
	const dates = full.map((p) => p.date).sort();
	for (let i = 1; i < dates.length; i++) {
		const gap = Math.round(monthsAt(dates[i]) - monthsAt(dates[i - 1]));
		const fits = ([1, 3, 6, 12] as const).filter((s) => s <= gap && gap % s === 0).at(-1);
		if (fits && fits < step) step = fits;
	}
	return step;
}

/** Tick spacings, in periods, that keep ticks on year starts once they are coarser than a period. */
const INTERVALS: Record<PeriodStep, number[]> = {
	12: [1, 2, 5, 10, 20, 50],
	6: [1, 2, 4, 6, 10, 20],
	3: [1, 2, 4, 8, 12, 20, 40],
	1: [1, 2, 3, 6, 12, 24, 60]
};

/**
 * An ECharts value axis over period positions: whole ticks only, each labelled with its period,
 * spaced so there are at most `maxTicks` gaps, and the tooltip's heading written the same way.
 * @example periodAxis([2020, 2026], 12).interval // 1, ticks 2020..2026
 */
export function periodAxis(positions: number[], step: PeriodStep, maxTicks = 8) {
	const finite = positions.filter(Number.isFinite);
	const lo = finite.length ? Math.min(...finite) : 0;
	const hi = finite.length ? Math.max(...finite) : 1;
	const span = Math.max(1, Math.ceil(hi) - Math.floor(lo));
	const interval = INTERVALS[step].find((i) => span / i <= maxTicks) ?? INTERVALS[step].at(-1)!;
	let min = Math.floor(lo / interval) * interval;
	let max = Math.ceil(hi / interval) * interval;
	if (max === min) {
		min -= interval;
		max += interval;
	}
	const label = (value: number) => (Math.abs(value - Math.round(value)) < 1e-6 ? periodLabel(value, step) : '');
	return {
		type: 'value' as const,
		min,
		max,
		interval,
		axisLabel: { formatter: label, hideOverlap: true },
		// The tooltip's heading: the period a whole position stands for, or the date in between.
		axisPointer: { label: { formatter: ({ value }: { value: unknown }) => label(Number(value)) || positionDate(Number(value), step) } }
	};
}

/** The date at a position: the inverse of periodPosition, for headings between ticks. */
export function positionDate(position: number, step: PeriodStep): string {
	const months = (position + 1) * step;
	const y = Math.floor(months / 12);
	const m = Math.floor(months - y * 12);
	const days = daysInMonth(y, m + 1);
	const d = Math.round((months - y * 12 - m) * days);
	return new Date(Date.UTC(y, m, 1) + (d - 1) * DAY).toISOString().slice(0, 10);
}
