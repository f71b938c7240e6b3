/** The shape of a forecast-error calibration; the numbers are generated into calibration.ts. */
export interface Calibration {
	source: string;
	probabilities: number[];
	/** Per group of series lengths (up to maxLength points): quantiles[h-1][i] is the probabilities[i] quantile at step h. */
	buckets: { maxLength: number; quantiles: number[][] }[];
	/** Growth of the quantiles beyond the last calibrated step: q(h) = q(H) (h/H)^tailGrowth. */
	tailGrowth: number;
	/** The combination's weighting (power of inverse backtest error, prior weight of equal weights), chosen by cross-validation over sources. */
	combination?: { power: number; prior: number };
}
