/**
 * Classical point forecasts for short, non-seasonal series (seasonal series are adjusted first,
 * see seasonal.ts). Each takes the observed values in time order and a horizon, and returns the
 * forecast means for steps 1..h. Intervals are not made here: textbook formulas under-cover on
 * short series, so forecast.ts calibrates them from backtests instead.
 *
 * Written by hand because no maintained JavaScript library offers drift, damped trend, theta and
 * automatic ETS together, fast enough to backtest 10,000 series in seconds, in the browser too
 * (augurs has AutoETS and MSTL in WASM; arima has ARIMA only). The benchmark checks these against
 * R's forecast package.
 */
import { minimize } from './optimize';

export const FORECAST_METHODS = ['naive', 'drift', 'recent_drift', 'ses', 'holt', 'damped', 'damped_log', 'ets', 'theta', 'loglinear', 'ar_diff', 'shrunk_drift'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

export type PointForecaster = (y: readonly number[], h: number) => number[];

const steps = (h: number, f: (step: number) => number) => Array.from({ length: h }, (_, i) => f(i + 1));

/** Ordinary least squares of y on t = 0..m-1 over the first m values. */
function linearFit(y: readonly number[], m = y.length): { intercept: number; slope: number } {
	const n = Math.min(m, y.length);
	if (n < 2) return { intercept: y[0] ?? 0, slope: 0 };
	const tMean = (n - 1) / 2;
	let yMean = 0;
	for (let i = 0; i < n; i++) yMean += y[i] / n;
	let sxy = 0;
	let sxx = 0;
	for (let i = 0; i < n; i++) {
		sxy += (i - tMean) * (y[i] - yMean);
		sxx += (i - tMean) * (i - tMean);
	}
	const slope = sxy / sxx;
	return { intercept: yMean - slope * tMean, slope };
}

export const naive: PointForecaster = (y, h) => steps(h, () => y[y.length - 1]);

/** Random walk with drift: the average change so far, continued. */
export const drift: PointForecaster = (y, h) => {
	const n = y.length;
	const slope = n > 1 ? (y[n - 1] - y[0]) / (n - 1) : 0;
	return steps(h, (k) => y[n - 1] + k * slope);
};

/** Drift over the last three steps only: follows a trend that has changed. */
export const recentDrift: PointForecaster = (y, h) => {
	const n = y.length;
	const span = Math.min(3, n - 1);
	const slope = span > 0 ? (y[n - 1] - y[n - 1 - span]) / span : 0;
	return steps(h, (k) => y[n - 1] + k * slope);
};

/** A fitted exponential smoothing model: its one-step sum of squared errors and its forecast. */
interface SmoothingFit {
	sse: number;
	/** Parameters plus initial states, for the information criterion. */
	parameterCount: number;
	forecast: (h: number) => number[];
	alpha: number;
}

/**
 * How many values the smoothing parameters and initial states are fitted on: all but the latest,
 * which then only updates the states with positive gains. Fitted on every value, a higher latest
 * figure could pick other parameters and give a lower forecast; a better figure must never lower
 * the probability of meeting a target.
 */
function fittedLength(n: number): number {
	return n > 2 ? n - 1 : n;
}

/**
 * Smoothing models are fitted on at most the latest FIT_WINDOW values: five years of a monthly
 * series, fifteen of a quarterly one, every value of the yearly series plans mostly have. The
 * parameter search runs the series some hundred times per fit, four fits per backtest, so a 20-year
 * monthly series cost four times as much for states that forget those years anyway; the drift,
 * theta's line, the error scale and the seasonal indices still use every value.
 */
export const FIT_WINDOW = 60;

function recent(y: readonly number[]): readonly number[] {
	return y.length > FIT_WINDOW ? y.slice(y.length - FIT_WINDOW) : y;
}

/** ETS(A,N,N): simple exponential smoothing, with the smoothing weight and initial level fitted. */
export function fitSes(series: readonly number[]): SmoothingFit {
	const y = recent(series);
	const n = y.length;
	const run = (alpha: number, level0: number, upTo = n) => {
		let level = level0;
		let sse = 0;
		for (let t = 0; t < upTo; t++) {
			const e = y[t] - level;
			sse += e * e;
			level += alpha * e;
		}
		return { sse, level };
	};
	const fitted = fittedLength(n);
	const spread = Math.max(1e-9, Math.max(...y.slice(0, fitted)) - Math.min(...y.slice(0, fitted)));
	const best = minimize(
		(x) => run(x[0], x[1], fitted).sse,
		[0.5, y[0]],
		[1e-4, y[0] - spread],
		[0.9999, y[0] + spread],
		{ maxEvaluations: 80 }
	);
	const [alpha, level0] = best.x;
	const { sse, level } = run(alpha, level0);
	return { sse, parameterCount: 2, alpha, forecast: (h) => steps(h, () => level) };
}

/** ETS(A,A,N) or, with damping, ETS(A,Ad,N); initial level and trend from a regression on the first values. */
export function fitHolt(series: readonly number[], damped: boolean): SmoothingFit {
	const y = recent(series);
	const n = y.length;
	const fitted = fittedLength(n);
	const start = linearFit(y, Math.min(10, fitted));
	const run = (alpha: number, beta: number, phi: number, upTo = fitted) => {
		let level = start.intercept;
		let trend = start.slope;
		let sse = 0;
		for (let t = 0; t < upTo; t++) {
			const e = y[t] - (level + phi * trend);
			sse += e * e;
			level = level + phi * trend + alpha * e;
			trend = phi * trend + beta * e;
		}
		return { sse, level, trend };
	};
	// beta is kept below alpha (the usual admissible region), by fitting beta as a share of alpha.
	const best = damped
		? minimize((x) => run(x[0], x[0] * x[1], x[2]).sse, [0.5, 0.1, 0.9], [1e-4, 1e-4, 0.8], [0.9999, 0.9999, 0.98], { maxEvaluations: 150 })
		: minimize((x) => run(x[0], x[0] * x[1], 1).sse, [0.5, 0.1], [1e-4, 1e-4], [0.9999, 0.9999], { maxEvaluations: 100 });
	const [alpha, betaShare, phiFitted] = best.x;
	const phi = damped ? phiFitted : 1;
	const { sse, level, trend } = run(alpha, alpha * betaShare, phi, n);
	return {
		sse,
		parameterCount: damped ? 5 : 4,
		alpha,
		forecast: (h) => {
			let damping = 0;
			return steps(h, () => {
				damping = damping * phi + phi;
				return level + damping * trend;
			});
		}
	};
}

/** Corrected Akaike information criterion from the sum of squared errors; Infinity when too few points. */
function aicc(fit: SmoothingFit, n: number): number {
	const k = fit.parameterCount;
	if (n - k - 1 <= 0) return Infinity;
	return n * Math.log(Math.max(fit.sse, 1e-12) / n) + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
}

/** Automatic ETS: simple, Holt or damped Holt (additive errors), whichever has the lowest AICc. */
export const ets: PointForecaster = (y, h) => {
	const candidates = [fitSes(y), fitHolt(y, false), fitHolt(y, true)];
	let best = candidates[0];
	const n = recent(y).length;
	let bestScore = aicc(best, n);
	for (const fit of candidates.slice(1)) {
		const score = aicc(fit, n);
		if (score < bestScore) {
			best = fit;
			bestScore = score;
		}
	}
	return best.forecast(h);
};

export const ses: PointForecaster = (y, h) => fitSes(y).forecast(h);
export const holt: PointForecaster = (y, h) => fitHolt(y, false).forecast(h);
export const damped: PointForecaster = (y, h) => fitHolt(y, true).forecast(h);

/** Damped trend on logarithms: growth at a rate that slows (positive series; otherwise plain damped trend). */
export const dampedLog: PointForecaster = (y, h) =>
	y.every((v) => v > 0) ? fitHolt(y.map(Math.log), true).forecast(h).map(Math.exp) : fitHolt(y, true).forecast(h);

/**
 * The theta method (Assimakopoulos & Nikolopoulos 2000, in Hyndman & Billah's form): simple
 * exponential smoothing plus half the slope of the series' linear trend.
 */
export const theta: PointForecaster = (y, h) => {
	const n = y.length;
	const fit = fitSes(y);
	const level = fit.forecast(1)[0];
	const half = linearFit(y).slope / 2;
	const alpha = fit.alpha;
	const lead = (1 - Math.pow(1 - alpha, n)) / alpha;
	return steps(h, (k) => level + half * (k - 1 + lead));
};

/** One-step changes of a series. */
function changes(y: readonly number[]): number[] {
	return y.slice(1).map((v, i) => v - y[i]);
}

/**
 * ARIMA(1,1,0) with drift, in a few lines: the next changes revert from the latest change towards
 * the average change at the rate of the changes' lag-1 autocorrelation. The autocorrelation is
 * estimated from the changes before the latest one, so a higher latest figure raises every step
 * (1 + the sum of the autocorrelation's powers stays positive for |phi| < 1).
 */
export const arDiff: PointForecaster = (y, h) => {
	const n = y.length;
	if (n < 2) return steps(h, () => y[n - 1]);
	const d = changes(y);
	const past = d.length > 1 ? d.slice(0, -1) : d;
	const pastMean = past.reduce((a, b) => a + b, 0) / past.length;
	let num = 0;
	let den = 0;
	for (let i = 1; i < past.length; i++) {
		num += (past[i] - pastMean) * (past[i - 1] - pastMean);
		den += (past[i - 1] - pastMean) ** 2;
	}
	const phi = den > 0 ? Math.max(-0.9, Math.min(0.9, num / den)) : 0;
	const average = (y[n - 1] - y[0]) / (n - 1);
	const latest = d[d.length - 1];
	let value = y[n - 1];
	let power = 1;
	return steps(h, () => {
		power *= phi;
		value += average + power * (latest - average);
		return value;
	});
};

/**
 * Drift shrunk towards no change by how clearly the earlier changes show a trend: the average
 * change times t² / (t² + 4), t the earlier changes' mean over its standard error (a random walk
 * gets little drift, a steady climb nearly all of it). Like auto.arima's choice of a drift term,
 * but smooth, and with the shrinkage fixed before the latest figure so that it only adds.
 */
export const shrunkDrift: PointForecaster = (y, h) => {
	const n = y.length;
	if (n < 2) return steps(h, () => y[n - 1]);
	const d = changes(y);
	const past = d.length > 1 ? d.slice(0, -1) : d;
	const m = past.reduce((a, b) => a + b, 0) / past.length;
	const sd = Math.sqrt(past.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, past.length - 1));
	const t2 = sd > 0 ? (m * m) / ((sd * sd) / past.length) : Infinity;
	const share = Number.isFinite(t2) ? t2 / (t2 + 4) : 1;
	const slope = ((y[n - 1] - y[0]) / (n - 1)) * share;
	return steps(h, (k) => y[n - 1] + k * slope);
};

/** A straight line through log values (constant growth rate) when all values are positive, else through the values. */
export const loglinear: PointForecaster = (y, h) => {
	const n = y.length;
	if (y.every((v) => v > 0)) {
		const { intercept, slope } = linearFit(y.map(Math.log));
		return steps(h, (k) => Math.exp(intercept + slope * (n - 1 + k)));
	}
	const { intercept, slope } = linearFit(y);
	return steps(h, (k) => intercept + slope * (n - 1 + k));
};

export const POINT_FORECASTERS: Record<ForecastMethod, PointForecaster> = {
	naive,
	drift,
	recent_drift: recentDrift,
	ses,
	holt,
	damped,
	damped_log: dampedLog,
	ets,
	theta,
	loglinear,
	ar_diff: arDiff,
	shrunk_drift: shrunkDrift
};
