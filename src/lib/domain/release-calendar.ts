/**
 * The release calendar of an indicator (Open SDG's "next release"): when its next figure is due,
 * from its frequency, the period of its newest real figure and the publication lag its sources
 * showed in the past. The overdue rule itself is `indicatorDue` (tasks.ts); this module only
 * supplies the lag it counts with, so the overdue list, target pages and indicator pages agree.
 */
import type { Frequency, Provenance } from './plan';
import { indicatorDue, nextPeriodEnd, PUBLICATION_LAG_DAYS, type IndicatorDue } from './tasks';

const DAY_MS = 86_400_000;

/** Fewer past releases than this say too little about a habit: the usual lag of the frequency is used. */
export const MIN_OBSERVED_RELEASES = 2;

/** One past figure and the day its source came out, as precise as the source is ("2025", "2025-07", "2025-07-28"). */
export interface Release {
	periodEnd: string;
	publishedOn: string;
	provenance: Provenance;
}

export interface PublicationLag {
	days: number;
	/** 'observed': the median of `releases` past figures; 'usual': the frequency's default (too few dated releases). */
	basis: 'observed' | 'usual';
	releases: number;
}

/** The last day a publication date can mean: a month-precise date counts as the month's end; a bare year says nothing. */
function latestDay(publishedOn: string): string | null {
	if (/^\d{4}-\d{2}-\d{2}$/.test(publishedOn)) return publishedOn;
	const month = /^(\d{4})-(\d{2})$/.exec(publishedOn);
	if (!month) return null;
	return new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).toISOString().slice(0, 10);
}

/**
 * How long after a period ends this indicator's figures usually come out: the median, in whole days
 * (rounded up), over its real figures whose source is dated to the month or day and came out after
 * the period ended. A source older than its period (a plan, a forecast) or dated only by year is no
 * evidence of a release; illustrative figures were never released at all.
 * @example publicationLag('year', [{ periodEnd: '2023-12-31', publishedOn: '2024-05-22', provenance: 'official' },
 *   { periodEnd: '2024-12-31', publishedOn: '2025-04-10', provenance: 'official' }]) // { days: 122, basis: 'observed', releases: 2 }
 */
export function publicationLag(frequency: Exclude<Frequency, 'irregular'>, releases: Release[]): PublicationLag {
	const lags = releases
		.filter((r) => r.provenance !== 'illustrative')
		.map((r) => {
			const day = latestDay(r.publishedOn);
			return day ? Math.round((Date.parse(day) - Date.parse(r.periodEnd)) / DAY_MS) : null;
		})
		.filter((d): d is number => d !== null && d > 0)
		.sort((a, b) => a - b);
	if (lags.length < MIN_OBSERVED_RELEASES) return { days: PUBLICATION_LAG_DAYS[frequency], basis: 'usual', releases: lags.length };
	const mid = lags.length / 2;
	const median = lags.length % 2 ? lags[Math.floor(mid)] : (lags[mid - 1] + lags[mid]) / 2;
	return { days: Math.ceil(median), basis: 'observed', releases: lags.length };
}

export interface ReleaseCalendar extends IndicatorDue {
	/** The lag counted with; null for irregular indicators, which have no calendar. */
	lag: PublicationLag | null;
	/** The end of the period whose figure is expected next; null when none is expected. */
	nextPeriodEnd: string | null;
}

/**
 * When the next figure is due and whether it is overdue, counting the indicator's own publication lag.
 * @example releaseCalendar({ frequency: 'year', newestPeriodEnd: '2024-12-31', since: '2022-01-01', asOf: new Date('2026-06-01'),
 *   releases: [2023-12-31 published 2024-05-22, 2024-12-31 published 2025-04-10] })
 *   // { expectedBy: '2026-05-02', overdue: true, nextPeriodEnd: '2025-12-31', lag: { days: 122, basis: 'observed', releases: 2 }, … }
 */
export function releaseCalendar(input: Omit<Parameters<typeof indicatorDue>[0], 'lagDays'> & { releases: Release[] }): ReleaseCalendar {
	const { releases, ...rest } = input;
	if (input.frequency === 'irregular') return { ...indicatorDue(rest), lag: null, nextPeriodEnd: null };
	const lag = publicationLag(input.frequency, releases);
	const due = indicatorDue({ ...rest, lagDays: lag.days });
	const next = due.expectedBy === null ? null : input.newestPeriodEnd ? nextPeriodEnd(input.newestPeriodEnd, input.frequency) : subtractDays(due.expectedBy, lag.days);
	return { ...due, lag, nextPeriodEnd: next };
}

function subtractDays(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}
