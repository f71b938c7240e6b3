import { describe, expect, it } from 'vitest';
import { assessProgress, paceModelFor, requiredPathValue, satisfies, statusForRatio, type ProgressTarget } from './progress';

const scale: ProgressTarget = { comparator: '>=', value: 4000, maxValue: null, kind: 'level', deadline: '2024-12-31' };
const year = (y: number, value: number) => ({ date: `${y}-12-31`, value });

describe('assessProgress, hand-checked', () => {
	it('a level of 4000 by end-2024 from 2000 in 2021, observed 2600 in 2022', () => {
		const progress = assessProgress(scale, [year(2021, 2000), year(2022, 2600)], { asOf: '2023-06-30', planStart: '2022-01-01' });
		// Required CAGR from 2021: (4000/2000)^(1/3) - 1 = 25.99%; achieved 2021->2022: 30%.
		expect(progress.paceModel).toBe('compound');
		expect(progress.achievedPace).toBeCloseTo(0.3, 6);
		// From 2600 in 2022 the remaining two years need (4000/2600)^(1/2) - 1 = 24.03%.
		expect(progress.requiredPace).toBeCloseTo(Math.sqrt(4000 / 2600) - 1, 6);
		expect(progress.ratio).toBeCloseTo(0.3 / (Math.cbrt(2) - 1), 3);
		expect(progress.status).toBe('on_track');
		expect(progress.gap).toBe(1400);
		expect(progress.gapShare).toBeCloseTo(70, 6);
		expect(progress.requiredAtLatest).toBeCloseTo(2000 * Math.cbrt(2), 0);
	});

	it('needs acceleration when growth is between 60% and 95% of the required rate', () => {
		const progress = assessProgress(scale, [year(2021, 2000), year(2022, 2400)], { asOf: '2023-01-31', planStart: '2022-01-01' });
		expect(progress.ratio).toBeCloseTo(0.2 / (Math.cbrt(2) - 1), 3); // 0.77
		expect(progress.status).toBe('acceleration_needed');
	});

	it('counts deterioration when the value moves away from the target', () => {
		const progress = assessProgress(scale, [year(2021, 2000), year(2022, 1900)], { asOf: '2023-01-31', planStart: '2022-01-01' });
		expect(progress.status).toBe('deterioration');
	});

	it('judges a duration where lower is better: 34 to 27 weeks against 25 by mid-2029', () => {
		const target: ProgressTarget = { comparator: '<=', value: 25, maxValue: null, kind: 'duration', deadline: '2029-07-31' };
		const progress = assessProgress(target, [year(2023, 34), year(2025, 27)], { asOf: '2026-01-01', planStart: '2024-08-01' });
		expect(progress.paceModel).toBe('linear');
		expect(progress.achievedPace).toBeCloseTo(-3.5, 1);
		expect(progress.ratio).toBeGreaterThan(1);
		expect(progress.status).toBe('on_track');
		expect(progress.gap).toBe(2);
	});

	it('counts a duration already under its limit as achieved', () => {
		const target: ProgressTarget = { comparator: '<=', value: 3, maxValue: null, kind: 'duration', deadline: '2029-07-31' };
		expect(assessProgress(target, [year(2023, 5.5), year(2025, 2.8)], { asOf: '2026-01-01', planStart: '2024-08-01' }).status).toBe('achieved');
	});

	it('aims a range at its nearest bound and counts inside it as achieved', () => {
		const target: ProgressTarget = { comparator: 'between', value: 2, maxValue: 3, kind: 'new_since_baseline', deadline: '2024-12-31' };
		const base = { date: '2021-12-31', value: 0 };
		const short = assessProgress(target, [year(2022, 0), year(2023, 1)], { asOf: '2024-01-31', planStart: '2022-01-01', baseline: base });
		expect(short.aim).toBe(2);
		expect(short.gap).toBe(1);
		// 1 in two years is 0.5 a year against 2 in three years (0.67 a year): R = 0.75
		expect(short.ratio).toBeCloseTo(0.75, 6);
		expect(short.status).toBe('acceleration_needed');
		const over = assessProgress(target, [year(2023, 4)], { asOf: '2024-01-31', planStart: '2022-01-01', baseline: base });
		expect(over.aim).toBe(3);
		expect(over.gap).toBe(1);
		expect(assessProgress(target, [year(2023, 2)], { asOf: '2024-01-31', planStart: '2022-01-01', baseline: base }).status).toBe('achieved');
	});

	it('judges met or missed after the deadline on the figure for the deadline', () => {
		const series = [year(2021, 2700), year(2022, 3300), year(2024, 4100)];
		expect(assessProgress(scale, series, { asOf: '2025-06-30', planStart: '2022-01-01' }).status).toBe('met');
		const short = [year(2021, 2700), year(2024, 3900), year(2025, 4400)];
		const missed = assessProgress(scale, short, { asOf: '2026-06-30', planStart: '2022-01-01' });
		expect(missed.status).toBe('missed');
		// The figure shown and the gap are the deadline's, not the later year's that met the number.
		expect(missed.latest).toEqual(year(2024, 3900));
		expect(missed.gap).toBe(100);
	});

	it('says insufficient data with no figure, or none after the baseline', () => {
		expect(assessProgress(scale, [], { asOf: '2023-01-01', planStart: '2022-01-01' }).status).toBe('insufficient_data');
		expect(assessProgress(scale, [year(2021, 2700)], { asOf: '2023-01-01', planStart: '2022-01-01' }).status).toBe('insufficient_data');
	});

	it('counts an estimate for the current year: what was known by the as-of date is the caller\'s choice', () => {
		const series = [year(2021, 2000), year(2022, 2600), year(2023, 3100)];
		expect(assessProgress(scale, series, { asOf: '2023-06-30', planStart: '2022-01-01' }).latest).toEqual(year(2023, 3100));
	});

	it('moves linearly from a zero baseline for counts ("10 approvals by 2024")', () => {
		const target: ProgressTarget = { comparator: '>=', value: 10, maxValue: null, kind: 'new_since_baseline', deadline: '2024-12-31' };
		const progress = assessProgress(target, [year(2022, 3), year(2023, 8)], {
			asOf: '2024-02-01',
			planStart: '2022-01-01',
			baseline: { date: '2021-12-31', value: 0 }
		});
		expect(progress.paceModel).toBe('linear');
		expect(progress.achievedPace).toBeCloseTo(4, 1);
		expect(progress.status).toBe('on_track');
	});
});

describe('a baseline that already met the target, then fell through it (Open SDG: deterioration)', () => {
	// R's sign says better or worse in the target's own direction. Before the fix R was computed
	// along baseline -> aim, so a fall through the target looked like progress towards it.
	const at = { asOf: '2023-06-30', planStart: '2022-01-01' };
	it.each([
		// comparator, kind, target, baseline (2021), latest (2022), hand-computed R
		// >= level, compound: (3500/5000 - 1) / |(4000/5000)^(1/3) - 1| = -0.3 / 0.0717 = -4.18
		['>=', 'level', 4000, 5000, 3500, -0.3 / (1 - Math.cbrt(0.8))],
		// <= level mirror: (3500/2000 - 1) = +0.75 is worse; required |1.5^(1/3) - 1| = 0.1447 -> -5.18
		['<=', 'level', 3000, 2000, 3500, -0.75 / (Math.cbrt(1.5) - 1)],
		// >= count, linear: -15 a year against |(50 - 60) / 3| = 3.33 a year -> -4.5
		['>=', 'cumulative', 50, 60, 45, -15 / (10 / 3)],
		// >= share in %, linear: -7 points a year against |(20 - 25) / 3| -> -4.2
		['>=', 'share', 20, 25, 18, -7 / (5 / 3)],
		// <= duration in weeks, linear: +1.1 a year is worse; required |(3 - 2.5) / 3| = 0.167 -> -6.6
		['<=', 'duration', 3, 2.5, 3.6, -1.1 / (0.5 / 3)]
	] as const)('%s %s %d: baseline %d, now %d', (comparator, kind, value, base, now, ratio) => {
		const target: ProgressTarget = { comparator, value, maxValue: null, kind, deadline: '2024-12-31' };
		const progress = assessProgress(target, [year(2021, base), year(2022, now)], at);
		expect(progress.ratio).toBeCloseTo(ratio, 2);
		expect(progress.status).toBe('deterioration');
	});

	it.each([
		// The same targets approached from the far side keep a positive R: the rule's sign did not flip them.
		['>=', 'level', 4000, 2000, 2600, 'on_track'],
		['<=', 'level', 3000, 5000, 4000, 'on_track'],
		['>=', 'cumulative', 50, 20, 30, 'on_track'],
		['<=', 'duration', 3, 5.5, 5.2, 'limited_progress'] // R = 0.3 / (2.5 / 3) = 0.36
	] as const)('%s %s %d from %d to %d is still %s', (comparator, kind, value, base, now, status) => {
		const target: ProgressTarget = { comparator, value, maxValue: null, kind, deadline: '2024-12-31' };
		const progress = assessProgress(target, [year(2021, base), year(2022, now)], at);
		expect(progress.ratio).toBeGreaterThan(0);
		expect(progress.status).toBe(status);
	});
});

describe('the rules', () => {
	it.each([
		[1.2, 'on_track'],
		[0.95, 'on_track'],
		[0.94, 'acceleration_needed'],
		[0.6, 'acceleration_needed'],
		[0.59, 'limited_progress'],
		[0, 'limited_progress'],
		[-0.01, 'deterioration']
	] as const)('R = %d is %s (Open SDG thresholds)', (ratio, status) => {
		expect(statusForRatio(ratio)).toBe(status);
	});

	it.each([
		['>=', 10, null, 10, true],
		['>=', 10, null, 9.99, false],
		['<=', 3, null, 3, true],
		['=', 100, null, 100, true],
		['=', 100, null, 99, false],
		['between', 8, 10, 11, false],
		['between', 8, 10, 8, true]
	] as const)('%s %d (max %s) with %d: %s', (comparator, value, maxValue, actual, expected) => {
		expect(satisfies({ comparator, value, maxValue, kind: 'level', deadline: '2024-12-31' }, actual)).toBe(expected);
	});

	it('draws the required path through baseline and target', () => {
		const base = { date: '2021-12-31', value: 2000 };
		expect(requiredPathValue('compound', base, 4000, '2024-12-31', '2021-12-31')).toBeCloseTo(2000);
		expect(requiredPathValue('compound', base, 4000, '2024-12-31', '2024-12-31')).toBeCloseTo(4000);
		expect(requiredPathValue('linear', base, 4000, '2024-12-31', '2023-07-01')).toBeCloseTo(3000, -1);
	});
});

describe('pace model: percentages move by points', () => {
	it.each([
		['level', 2700, 4000, '亿元', 'compound'],
		['level', 4, 10, '%', 'linear'],
		['share', 30, 50, '%', 'linear'],
		['duration', 36, 25, '周', 'linear'],
		['level', 0, 10, '个', 'linear']
	] as const)('%s from %d to %d %s is %s', (kind, baseline, aim, unit, model) => {
		expect(paceModelFor(kind, baseline, aim, unit)).toBe(model);
	});

	it('gives a level in percent its pace in points a year, not a growth rate', () => {
		const beds: ProgressTarget = { comparator: '>=', value: 10, maxValue: null, kind: 'level', deadline: '2026-12-31', unit: '%' };
		const p = assessProgress(beds, [{ date: '2022-12-31', value: 4 }, { date: '2024-12-31', value: 7 }], { asOf: '2025-06-30', planStart: '2023-01-01' });
		expect(p.paceModel).toBe('linear');
		expect(p.achievedPace).toBeCloseTo(1.5, 9);
		expect(p.requiredPace).toBeCloseTo(1.5, 9);
		expect(p.gap).toBeCloseTo(3, 9);
	});
});
