import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastSeries, intervalAt, meanAt, probabilityOfMeeting, type TargetRule } from './forecast';

const probability = (values: number[], target: TargetRule, step: number, options: { nonNegative?: boolean; nonDecreasing?: boolean } = {}) => {
	const outcome = forecastSeries(values, { horizon: Math.ceil(step) + 1, ...options });
	if (!outcome.ok) throw new Error(outcome.message);
	return probabilityOfMeeting(outcome.forecast, target, step);
};

const series = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 3, maxLength: 12 });
const change = fc.double({ min: 1e-3, max: 500, noNaN: true });
const step = fc.double({ min: 0.25, max: 6, noNaN: true });
const level = fc.double({ min: 0, max: 2000, noNaN: true });

describe('a better latest figure never lowers the probability of meeting the target', () => {
	it('higher is better: raising the latest figure', () => {
		fc.assert(
			fc.property(series, change, level, step, (values, up, value, at) => {
				const target: TargetRule = { comparator: '>=', value, maxValue: null };
				const raised = [...values.slice(0, -1), values[values.length - 1] + up];
				expect(probability(raised, target, at, { nonNegative: true })).toBeGreaterThanOrEqual(probability(values, target, at, { nonNegative: true }) - 1e-9);
			}),
			{ numRuns: 400 }
		);
	});

	it('lower is better (a duration): lowering the latest figure', () => {
		fc.assert(
			fc.property(series, change, level, step, (values, down, value, at) => {
				const target: TargetRule = { comparator: '<=', value, maxValue: null };
				// Stays positive: a duration of zero is not a figure (and the log-scale method needs positive values).
				const latest = values[values.length - 1];
				const lowered = [...values.slice(0, -1), latest - down > 0 ? latest - down : latest / 2];
				expect(probability(lowered, target, at, { nonNegative: true })).toBeGreaterThanOrEqual(probability(values, target, at, { nonNegative: true }) - 1e-9);
			}),
			{ numRuns: 400 }
		);
	});

	it('the ethics review (≤ 3 weeks by 2029-07): a 2026 figure of 3.1 weeks beats one of 3.6', () => {
		// Entering 3.1 instead of 3.6 once lowered the probability, because the weights, the error
		// scale and the smoothing parameters all reacted to the latest figure.
		const target: TargetRule = { comparator: '<=', value: 3, maxValue: null };
		const at = 2.58; // 2026-12-31 to 2029-07-31
		const figures = [3.6, 3.4, 3.1, 2.8];
		const chances = figures.map((latest) => probability([5.5, 4.4, 3.6, latest], target, at, { nonNegative: true }));
		for (let i = 1; i < chances.length; i++) expect(chances[i]).toBeGreaterThanOrEqual(chances[i - 1]);
		expect(chances[2]).toBeGreaterThan(chances[0]);
	});
});

describe('non-decreasing quantities (running totals)', () => {
	it('never forecast or bound below the current value, and are certain once an at-least target is reached', () => {
		// Class-1 drugs approved since 2022, a running total that stalled: the trend alone would turn down.
		const totals = [3, 7, 10, 10, 11];
		const outcome = forecastSeries(totals, { horizon: 3, nonNegative: true, nonDecreasing: true });
		if (!outcome.ok) throw new Error(outcome.message);
		const f = outcome.forecast;
		for (const level of ['80', '95']) for (const bound of f.intervals[level].lower) expect(bound).toBeGreaterThanOrEqual(11);
		for (let k = 0; k < f.mean.length; k++) expect(f.mean[k]).toBeGreaterThanOrEqual(k === 0 ? 11 : f.mean[k - 1]);
		for (const s of [0.5, 1, 2.5, 3]) {
			expect(meanAt(f, s)).toBeGreaterThanOrEqual(11);
			expect(intervalAt(f, s, 95).lower).toBeGreaterThanOrEqual(11);
		}
		expect(probabilityOfMeeting(f, { comparator: '>=', value: 10, maxValue: null }, 1.5)).toBe(1);
		expect(probabilityOfMeeting(f, { comparator: '>=', value: 11, maxValue: null }, 1.5)).toBe(1);
		expect(probabilityOfMeeting(f, { comparator: '<=', value: 10.5, maxValue: null }, 1.5)).toBe(0);
	});

	it('take a later part-period total as the floor', () => {
		const outcome = forecastSeries([2, 5, 9], { horizon: 2, nonDecreasing: true, atLeast: 12 });
		if (!outcome.ok) throw new Error(outcome.message);
		expect(outcome.forecast.floor).toBe(12);
		expect(Math.min(...outcome.forecast.intervals['95'].lower)).toBeGreaterThanOrEqual(12);
		expect(probabilityOfMeeting(outcome.forecast, { comparator: '>=', value: 12, maxValue: null }, 1)).toBe(1);
	});

	it('without the option the same series may be forecast to fall (the test can fail)', () => {
		const outcome = forecastSeries([3, 7, 10, 10, 11], { horizon: 3 });
		if (!outcome.ok) throw new Error(outcome.message);
		expect(Math.min(...outcome.forecast.intervals['95'].lower)).toBeLessThan(11);
	});

	it('the probability agrees with the interval bounds (censoring at the floor)', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: 0.5, max: 50, noNaN: true }), { minLength: 3, maxLength: 8 }), step, (flows, at) => {
				const totals = flows.map((_, i) => flows.slice(0, i + 1).reduce((a, b) => a + b, 0));
				const outcome = forecastSeries(totals, { horizon: 7, nonNegative: true, nonDecreasing: true });
				if (!outcome.ok) return;
				const f = outcome.forecast;
				const { lower, upper } = intervalAt(f, at, 80);
				expect(lower).toBeGreaterThanOrEqual(totals.at(-1)!);
				if (upper > lower + 1e-9 && lower > totals.at(-1)! + 1e-9) {
					expect(probabilityOfMeeting(f, { comparator: '>=', value: lower, maxValue: null }, at)).toBeCloseTo(0.9, 2);
				}
			}),
			{ numRuns: 200 }
		);
	});
});
