import { describe, expect, it } from 'vitest';
import { publicationLag, releaseCalendar, type Release } from './release-calendar';

const at = (day: string) => new Date(`${day}T00:00:00Z`);
const official = (periodEnd: string, publishedOn: string): Release => ({ periodEnd, publishedOn, provenance: 'official' });

// pd.scale (浦东生物医药产业规模) as the catalogue holds it: each figure with the day its source came out.
const pudongScale: Release[] = [
	official('2020-12-31', '2025-07-28'), // a 2025 article looking back: 1670 days
	official('2021-12-31', '2022-01-26'), // 26
	official('2022-12-31', '2023-10-10'), // 283
	official('2023-12-31', '2024-05-22'), // 143
	official('2024-06-30', '2024-09-04'), // 66 (half-year figure)
	official('2024-12-31', '2025-04-10'), // 100
	{ periodEnd: '2025-12-31', publishedOn: '2026-01-21', provenance: 'estimate' } // 21
];

describe('publicationLag', () => {
	it('is the median of the observed lags, so one retrospective article does not move it', () => {
		expect(publicationLag('year', pudongScale)).toEqual({ days: 100, basis: 'observed', releases: 7 });
	});

	it.each([
		['an even count: the mean of the middle two, rounded up', [official('2023-12-31', '2024-05-22'), official('2024-12-31', '2025-04-10')], 122, 'observed'],
		['a month-precise date counts as the month end', [official('2024-03-31', '2024-05'), official('2024-06-30', '2024-08')], 62, 'observed'],
		['a year-only date is no evidence', [official('2023-12-31', '2024'), official('2024-12-31', '2025')], 120, 'usual'],
		['a source older than its period (a plan, a forecast) is no release', [official('2025-12-31', '2024-01-01'), official('2024-12-31', '2025-04-10')], 120, 'usual'],
		['one release is too few', [official('2024-12-31', '2025-02-01')], 120, 'usual'],
		['illustrative figures were never released', [{ periodEnd: '2023-12-31', publishedOn: '2024-01-10', provenance: 'illustrative' as const }, { periodEnd: '2024-12-31', publishedOn: '2025-01-10', provenance: 'illustrative' as const }], 120, 'usual'],
		['nothing at all', [], 120, 'usual']
	] as const)('%s', (_, releases, days, basis) => {
		expect(publicationLag('year', [...releases])).toMatchObject({ days, basis });
	});

	it('falls back to the frequency\'s usual lag', () => {
		expect(publicationLag('quarter', []).days).toBe(60);
		expect(publicationLag('month', []).days).toBe(45);
	});
});

describe('releaseCalendar', () => {
	const base = { frequency: 'year' as const, since: '2022-01-01' };

	it('expects the next period\'s figure after the observed lag', () => {
		const releases = [official('2023-12-31', '2024-05-22'), official('2024-12-31', '2025-04-10')];
		const calendar = releaseCalendar({ ...base, newestPeriodEnd: '2024-12-31', newestPeriod: '2024', releases, asOf: at('2026-05-02') });
		expect(calendar).toMatchObject({ nextPeriodEnd: '2025-12-31', expectedBy: '2026-05-02', overdue: false, lag: { days: 122, basis: 'observed' } });
	});

	it('says overdue the day after the due date, with the days past it', () => {
		const releases = [official('2023-12-31', '2024-05-22'), official('2024-12-31', '2025-04-10')];
		const calendar = releaseCalendar({ ...base, newestPeriodEnd: '2024-12-31', releases, asOf: at('2026-06-01') });
		expect(calendar).toMatchObject({ expectedBy: '2026-05-02', overdue: true, daysOverdue: 30 });
	});

	it('counts with the usual lag when the past says too little', () => {
		const calendar = releaseCalendar({ ...base, newestPeriodEnd: '2024-12-31', releases: [], asOf: at('2025-06-01') });
		expect(calendar).toMatchObject({ nextPeriodEnd: '2025-12-31', expectedBy: '2026-04-30', overdue: false, lag: { days: 120, basis: 'usual' } });
	});

	it('expects the first period of the plan when there is no real figure yet', () => {
		const calendar = releaseCalendar({ frequency: 'quarter', newestPeriodEnd: null, since: '2024-08-01', releases: [], asOf: at('2024-12-01') });
		expect(calendar).toMatchObject({ nextPeriodEnd: '2024-09-30', expectedBy: '2024-11-29', overdue: true, daysOverdue: 2 });
	});

	it('has no calendar for irregular indicators, nor once the last deadline is covered', () => {
		expect(releaseCalendar({ frequency: 'irregular', newestPeriodEnd: null, since: '2020-01-01', releases: [], asOf: at('2030-01-01') })).toMatchObject({
			expectedBy: null,
			overdue: false,
			lag: null,
			nextPeriodEnd: null
		});
		expect(releaseCalendar({ ...base, newestPeriodEnd: '2024-12-31', until: '2024-12-31', releases: pudongScale, asOf: at('2030-01-01') })).toMatchObject({
			expectedBy: null,
			overdue: false,
			nextPeriodEnd: null
		});
	});
});
