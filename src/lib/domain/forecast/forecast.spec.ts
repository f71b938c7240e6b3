import { describe, expect, it } from 'vitest';
import type { Calibration } from './calibration';
import { cumulativeProbability, errorScale, forecastSeries, meanAt, probabilityOfMeeting, type Forecast } from './forecast';

function forecast(values: number[], horizon = 3, calibration?: Calibration): Forecast {
	const outcome = forecastSeries(values, { horizon, calibration });
	if (!outcome.ok) throw new Error(outcome.message);
	return outcome.forecast;
}

/** A calibration whose scaled errors are standard normal at every step: probabilities have textbook answers. */
const Z = [-2.5758, -2.3263, -1.96, -1.6449, -1.2816, -0.8416, -0.5244, -0.2533, 0, 0.2533, 0.5244, 0.8416, 1.2816, 1.6449, 1.96, 2.3263, 2.5758];
const normal: Calibration = {
	source: 'test',
	probabilities: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995],
	buckets: [{ maxLength: Infinity, quantiles: [Z, Z, Z] }],
	tailGrowth: 0
};

describe('forecastSeries', () => {
	it('refuses fewer than three points and says why', () => {
		const outcome = forecastSeries([1, 2], { horizon: 3 });
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) {
			expect(outcome.reason).toBe('too_short');
			expect(outcome.message).toMatch(/at least 3/);
		}
	});

	it('refuses non-finite values', () => {
		expect(forecastSeries([1, NaN, 3], { horizon: 1 }).ok).toBe(false);
	});

	it('gives nested 80% and 95% intervals around the mean, widening with the horizon', () => {
		const f = forecast([2408, 2700, 3100, 3500, 3800, 4100], 4);
		const i80 = f.intervals['80'];
		const i95 = f.intervals['95'];
		for (let k = 0; k < 4; k++) {
			expect(i95.lower[k]).toBeLessThan(i80.lower[k]);
			expect(i80.lower[k]).toBeLessThan(f.mean[k]);
			expect(f.mean[k]).toBeLessThan(i80.upper[k]);
			expect(i80.upper[k]).toBeLessThan(i95.upper[k]);
		}
		expect(i80.upper[3] - i80.lower[3]).toBeGreaterThan(i80.upper[0] - i80.lower[0]);
		expect(f.weights.reduce((a, w) => a + w.weight, 0)).toBeCloseTo(1, 9);
	});

	it('weights methods by their backtest: a straight line gives naive little weight', () => {
		const f = forecast(Array.from({ length: 12 }, (_, t) => 10 + 2 * t));
		const naive = f.weights.find((w) => w.method === 'naive')!.weight;
		expect(naive).toBeLessThan(f.weights[0].weight);
		expect(f.mean[0]).toBeGreaterThan(33);
	});

	it('keeps a quantity that cannot be negative at zero or above', () => {
		const outcome = forecastSeries([40, 30, 18, 9], { horizon: 3, nonNegative: true });
		if (!outcome.ok) throw new Error(outcome.message);
		const f = outcome.forecast;
		expect(Math.min(...f.mean, ...f.intervals['95'].lower)).toBeGreaterThanOrEqual(0);
		expect(cumulativeProbability(f, 2, -1)).toBe(0);
	});

	it('floors the error scale so that a straight series still has an interval', () => {
		expect(errorScale([1, 2, 3, 4])).toBeCloseTo(0.1, 9);
		// Changes 2, 0, 2 around their mean 4/3: deviations 2/3, 4/3, 2/3.
		expect(errorScale([1, 3, 3, 5])).toBeCloseTo(8 / 9, 9);
	});
});

describe('probability of meeting a target', () => {
	const f = forecast([100, 103, 99, 101, 100, 102, 98, 101], 3, normal);

	it('has textbook answers under a normal error distribution', () => {
		const m = meanAt(f, 2);
		expect(probabilityOfMeeting(f, { comparator: '>=', value: m, maxValue: null }, 2)).toBeCloseTo(0.5, 3);
		expect(probabilityOfMeeting(f, { comparator: '>=', value: m + 1.2816 * f.scale, maxValue: null }, 2)).toBeCloseTo(0.1, 3);
		expect(probabilityOfMeeting(f, { comparator: '<=', value: m - 1.96 * f.scale, maxValue: null }, 2)).toBeCloseTo(0.025, 3);
		expect(
			probabilityOfMeeting(f, { comparator: 'between', value: m - 1.2816 * f.scale, maxValue: m + 1.2816 * f.scale }, 2)
		).toBeCloseTo(0.8, 3);
	});

	it('is near 1 far below the path and near 0 far above it, and falls as the target rises', () => {
		const real = forecast([100, 103, 99, 101, 100, 102, 98, 101]);
		expect(probabilityOfMeeting(real, { comparator: '>=', value: 10, maxValue: null }, 2)).toBeGreaterThan(0.99);
		expect(probabilityOfMeeting(real, { comparator: '>=', value: 1000, maxValue: null }, 2)).toBeLessThan(0.01);
		let previous = 1;
		for (const value of [95, 100, 105, 110]) {
			const p = probabilityOfMeeting(real, { comparator: '>=', value, maxValue: null }, 2);
			expect(p).toBeLessThanOrEqual(previous);
			previous = p;
		}
	});

	it('interpolates a deadline inside a period and extends past the horizon', () => {
		expect(meanAt(f, 0)).toBe(101);
		expect(meanAt(f, 0.5)).toBeCloseTo((101 + f.mean[0]) / 2, 9);
		expect(Number.isFinite(cumulativeProbability(f, 7.5, 100))).toBe(true);
	});

	it('treats "= 100" as anything that rounds to 100', () => {
		const p = probabilityOfMeeting(f, { comparator: '=', value: 100, maxValue: null }, 1);
		const direct = cumulativeProbability(f, 1, 100.5) - cumulativeProbability(f, 1, 99.5);
		expect(p).toBeCloseTo(direct, 9);
	});
});
