import { describe, expect, it } from 'vitest';
import { FIT_WINDOW, POINT_FORECASTERS, arDiff, fitHolt, fitSes, damped, drift, ets, holt, loglinear, naive, recentDrift, shrunkDrift, theta } from './methods';
import { adjust, isSeasonal, reseasonalize, seasonalIndices } from './seasonal';

const line = Array.from({ length: 10 }, (_, t) => 10 + 2 * t);

describe('point forecasts', () => {
	it('naive repeats the last value; drift continues the average change', () => {
		expect(naive([3, 5, 4], 2)).toEqual([4, 4]);
		expect(drift([2, 4, 8], 3)).toEqual([11, 14, 17]);
		expect(recentDrift([0, 0, 0, 2, 4, 6], 2)).toEqual([8, 10]);
	});

	it('trend methods follow a straight line', () => {
		for (const f of [holt, ets, drift]) {
			const [a, b] = f(line, 2);
			expect(a).toBeCloseTo(30, 1);
			expect(b).toBeCloseTo(32, 1);
		}
		// Theta adds half the regression slope to exponential smoothing: on a line it lags but still rises.
		const [t1, t2] = theta(line, 2);
		expect(t2 - t1).toBeCloseTo(1, 1);
		expect(t1).toBeGreaterThan(28);
	});

	it('damped trend flattens: each step adds less than the one before', () => {
		const f = damped([10, 20, 29, 37, 44, 50, 55], 4);
		const steps = f.map((v, i) => v - (i === 0 ? 55 : f[i - 1]));
		for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1]);
	});

	it('log-linear trend reproduces constant growth', () => {
		const growth = Array.from({ length: 6 }, (_, t) => 100 * 1.1 ** t);
		expect(loglinear(growth, 1)[0]).toBeCloseTo(100 * 1.1 ** 6, 6);
	});

	it('every method gives finite forecasts for flat, negative and tiny series', () => {
		for (const y of [[5, 5, 5], [-3, -1, -4, -2], [0, 0, 1e-9]]) {
			for (const f of Object.values(POINT_FORECASTERS)) expect(f(y, 3).every(Number.isFinite)).toBe(true);
		}
	});
});

describe('seasonal adjustment', () => {
	const pattern = [0.8, 0.9, 1.1, 1.2];
	const quarterly = Array.from({ length: 16 }, (_, t) => (100 + t) * pattern[t % 4]);

	it('detects a strong quarterly pattern and not a trend alone', () => {
		expect(isSeasonal(quarterly, 4)).toBe(true);
		expect(isSeasonal(line.concat(line.map((v) => v + 20)), 4)).toBe(false);
		expect(isSeasonal(quarterly.slice(0, 8), 4)).toBe(false); // fewer than three years
	});

	it('adjusts and puts the pattern back', () => {
		const s = seasonalIndices(quarterly, 4);
		const adjusted = adjust(quarterly, s);
		expect(adjusted[5] - adjusted[4]).toBeCloseTo(1, 0);
		const back = reseasonalize([116, 117, 118, 119], 16, s);
		expect(back[0] / back[3]).toBeCloseTo((116 * 0.8) / (119 * 1.2), 1);
	});
});

describe('the ARIMA-like methods', () => {
	it('continue a straight line exactly', () => {
		expect(arDiff(line, 2)).toEqual([30, 32]);
		expect(shrunkDrift(line, 2)).toEqual([30, 32]);
	});

	it('shrunk drift keeps little of a trend the changes do not show', () => {
		// Changes +5, -5, +5, -4, +5: an average change of 1.2 that is mostly noise.
		const wobble = [10, 15, 10, 15, 11, 16];
		const [next] = shrunkDrift(wobble, 1);
		expect(next - 16).toBeGreaterThan(0);
		expect(next - 16).toBeLessThan(0.5 * 1.2);
	});

	it('AR on changes expects an alternating series to turn back', () => {
		const [next] = arDiff([10, 15, 10, 15, 10, 15], 1);
		expect(next).toBeLessThan(15);
	});
});

describe('the fitting window of the smoothing models', () => {
	// A long noisy series whose distant past trends the other way.
	const long = Array.from({ length: FIT_WINDOW + 190 }, (_, t) => (t < 190 ? 500 - t : 310 + 3 * (t - 190)) + 4 * Math.sin(t * 1.7));
	it('fits only the latest FIT_WINDOW values: the older ones do not change the fit', () => {
		const recent = long.slice(-FIT_WINDOW);
		expect(fitHolt(long, true).forecast(6)).toEqual(fitHolt(recent, true).forecast(6));
		expect(fitHolt(long, false).forecast(6)).toEqual(fitHolt(recent, false).forecast(6));
		expect(fitSes(long).forecast(2)).toEqual(fitSes(recent).forecast(2));
		// And it follows the recent rise, not the old fall.
		expect(fitHolt(long, false).forecast(1)[0]).toBeGreaterThan(long.at(-1)! - 10);
	});
	it('leaves series up to FIT_WINDOW values as they were (all of them fitted)', () => {
		const short = long.slice(-FIT_WINDOW);
		const shorter = short.slice(1);
		expect(fitHolt(short, true).forecast(3)).not.toEqual(fitHolt(shorter, true).forecast(3));
	});
});
