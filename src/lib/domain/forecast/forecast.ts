/**
 * Forecasts for one indicator series: several classical methods, weighted by how well each did in
 * a rolling-origin backtest on the series itself, with prediction intervals calibrated on
 * backtests rather than taken from textbook formulas (which under-cover on short series).
 *
 * Intervals and the probability of meeting a target come from one predictive distribution per
 * step: the combined mean plus the series' own error scale times an empirical distribution of
 * scaled forecast errors (a split-conformal calibration pooled over many public and generated
 * series, see calibration.ts and scripts/bench/forecast.ts).
 */
import type { Comparator, Frequency } from '../plan';
import { CALIBRATION, type Calibration } from './calibration';
import { POINT_FORECASTERS, type ForecastMethod } from './methods';
import { PERIODS_PER_YEAR, adjust, isSeasonal, reseasonalize, seasonalIndices, type SeasonalIndices } from './seasonal';

/** No forecast from fewer points: two points fix a line but say nothing about its error. */
export const MIN_FORECAST_POINTS = 3;

/**
 * The methods the automatic forecast weighs against each other on longer series. Chosen by
 * leave-one-source-out cross-validation on the tuning sources of the benchmark: SES, automatic ETS
 * and the log-linear trend lost to these (ETS's information criterion nearly always picks SES at 6
 * points; a log-linear line overshoots growth that slows), so they are available on their own but
 * not combined.
 */
export const COMBINED_METHODS: readonly ForecastMethod[] = ['naive', 'drift', 'recent_drift', 'holt', 'damped', 'damped_log', 'theta', 'ar_diff', 'shrunk_drift'];

/**
 * Short series (up to SHORT_SERIES points) get the plain average of two ARIMA-like methods instead:
 * with four or five earlier points a backtest cannot tell the methods apart, and on the tuning
 * sources this pair beat every weighted pool and R's auto.arima at 6 points (at 10 the weighted
 * pool did better).
 */
export const SHORT_SERIES = 8;
export const SHORT_METHODS: readonly ForecastMethod[] = ['ar_diff', 'shrunk_drift'];

/** Backtest origins per series: the last three, so that cost stays flat for long series. */
export const BACKTEST_ORIGINS = 3;

/**
 * How backtest errors turn into weights: inverse error to the power WEIGHT_POWER, blended with equal
 * weights in proportion WEIGHT_PRIOR / (WEIGHT_PRIOR + number of backtest errors), because a few
 * backtest errors on a short series are a noisy guide. Tuned on the calibration half of the
 * benchmark series, never on the half that is reported.
 */
export const WEIGHT_POWER = 2;
export const WEIGHT_PRIOR = 4;

export interface ForecastOptions {
	horizon: number;
	/** Interval levels in percent, e.g. [80, 95]. */
	levels?: readonly number[];
	frequency?: Frequency;
	/** The quantity cannot fall below zero (a time, a count, a share): means, bounds and probabilities stop at 0. */
	nonNegative?: boolean;
	/**
	 * The quantity never falls (a running total of approvals): means and bounds stay at or above the
	 * latest value (or `atLeast`, a later part-period total), and the probability puts no weight below it.
	 */
	nonDecreasing?: boolean;
	/** A value the quantity has already reached after the last forecast step, e.g. a year-to-date running total. */
	atLeast?: number;
	/** Force one method instead of the backtest-weighted combination (used by the benchmark). */
	method?: ForecastMethod;
	calibration?: Calibration;
}

export interface Forecast {
	/** "auto" for the combination, else the forced method's name. */
	method: string;
	/** The combined methods and their weights, largest first. */
	weights: { method: ForecastMethod; weight: number }[];
	mean: number[];
	intervals: Record<string, { lower: number[]; upper: number[] }>;
	/** The series' error scale: forecast errors are this times a draw from the calibrated distribution. */
	scale: number;
	seasonal: boolean;
	/** The last observed value, the origin of the forecast (step 0). */
	last: number;
	/** How many values the forecast was made from: shorter series have wider calibrated errors. */
	length: number;
	nonNegative: boolean;
	/** The value a non-decreasing quantity cannot fall below (its current value); null when it can fall. */
	floor: number | null;
	calibration: Calibration;
}

export type ForecastOutcome =
	| { ok: true; forecast: Forecast }
	| { ok: false; reason: 'too_short' | 'not_finite'; message: string };

/**
 * The error scale of a series: the mean absolute deviation of its one-step changes from their
 * mean (the noise around a drift line), floored at a tenth of the mean absolute change so that a
 * perfectly straight series does not get zero-width intervals.
 */
export function errorScale(y: readonly number[]): number {
	const n = y.length;
	if (n < 2) return 0;
	let meanChange = 0;
	let meanAbsChange = 0;
	for (let t = 1; t < n; t++) {
		meanChange += (y[t] - y[t - 1]) / (n - 1);
		meanAbsChange += Math.abs(y[t] - y[t - 1]) / (n - 1);
	}
	let deviation = 0;
	for (let t = 1; t < n; t++) deviation += Math.abs(y[t] - y[t - 1] - meanChange) / (n - 1);
	const level = y.reduce((a, b) => a + Math.abs(b), 0) / n;
	return Math.max(deviation, 0.1 * meanAbsChange, 1e-6 * level, 1e-12);
}

/** Mean absolute scaled error of each method over rolling origins in the series' own past. */
export function backtestErrors(y: readonly number[], methods: readonly ForecastMethod[], maxHorizon: number) {
	const n = y.length;
	const errors = methods.map(() => 0);
	let count = 0;
	const firstOrigin = Math.max(MIN_FORECAST_POINTS, n - BACKTEST_ORIGINS);
	for (let origin = firstOrigin; origin < n; origin++) {
		const train = y.slice(0, origin);
		const h = Math.min(maxHorizon, n - origin);
		const scale = errorScale(train);
		methods.forEach((m, i) => {
			const f = POINT_FORECASTERS[m](train, h);
			for (let k = 0; k < h; k++) errors[i] += Math.abs(y[origin + k] - f[k]) / scale;
		});
		count += h;
	}
	return { errors: errors.map((e) => (count ? e / count : NaN)), count };
}

/** Weights from backtest errors, shrunk towards equal weights when the backtest is short. */
export function combinationWeights(errors: readonly number[], count: number, power = WEIGHT_POWER, prior = WEIGHT_PRIOR): number[] {
	const k = errors.length;
	const equal = 1 / k;
	if (count === 0 || errors.some((e) => !Number.isFinite(e))) return errors.map(() => equal);
	const raw = errors.map((e) => 1 / Math.pow(Math.max(e, 1e-9), power));
	const total = raw.reduce((a, b) => a + b, 0);
	const shrink = prior / (prior + count);
	return raw.map((r) => (1 - shrink) * (r / total) + shrink * equal);
}

/** The calibrated quantile of the scaled error at a (possibly fractional or distant) step, for a series of `length` points. */
export function errorQuantile(calibration: Calibration, length: number, step: number, probability: number): number {
	const { probabilities, tailGrowth } = calibration;
	const bucket = calibration.buckets.find((b) => length <= b.maxLength) ?? calibration.buckets[calibration.buckets.length - 1];
	const quantiles = bucket.quantiles;
	const H = quantiles.length;
	const atStep = (h: number) => {
		const row = quantiles[h - 1];
		if (probability <= probabilities[0]) return row[0];
		if (probability >= probabilities[probabilities.length - 1]) return row[row.length - 1];
		let i = 1;
		while (probabilities[i] < probability) i++;
		const share = (probability - probabilities[i - 1]) / (probabilities[i] - probabilities[i - 1]);
		return row[i - 1] + share * (row[i] - row[i - 1]);
	};
	if (step <= 0) return 0;
	if (step < 1) return step * atStep(1);
	if (step > H) return atStep(H) * Math.pow(step / H, tailGrowth);
	const lower = Math.floor(step);
	const upper = Math.min(H, Math.ceil(step));
	const share = step - lower;
	return (1 - share) * atStep(lower) + share * atStep(upper);
}

/** The forecast mean at a fractional step, between the last observation (step 0) and the forecasts. */
export function meanAt(forecast: Forecast, step: number): number {
	return bounded(forecast, rawMeanAt(forecast, step));
}

/** A value moved up to what the quantity cannot fall below: zero, or a running total's current value. */
function bounded(forecast: Forecast, value: number): number {
	const atZero = forecast.nonNegative ? Math.max(0, value) : value;
	return forecast.floor !== null && forecast.floor !== undefined ? Math.max(forecast.floor, atZero) : atZero;
}

function rawMeanAt(forecast: Forecast, step: number): number {
	if (step <= 0) return forecast.last;
	const { mean } = forecast;
	if (step >= mean.length) {
		// Beyond the computed horizon: continue the last step's change.
		const lastChange = mean.length > 1 ? mean[mean.length - 1] - mean[mean.length - 2] : mean[0] - forecast.last;
		return mean[mean.length - 1] + lastChange * (step - mean.length);
	}
	const lower = Math.floor(step);
	const before = lower === 0 ? forecast.last : mean[lower - 1];
	return before + (step - lower) * (mean[lower] - before);
}

/** Interval bounds at a level (percent) for steps 1..h. */
function intervalsFor(mean: readonly number[], scale: number, length: number, level: number, calibration: Calibration) {
	const tail = (1 - level / 100) / 2;
	return {
		lower: mean.map((m, k) => m + scale * errorQuantile(calibration, length, k + 1, tail)),
		upper: mean.map((m, k) => m + scale * errorQuantile(calibration, length, k + 1, 1 - tail))
	};
}

const NOT_FINITE: ForecastOutcome = { ok: false, reason: 'not_finite', message: 'the forecast overflows: the values span too many orders of magnitude' };

/**
 * Forecasts a series for `horizon` steps with calibrated intervals.
 * @example forecastSeries([10, 12, 13, 15, 16, 18], { horizon: 2 }) // ok, mean ≈ [19.5, 21], intervals 80 and 95
 */
export function forecastSeries(values: readonly number[], options: ForecastOptions): ForecastOutcome {
	if (values.some((v) => !Number.isFinite(v))) {
		return { ok: false, reason: 'not_finite', message: 'every value must be a finite number' };
	}
	if (values.length < MIN_FORECAST_POINTS) {
		return {
			ok: false,
			reason: 'too_short',
			message: `${values.length} point(s): at least ${MIN_FORECAST_POINTS} are needed to forecast and to judge the forecast's error`
		};
	}
	const calibration = options.calibration ?? CALIBRATION;
	const h = options.horizon;
	const m = PERIODS_PER_YEAR[options.frequency ?? 'year'];
	let seasonal: SeasonalIndices | null = null;
	if (isSeasonal(values, m)) seasonal = seasonalIndices(values, m);
	const y = seasonal ? adjust(values, seasonal) : [...values];

	const short = y.length <= SHORT_SERIES;
	const methods = options.method ? [options.method] : short ? SHORT_METHODS : COMBINED_METHODS;
	// Weights and the error scale leave out the latest value, and each method's parameters are fitted
	// without it (methods.ts): a higher latest figure then raises every path with the same weights and
	// spread, so it never lowers the probability of reaching a higher target (forecast.spec.ts).
	const weights = methods.length === 1 ? [1] : short ? methods.map(() => 1 / methods.length) : (() => {
		const { errors, count } = backtestErrors(y.slice(0, -1), methods, Math.min(h, 3));
		const chosen = calibration.combination;
		return combinationWeights(errors, count, chosen?.power ?? WEIGHT_POWER, chosen?.prior ?? WEIGHT_PRIOR);
	})();
	// A method that overflows (a log-scale trend over values spanning hundreds of orders of
	// magnitude) leaves the combination; the others' weights are scaled up to make 1 again.
	const paths = methods.map((method) => POINT_FORECASTERS[method](y, h));
	const usable = paths.map((f) => f.every(Number.isFinite));
	const total = weights.reduce((sum, w, i) => sum + (usable[i] ? w : 0), 0);
	if (!(total > 0)) return NOT_FINITE;
	if (usable.includes(false)) weights.forEach((w, i) => (weights[i] = usable[i] ? w / total : 0));
	const mean = new Array<number>(h).fill(0);
	paths.forEach((f, i) => {
		if (usable[i]) for (let k = 0; k < h; k++) mean[k] += weights[i] * f[k];
	});
	const last = values[values.length - 1];
	const lowest = options.nonDecreasing ? Math.max(last, options.atLeast ?? last) : null;
	const floor = (v: number) => Math.max(options.nonNegative ? 0 : -Infinity, lowest ?? -Infinity, v);
	let seasonalMean = (seasonal ? reseasonalize(mean, y.length, seasonal) : mean).map(floor);
	// A running total's expected path cannot turn down either.
	if (lowest !== null) seasonalMean = seasonalMean.map((_, k) => Math.max(...seasonalMean.slice(0, k + 1)));
	const scale = errorScale(y.slice(0, -1)) * (seasonal?.multiplicative ? seasonalMeanRatio(seasonal) : 1);
	const levels = options.levels ?? [80, 95];
	const intervals = Object.fromEntries(
		levels.map((level) => {
			const { lower, upper } = intervalsFor(seasonalMean, scale, values.length, level, calibration);
			return [String(level), { lower: lower.map(floor), upper: upper.map(floor) }];
		})
	);
	// Values near the largest double can still overflow in the mean or the error scale.
	const numbers = [...seasonalMean, ...Object.values(intervals).flatMap((i) => [...i.lower, ...i.upper])];
	if (!numbers.every(Number.isFinite)) return NOT_FINITE;
	return {
		ok: true,
		forecast: {
			method: options.method ?? 'auto',
			weights: methods.map((method, i) => ({ method, weight: weights[i] })).sort((a, b) => b.weight - a.weight),
			mean: seasonalMean,
			intervals,
			scale,
			seasonal: seasonal !== null,
			last,
			length: values.length,
			nonNegative: options.nonNegative ?? false,
			floor: lowest,
			calibration
		}
	};
}

/** Multiplicative seasonal errors scale with the index; use its mean absolute size (1 on average). */
function seasonalMeanRatio(s: SeasonalIndices): number {
	return s.indices.reduce((a, b) => a + Math.abs(b), 0) / s.indices.length;
}

/** The interval at a level (percent) at a fractional step, e.g. at a deadline inside a period. */
export function intervalAt(forecast: Forecast, step: number, level: number): { lower: number; upper: number } {
	const centre = meanAt(forecast, step);
	const tail = (1 - level / 100) / 2;
	const bound = (p: number) => {
		return bounded(forecast, centre + forecast.scale * errorQuantile(forecast.calibration, forecast.length, step, p));
	};
	return { lower: bound(tail), upper: bound(1 - tail) };
}

/** P(value at the step <= x) under the forecast's predictive distribution (all of it at 0 and above for a non-negative quantity). */
export function cumulativeProbability(forecast: Forecast, step: number, x: number): number {
	if (forecast.nonNegative && x < 0) return 0;
	// A running total's distribution is censored at its current value: all the weight below it sits on it.
	if (forecast.floor !== null && forecast.floor !== undefined && x < forecast.floor) return 0;
	const centre = meanAt(forecast, step);
	if (step <= 0 || forecast.scale === 0) return x >= centre ? 1 : 0;
	const z = (x - centre) / forecast.scale;
	const { probabilities } = forecast.calibration;
	const lowest = probabilities[0];
	const highest = probabilities[probabilities.length - 1];
	const quantileAt = (p: number) => errorQuantile(forecast.calibration, forecast.length, step, p);
	if (z <= quantileAt(lowest)) return lowest / 2;
	if (z >= quantileAt(highest)) return 1 - (1 - highest) / 2;
	// The quantile function is increasing in the probability: bisect for z.
	let lo = lowest;
	let hi = highest;
	for (let i = 0; i < 40; i++) {
		const mid = (lo + hi) / 2;
		if (quantileAt(mid) < z) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

export interface TargetRule {
	comparator: Comparator;
	value: number;
	maxValue: number | null;
}

/** Half the last digit of the value: "= 100" is met by anything that rounds to 100. */
function roundingTolerance(value: number): number {
	const decimals = (String(value).split('.')[1] ?? '').length;
	return 0.5 * Math.pow(10, -decimals);
}

/**
 * The probability that the value at `step` (periods after the last observation, fractional for a
 * deadline inside a period) satisfies the target.
 */
export function probabilityOfMeeting(forecast: Forecast, target: TargetRule, step: number): number {
	const below = (x: number) => cumulativeProbability(forecast, step, x);
	switch (target.comparator) {
		case '>=':
			// A running total that has reached the target stays there: P(X >= v) = 1, with no rounding of the censored mass.
			if (forecast.floor !== null && forecast.floor !== undefined && forecast.floor >= target.value) return 1;
			return 1 - below(target.value);
		case '<=':
			return below(target.value);
		case 'between':
			return Math.max(0, below(target.maxValue ?? target.value) - below(target.value));
		case '=': {
			const tolerance = roundingTolerance(target.value);
			return Math.max(0, below(target.value + tolerance) - below(target.value - tolerance));
		}
	}
}
