/**
 * Forecast benchmark: accuracy (MASE), interval coverage and speed of Pacer's forecasts on short
 * annual series, against R's forecast package on the same windows.
 *
 *   npm run bench:forecast                  evaluation half + speed; writes bench/results/forecast.{json,md}
 *   npm run bench:forecast -- --calibrate   recomputes the interval calibration from the calibration half
 *
 * Series are split in two halves by a hash of their id: the calibration half sets the interval
 * quantiles (and was used to choose the combination's settings); only the other half is reported.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { forecastSeries, type Forecast } from '../../src/lib/domain/forecast/forecast';
import { FORECAST_METHODS, type ForecastMethod } from '../../src/lib/domain/forecast/methods';
import { CALIBRATION } from '../../src/lib/domain/forecast/calibration';
import { generatedSeries, half, publicSeries, windows, type Window } from './forecast-series';

const HORIZON = 3;
const LENGTHS = [6, 10];
const WINDOWS_PER_SERIES = 4;
const CALIBRATION_STEPS = 6;
const PROBABILITIES = CALIBRATION.probabilities;

const all = [...publicSeries(), ...generatedSeries(40, 24)];
const calibrationSeries = all.filter((s) => half(s.id) === 'calibration');
const evaluationSeries = all.filter((s) => half(s.id) === 'evaluation');

function quantile(sorted: number[], p: number): number {
	const at = p * (sorted.length - 1);
	const lo = Math.floor(at);
	const hi = Math.ceil(at);
	return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean absolute one-step change of the training values: the MASE denominator. */
function maseScale(train: number[]): number {
	let s = 0;
	for (let t = 1; t < train.length; t++) s += Math.abs(train[t] - train[t - 1]);
	return s / (train.length - 1);
}

function forecastOrThrow(values: number[], horizon: number, method?: ForecastMethod): Forecast {
	const outcome = forecastSeries(values, { horizon, method });
	if (!outcome.ok) throw new Error(outcome.message);
	return outcome.forecast;
}

/** Training lengths grouped for calibration: short series have heavier-tailed scaled errors. */
const LENGTH_BUCKETS = [
	{ minLength: 3, maxLength: 5 },
	{ minLength: 6, maxLength: 8 },
	{ minLength: 9, maxLength: 12 },
	{ minLength: 13, maxLength: Infinity }
];

function calibrate() {
	let count = 0;
	const buckets = LENGTH_BUCKETS.map(({ minLength, maxLength }) => {
		const errors: number[][] = Array.from({ length: CALIBRATION_STEPS }, () => []);
		for (let length = minLength; length <= Math.min(maxLength, 18); length++) {
			for (const w of windows(calibrationSeries, length, CALIBRATION_STEPS, 3)) {
				const f = forecastOrThrow(w.train, CALIBRATION_STEPS);
				w.test.forEach((actual, k) => errors[k].push((actual - f.mean[k]) / f.scale));
				count++;
			}
		}
		const quantiles = errors.map((e) => {
			const sorted = e.sort((a, b) => a - b);
			return PROBABILITIES.map((p) => Number(quantile(sorted, p).toFixed(4)));
		});
		return { maxLength, quantiles, windows: errors[0].length };
	});
	// Tail growth: the slope of log(width of the central 80%) against log(step), over all buckets.
	const lo = PROBABILITIES.indexOf(0.1);
	const hi = PROBABILITIES.indexOf(0.9);
	const xs = buckets.flatMap((b) => b.quantiles.map((_, k) => Math.log(k + 1)));
	const ys = buckets.flatMap((b) => b.quantiles.map((q) => Math.log(q[hi] - q[lo])));
	const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
	const my = ys.reduce((a, b) => a + b, 0) / ys.length;
	const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
	const file = `/**
 * The calibrated distribution of scaled forecast errors, written by \`npm run bench:forecast -- --calibrate\`:
 * quantiles of (actual - forecast) / errorScale(training values) for the automatic forecast, over
 * ${count} windows (training lengths 3-18, ${CALIBRATION_STEPS} steps ahead) of the calibration half of the
 * benchmark series, in groups by training length.
 */
import type { Calibration } from './calibration-type';

export type { Calibration };

export const CALIBRATION: Calibration = {
	source: ${JSON.stringify(`bench:forecast --calibrate, ${count} windows`)},
	probabilities: ${JSON.stringify(PROBABILITIES)},
	buckets: [
${buckets
	.map(
		(b) => `\t\t{
\t\t\t// ${b.windows} windows
\t\t\tmaxLength: ${Number.isFinite(b.maxLength) ? b.maxLength : 'Infinity'},
\t\t\tquantiles: [
${b.quantiles.map((q) => `\t\t\t\t${JSON.stringify(q)}`).join(',\n')}
\t\t\t]
\t\t}`
	)
	.join(',\n')}
	],
	tailGrowth: ${slope.toFixed(3)}
};
`;
	writeFileSync('src/lib/domain/forecast/calibration.ts', file);
	console.log(`calibrated on ${count} windows; tail growth ${slope.toFixed(3)}`);
}

type Reference = Record<string, { mean: number[]; lower80: number[]; upper80: number[]; lower95: number[]; upper95: number[] } | null>;

/** R's forecast package on the same windows; installs it from Debian when running as root and it is missing. */
function referenceForecasts(ws: Window[]): Reference[] | null {
	const hasForecast = () => spawnSync('Rscript', ['-e', 'library(forecast)'], { stdio: 'ignore' }).status === 0;
	if (!hasForecast() && process.getuid?.() === 0) {
		console.log('installing r-cran-forecast from Debian for the reference methods…');
		spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'r-cran-forecast', 'r-cran-jsonlite'], { stdio: 'ignore' });
	}
	if (!hasForecast()) {
		console.log('R with the forecast package is not available: reference methods skipped');
		return null;
	}
	const input = JSON.stringify(ws.map((w) => ({ train: w.train, h: HORIZON })));
	const out = execFileSync('Rscript', ['scripts/bench/r-reference.R'], { input, maxBuffer: 1 << 28, stdio: ['pipe', 'pipe', 'ignore'] });
	return JSON.parse(out.toString());
}

interface Score {
	method: string;
	windows: number;
	maseH3: number;
	maseH1to3: number;
	coverage80: number | null;
	coverage95: number | null;
}

function evaluate() {
	const evaluation = LENGTHS.flatMap((length) =>
		windows(evaluationSeries, length, HORIZON, WINDOWS_PER_SERIES).map((w) => ({ ...w, length }))
	).filter((w) => maseScale(w.train) > 0);
	const started = performance.now();
	const reference = referenceForecasts(evaluation);
	const referenceSeconds = (performance.now() - started) / 1000;

	const results: Record<string, Score[]> = {};
	for (const length of [...LENGTHS, 0]) {
		const ws = evaluation.map((w, i) => ({ w, i })).filter(({ w }) => length === 0 || w.length === length);
		const scores: Score[] = [];
		const score = (method: string, get: (w: Window, i: number) => { mean: number[]; intervals?: Record<string, { lower: number[]; upper: number[] }> } | null) => {
			let h3 = 0;
			let all3 = 0;
			let n = 0;
			let inside80 = 0;
			let inside95 = 0;
			let points = 0;
			let hasIntervals = false;
			for (const { w, i } of ws) {
				const f = get(w, i);
				if (!f) continue;
				const s = maseScale(w.train);
				h3 += Math.abs(w.test[2] - f.mean[2]) / s;
				all3 += w.test.reduce((a, actual, k) => a + Math.abs(actual - f.mean[k]) / s, 0) / HORIZON;
				n++;
				if (f.intervals) {
					hasIntervals = true;
					w.test.forEach((actual, k) => {
						points++;
						if (actual >= f.intervals!['80'].lower[k] && actual <= f.intervals!['80'].upper[k]) inside80++;
						if (actual >= f.intervals!['95'].lower[k] && actual <= f.intervals!['95'].upper[k]) inside95++;
					});
				}
			}
			scores.push({
				method,
				windows: n,
				maseH3: h3 / n,
				maseH1to3: all3 / n,
				coverage80: hasIntervals ? inside80 / points : null,
				coverage95: hasIntervals ? inside95 / points : null
			});
		};
		score('pacer auto', (w) => forecastOrThrow(w.train, HORIZON));
		for (const m of FORECAST_METHODS) score(`pacer ${m}`, (w) => forecastOrThrow(w.train, HORIZON, m));
		if (reference) {
			for (const m of ['naive', 'drift', 'ets', 'theta', 'arima', 'damped']) {
				score(`R ${m}`, (_, i) => {
					const r = reference[i][m];
					if (!r) return null;
					return { mean: r.mean, intervals: { '80': { lower: r.lower80, upper: r.upper80 }, '95': { lower: r.lower95, upper: r.upper95 } } };
				});
			}
		}
		results[length === 0 ? 'all' : `length ${length}`] = scores;
	}
	return { windows: evaluation.length, series: evaluationSeries.length, results, referenceSeconds, referenceAvailable: reference !== null };
}

function speed() {
	const series = generatedSeries(Math.ceil(10_000 / 7), 20, 7).slice(0, 10_000).map((s) => s.values);
	for (const values of series.slice(0, 300)) forecastSeries(values, { horizon: 3 });
	const started = performance.now();
	for (const values of series) forecastSeries(values, { horizon: 3 });
	return { series: series.length, points: 20, seconds: (performance.now() - started) / 1000 };
}

function summary(report: ReturnType<typeof evaluate>, timing: ReturnType<typeof speed>): string {
	const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
	const lines = [`Forecast benchmark (${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB)`, ''];
	lines.push(`Evaluation half: ${report.series} series (public vega-datasets series and generated plan-like series), ${report.windows} windows of 6 or 10 annual points, horizon ${HORIZON}.`, '');
	for (const [group, scores] of Object.entries(report.results)) {
		const classical = scores.filter((s) => s.method.startsWith('R '));
		const bestClassical = classical.length ? classical.reduce((a, b) => (a.maseH3 < b.maseH3 ? a : b)) : null;
		const auto = scores.find((s) => s.method === 'pacer auto')!;
		lines.push(`### ${group}`, '', '| method | windows | MASE h=3 | MASE h=1-3 | 80% coverage | 95% coverage |', '|---|---|---|---|---|---|');
		for (const s of scores) {
			lines.push(`| ${s.method} | ${s.windows} | ${s.maseH3.toFixed(3)} | ${s.maseH1to3.toFixed(3)} | ${pct(s.coverage80)} | ${pct(s.coverage95)} |`);
		}
		if (bestClassical) {
			const bestAll = classical.reduce((a, b) => (a.maseH1to3 < b.maseH1to3 ? a : b));
			lines.push(
				'',
				`Pacer auto vs the best R method at h=3 (${bestClassical.method}): ${(((bestClassical.maseH3 - auto.maseH3) / bestClassical.maseH3) * 100).toFixed(1)}% lower MASE; ` +
					`over h=1-3 (${bestAll.method}): ${(((bestAll.maseH1to3 - auto.maseH1to3) / bestAll.maseH1to3) * 100).toFixed(1)}% lower.`
			);
		}
		lines.push('');
	}
	lines.push(`Speed: ${timing.series} series of ${timing.points} points forecast (auto, horizon 3, with backtests) in ${timing.seconds.toFixed(2)} s on one core.`);
	return lines.join('\n');
}

if (process.argv.includes('--calibrate')) {
	calibrate();
} else {
	const report = evaluate();
	const timing = speed();
	mkdirSync('bench/results', { recursive: true });
	const text = summary(report, timing);
	writeFileSync('bench/results/forecast.json', JSON.stringify({ date: new Date().toISOString(), calibration: CALIBRATION.source, ...report, speed: timing }, null, 2));
	writeFileSync('bench/results/forecast.md', text + '\n');
	console.log(text);
}
