/**
 * Forecast benchmark: accuracy (MASE), interval coverage and speed of Pacer's forecasts on short
 * annual series, against R's forecast package on the same windows.
 *
 *   npm run bench:forecast                  tunes on the tuning sources, reports the held-out ones + speed; writes bench/results/forecast.{json,md}
 *   npm run bench:forecast -- --calibrate   also writes the tuned weighting and calibration to src/lib/domain/forecast/calibration.ts
 *
 * Series are grouped by source (a data set or publisher). A fixed set of sources is held out and
 * only they are reported; the others tune: the combination's weighting is chosen by leave-one-
 * source-out cross-validation, the interval quantiles come from the tuning sources, widened by the
 * factor that makes leave-one-source-out coverage nominal. Nothing from a held-out source is used.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { COMBINED_METHODS, SHORT_METHODS, SHORT_SERIES, forecastSeries, type Forecast } from '../../src/lib/domain/forecast/forecast';
import { FORECAST_METHODS, type ForecastMethod } from '../../src/lib/domain/forecast/methods';
import { CALIBRATION } from '../../src/lib/domain/forecast/calibration';
import type { Calibration } from '../../src/lib/domain/forecast/calibration-type';
import { generatedSeries, publicSeries, sourceOf, windows, type Window } from './forecast-series';

const HORIZON = 3;
const LENGTHS = [6, 10];
const WINDOWS_PER_SERIES = 4;
const CALIBRATION_STEPS = 6;
const PROBABILITIES = CALIBRATION.probabilities;

/** Reported only, never tuned on: a new publisher (OMB receipts) and four the earlier benchmark had mixed into tuning. */
const HELD_OUT = ['budget', 'us-employment', 'unemployment', 'iowa-electricity', 'disasters'];
const all = [...publicSeries(), ...generatedSeries(40, 24)];
const calibrationSeries = all.filter((s) => !HELD_OUT.includes(sourceOf(s.id)));
const evaluationSeries = all.filter((s) => HELD_OUT.includes(sourceOf(s.id)));
const GRID = [1, 2, 3].flatMap((power) => [2, 4, 8].map((prior) => ({ power, prior })));

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

function forecastOrThrow(values: number[], horizon: number, method?: ForecastMethod, calibration: Calibration = tuned ?? CALIBRATION): Forecast {
	const outcome = forecastSeries(values, { horizon, method, calibration });
	if (!outcome.ok) throw new Error(outcome.message);
	return outcome.forecast;
}

/** Training lengths grouped for calibration: short series have heavier-tailed scaled errors. */
const LENGTH_BUCKETS = [
	{ minLength: 3, maxLength: 3 },
	{ minLength: 4, maxLength: 5 },
	{ minLength: 6, maxLength: 8 },
	{ minLength: 9, maxLength: 12 },
	{ minLength: 13, maxLength: Infinity }
];

let tuned: Calibration | null = null;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Leave-one-source-out MASE at h=3 of each weighting on the tuning sources (each source counts once). */
function chooseWeighting() {
	const ws = LENGTHS.flatMap((length) => windows(calibrationSeries, length, HORIZON, WINDOWS_PER_SERIES)).filter((w) => maseScale(w.train) > 0);
	const sources = [...new Set(ws.map((w) => sourceOf(w.seriesId)))];
	const scores = GRID.map((combination) => {
		const calibration = { ...CALIBRATION, combination };
		const bySource = sources.map((source) =>
			mean(ws.filter((w) => sourceOf(w.seriesId) === source).map((w) => Math.abs(w.test[2] - forecastOrThrow(w.train, HORIZON, undefined, calibration).mean[2]) / maseScale(w.train)))
		);
		return { combination, mase: mean(bySource) };
	});
	return { best: scores.reduce((a, b) => (a.mase < b.mase ? a : b)), scores, sources };
}

function quantilesOf(errors: number[][]): number[][] {
	return errors.map((e) => {
		const sorted = [...e].sort((a, b) => a - b);
		return PROBABILITIES.map((p) => Number(quantile(sorted, p).toFixed(4)));
	});
}

/** Interval quantiles from the tuning sources, widened so that leave-one-source-out coverage is nominal. */
function calibrate(combination: { power: number; prior: number }): Calibration {
	const base = { ...CALIBRATION, combination };
	type E = { source: string; bucket: number; errors: number[] };
	const errs: E[] = [];
	LENGTH_BUCKETS.forEach(({ minLength, maxLength }, bucket) => {
		for (let length = minLength; length <= Math.min(maxLength, 18); length++) {
			for (const w of windows(calibrationSeries, length, CALIBRATION_STEPS, 3)) {
				const f = forecastOrThrow(w.train, CALIBRATION_STEPS, undefined, base);
				errs.push({ source: sourceOf(w.seriesId), bucket, errors: w.test.map((actual, k) => (actual - f.mean[k]) / f.scale) });
			}
		}
	});
	const quantilesFrom = (subset: E[]) =>
		LENGTH_BUCKETS.map((_, b) => quantilesOf(Array.from({ length: CALIBRATION_STEPS }, (_, k) => subset.filter((e) => e.bucket === b).map((e) => e.errors[k]))));
	const sources = [...new Set(errs.map((e) => e.source))];
	// Coverage of a central interval at a widening factor, left-out source by left-out source (steps 1-3).
	const folds = sources.map((source) => ({ q: quantilesFrom(errs.filter((e) => e.source !== source)), test: errs.filter((e) => e.source === source) }));
	const coverage = (level: number, factor: number, bucket: number) => {
		const lo = PROBABILITIES.indexOf((1 - level) / 2 > 0.0249 && (1 - level) / 2 < 0.0251 ? 0.025 : 0.1);
		const hi = PROBABILITIES.length - 1 - lo;
		const scored = folds.map(({ q, test }) => test.filter((e) => e.bucket === bucket).flatMap((e) => e.errors.slice(0, HORIZON).map((x, k) => (x >= factor * q[e.bucket][k][lo] && x <= factor * q[e.bucket][k][hi] ? 1 : 0))));
		return mean(scored.filter((c) => c.length > 0).map(mean));
	};
	const factorFor = (level: number, bucket: number) => {
		let lo = 0.5;
		let hi = 3;
		for (let i = 0; i < 30; i++) {
			const mid = (lo + hi) / 2;
			if (coverage(level, mid, bucket) < level) lo = mid;
			else hi = mid;
		}
		return Number(((lo + hi) / 2).toFixed(3));
	};
	// One widening per length group: short series' scaled errors are heavier-tailed in other ways than long ones'.
	const factors = LENGTH_BUCKETS.map((_, b) => ({ f80: factorFor(0.8, b), f95: factorFor(0.95, b) }));
	// The factor by central level: f80 up to 80%, f95 from 95%, linear between; quantiles kept increasing.
	const factorAt = (p: number, b: number) => {
		const { f80, f95 } = factors[b];
		const level = Math.abs(1 - 2 * p);
		return level <= 0.8 ? f80 : level >= 0.95 ? f95 : f80 + ((level - 0.8) / 0.15) * (f95 - f80);
	};
	const pooled = quantilesFrom(errs);
	const buckets = LENGTH_BUCKETS.map(({ maxLength }, b) => ({
		maxLength,
		quantiles: pooled[b].map((row) => {
			const widened = row.map((q, i) => Number((q * factorAt(PROBABILITIES[i], b)).toFixed(4)));
			for (let i = 1; i < widened.length; i++) widened[i] = Math.max(widened[i], widened[i - 1]);
			return widened;
		}),
		windows: errs.filter((e) => e.bucket === b).length
	}));
	const lo = PROBABILITIES.indexOf(0.1);
	const hi = PROBABILITIES.indexOf(0.9);
	const xs = buckets.flatMap((b) => b.quantiles.map((_, k) => Math.log(k + 1)));
	const ys = buckets.flatMap((b) => b.quantiles.map((q) => Math.log(q[hi] - q[lo])));
	const mx = mean(xs);
	const my = mean(ys);
	const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
	return {
		source: `bench:forecast --calibrate, ${errs.length} windows of ${sources.length} tuning sources (held out: ${HELD_OUT.join(', ')}); widening by length group (80%/95%): ${LENGTH_BUCKETS.map(({ minLength, maxLength }, b) => `${minLength}${maxLength === minLength ? '' : Number.isFinite(maxLength) ? `-${maxLength}` : '+'} points ${factors[b].f80}/${factors[b].f95}`).join(', ')}`,
		probabilities: PROBABILITIES,
		buckets: buckets.map(({ maxLength, quantiles }) => ({ maxLength, quantiles })),
		tailGrowth: Number(slope.toFixed(3)),
		combination
	};
}

function writeCalibration(c: Calibration) {
	const file = `/**
 * The calibrated distribution of scaled forecast errors and the combination's weighting, written by
 * \`npm run bench:forecast -- --calibrate\` from the tuning sources only (never the held-out ones):
 * quantiles of (actual - forecast) / errorScale(training values but the latest) for the automatic
 * forecast, by training length (rows: steps 1-${CALIBRATION_STEPS}), widened so that leave-one-source-out
 * coverage is nominal.
 */
import type { Calibration } from './calibration-type';

export type { Calibration };

export const CALIBRATION: Calibration = {
	source: ${JSON.stringify(c.source)},
	probabilities: ${JSON.stringify(c.probabilities)},
	buckets: [
${c.buckets.map((b) => `\t\t{\n\t\t\tmaxLength: ${Number.isFinite(b.maxLength) ? b.maxLength : 'Infinity'},\n\t\t\tquantiles: [\n${b.quantiles.map((q) => `\t\t\t\t${JSON.stringify(q)}`).join(',\n')}\n\t\t\t]\n\t\t}`).join(',\n')}
	],
	tailGrowth: ${c.tailGrowth},
	combination: ${JSON.stringify(c.combination)}
};
`;
	writeFileSync('src/lib/domain/forecast/calibration.ts', file);
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

function summary(report: ReturnType<typeof evaluate> & { tuning: { tuningSources: string[]; grid: { combination: { power: number; prior: number }; mase: number }[]; chosen: { combination: { power: number; prior: number } }; calibration: string } }, timing: ReturnType<typeof speed>): string {
	const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
	const lines = [`Forecast benchmark (${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB)`, ''];
	lines.push(
		`Held-out sources (never used for tuning or calibration): ${HELD_OUT.join(', ')}: ${report.series} public series, ${report.windows} windows of 6 or 10 annual points, horizon ${HORIZON}.`,
		`Tuning sources: ${report.tuning.tuningSources.join(', ')}. Weighting chosen by leave-one-source-out MASE at h=3: power ${report.tuning.chosen.combination.power}, prior ${report.tuning.chosen.combination.prior} (grid: ${report.tuning.grid.map((g) => `${g.combination.power}/${g.combination.prior}: ${g.mase.toFixed(3)}`).join(', ')}).`,
		`Automatic forecast: up to ${SHORT_SERIES} points the plain average of ${SHORT_METHODS.join(' and ')}; longer series ${COMBINED_METHODS.join(', ')}, weighted by their backtest.`,
		`Calibration: ${report.tuning.calibration}.`,
		''
	);
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
			// Says "lower" or "higher" with a positive number: "-12% lower" read as better when it was worse.
			const versus = (ours: number, theirs: number) => {
				const change = ((ours - theirs) / theirs) * 100;
				return `${Math.abs(change).toFixed(1)}% ${change <= 0 ? 'lower (better)' : 'higher (worse)'}`;
			};
			lines.push(
				'',
				`Pacer auto vs the best R method at h=3 (${bestClassical.method}): MASE ${versus(auto.maseH3, bestClassical.maseH3)}; ` +
					`over h=1-3 (${bestAll.method}): ${versus(auto.maseH1to3, bestAll.maseH1to3)}.`
			);
		}
		lines.push('');
	}
	lines.push(`Speed: ${timing.series} series of ${timing.points} points forecast (auto, horizon 3, with backtests) in ${timing.seconds.toFixed(2)} s on one core.`);
	return lines.join('\n');
}

{
	const started = performance.now();
	const choice = chooseWeighting();
	tuned = calibrate(choice.best.combination);
	const tuningSeconds = (performance.now() - started) / 1000;
	console.log(`weighting ${JSON.stringify(choice.best.combination)} (cross-validated MASE h=3 ${choice.best.mase.toFixed(3)}); ${tuned.source}; ${tuningSeconds.toFixed(0)} s`);
	if (process.argv.includes('--calibrate')) writeCalibration(tuned);
	const stale = JSON.stringify({ ...CALIBRATION }) !== JSON.stringify(tuned);
	if (stale && !process.argv.includes('--calibrate')) console.log('note: src/lib/domain/forecast/calibration.ts differs from this tuning; run with --calibrate to write it');
	const report = { ...evaluate(), tuning: { heldOut: HELD_OUT, tuningSources: choice.sources, grid: choice.scores, chosen: choice.best, calibration: tuned.source, seconds: tuningSeconds } };
	const timing = speed();
	mkdirSync('bench/results', { recursive: true });
	const text = summary(report, timing);
	writeFileSync('bench/results/forecast.json', JSON.stringify({ date: new Date().toISOString(), ...report, speed: timing }, null, 2));
	writeFileSync('bench/results/forecast.md', text + '\n');
	console.log(text);
}
