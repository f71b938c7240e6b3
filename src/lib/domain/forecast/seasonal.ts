/**
 * Seasonal adjustment for quarterly, monthly and half-yearly series, as in the M4 competition's
 * benchmarks: a 90% autocorrelation test at the seasonal lag decides whether the series is
 * seasonal; if so, classical decomposition gives one index per season, the forecast runs on the
 * adjusted series, and the indices are put back on the forecast.
 */
import type { Frequency } from '../plan';

/** Periods per year for each frequency; irregular data is treated as non-seasonal. */
export const PERIODS_PER_YEAR: Record<Frequency, number> = { year: 1, half: 2, quarter: 4, month: 12, irregular: 1 };

function autocorrelation(y: readonly number[], lag: number): number {
	const n = y.length;
	const mean = y.reduce((a, b) => a + b, 0) / n;
	let num = 0;
	let den = 0;
	for (let t = 0; t < n; t++) {
		den += (y[t] - mean) ** 2;
		if (t >= lag) num += (y[t] - mean) * (y[t - lag] - mean);
	}
	return den === 0 ? 0 : num / den;
}

/** True when the autocorrelation at lag m exceeds its 90% limit (needs three full years of data). */
export function isSeasonal(y: readonly number[], m: number): boolean {
	const n = y.length;
	if (m <= 1 || n < 3 * m) return false;
	let sum = 0;
	for (let k = 1; k < m; k++) sum += autocorrelation(y, k) ** 2;
	const limit = 1.645 * Math.sqrt((1 + 2 * sum) / n);
	return Math.abs(autocorrelation(y, m)) > limit;
}

export interface SeasonalIndices {
	multiplicative: boolean;
	/** One index per position in the year, aligned so that indices[t % m] applies to y[t]. */
	indices: number[];
}

/** Classical decomposition: a centred moving average for the trend, then the average ratio (or difference) per season. */
export function seasonalIndices(y: readonly number[], m: number): SeasonalIndices {
	const n = y.length;
	const multiplicative = y.every((v) => v > 0);
	const half = Math.floor(m / 2);
	const sums = new Array<number>(m).fill(0);
	const counts = new Array<number>(m).fill(0);
	for (let t = half; t < n - half; t++) {
		let trend = 0;
		if (m % 2 === 0) {
			for (let k = -half; k <= half; k++) trend += (Math.abs(k) === half ? 0.5 : 1) * y[t + k];
		} else {
			for (let k = -half; k <= half; k++) trend += y[t + k];
		}
		trend /= m;
		sums[t % m] += multiplicative ? y[t] / trend : y[t] - trend;
		counts[t % m] += 1;
	}
	const raw = sums.map((s, i) => (counts[i] ? s / counts[i] : multiplicative ? 1 : 0));
	const centre = raw.reduce((a, b) => a + b, 0) / m;
	return { multiplicative, indices: raw.map((v) => (multiplicative ? v / centre : v - centre)) };
}

export function adjust(y: readonly number[], s: SeasonalIndices): number[] {
	const m = s.indices.length;
	return y.map((v, t) => (s.multiplicative ? v / s.indices[t % m] : v - s.indices[t % m]));
}

/** Puts the seasonal pattern back on forecasts for the steps after the n observed values. */
export function reseasonalize(forecast: readonly number[], n: number, s: SeasonalIndices): number[] {
	const m = s.indices.length;
	return forecast.map((v, k) => (s.multiplicative ? v * s.indices[(n + k) % m] : v + s.indices[(n + k) % m]));
}
