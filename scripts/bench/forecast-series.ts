/**
 * Series for the forecast benchmark: public annual (or regularly spaced) series from the
 * vega-datasets package, which anyone can install from npm, and generated series shaped like plan
 * indicators (growing industry scales, accumulating counts, falling durations), from a fixed seed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mulberry32 } from './mulberry32';

export interface BenchSeries {
	id: string;
	origin: 'public' | 'generated';
	values: number[];
}

const require = createRequire(import.meta.url);
// The package exports only its URL index; the data files sit beside its build folder.
const dataDir = join(dirname(require.resolve('vega-datasets')), '..', 'data');
const json = (name: string) => JSON.parse(readFileSync(join(dataDir, name), 'utf8'));
const csv = (name: string) => {
	const [head, ...rows] = readFileSync(join(dataDir, name), 'utf8').trim().split('\n');
	const columns = head.split(',');
	return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [columns[i], v])));
};

/** Groups rows into one series per key, ordered by the time key, averaging rows that share a time. */
function grouped<T>(rows: T[], key: (r: T) => string, time: (r: T) => number, value: (r: T) => number): Map<string, number[]> {
	const buckets = new Map<string, Map<number, number[]>>();
	for (const r of rows) {
		const v = value(r);
		if (!Number.isFinite(v)) continue;
		const byTime = buckets.get(key(r)) ?? new Map<number, number[]>();
		byTime.set(time(r), [...(byTime.get(time(r)) ?? []), v]);
		buckets.set(key(r), byTime);
	}
	const out = new Map<string, number[]>();
	for (const [k, byTime] of buckets) {
		out.set(k, [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([, vs]) => vs.reduce((a, b) => a + b, 0) / vs.length));
	}
	return out;
}

export function publicSeries(): BenchSeries[] {
	const out: BenchSeries[] = [];
	const add = (prefix: string, series: Map<string, number[]>) => {
		for (const [k, values] of series) out.push({ id: `${prefix}/${k}`, origin: 'public', values });
	};
	type Gap = { year: number; country: string; pop: number; life_expect: number; fertility: number };
	const gapminder: Gap[] = json('gapminder.json');
	for (const field of ['pop', 'life_expect', 'fertility'] as const) {
		add(`gapminder-${field}`, grouped(gapminder, (r) => r.country, (r) => r.year, (r) => r[field]));
	}
	type Job = { job: string; sex: string; year: number; count: number };
	const jobs = grouped(json('jobs.json') as Job[], (r) => `${r.job}/${r.sex}`, (r) => r.year, (r) => r.count);
	// Occupations that were empty in some decade are mostly zeros: not the kind of series plans track.
	add('jobs', new Map([...jobs].filter(([, v]) => v.every((x) => x > 0))));
	type Pop = { year: number; age: number; sex: number; people: number };
	add('us-population', grouped(json('population.json') as Pop[], (r) => `age${r.age}/sex${r.sex}`, (r) => r.year, (r) => r.people));
	type Drive = { year: number; miles: number; gas: number };
	const driving: Drive[] = json('driving.json');
	add('driving', grouped(driving.flatMap((r) => [{ k: 'miles', ...r, v: r.miles }, { k: 'gas', ...r, v: r.gas }]), (r) => r.k, (r) => r.year, (r) => r.v));
	type Wheat = { year: string; wheat: number; wages: number };
	const wheat: Wheat[] = json('wheat.json');
	add('wheat', grouped(wheat.flatMap((r) => [{ k: 'wheat', t: +r.year, v: r.wheat }, { k: 'wages', t: +r.year, v: r.wages }]), (r) => r.k, (r) => r.t, (r) => r.v));
	type Unemp = { series: string; year: number; count: number };
	add('unemployment', grouped(json('unemployment-across-industries.json') as Unemp[], (r) => r.series, (r) => r.year, (r) => r.count));
	add('disasters', grouped(csv('disasters.csv'), (r) => r.Entity, (r) => +r.Year, (r) => +r.Deaths));
	add('global-temp', grouped(csv('global-temp.csv'), () => 'temp', (r) => +r.year, (r) => +r.temp));
	add('co2', grouped(csv('co2-concentration.csv'), () => 'co2', (r) => +r.Date.slice(0, 4), (r) => +r.CO2));
	add('iowa-electricity', grouped(csv('iowa-electricity.csv'), (r) => r.source, (r) => +r.year.slice(0, 4), (r) => +r.net_generation));
	add('stocks', grouped(csv('stocks.csv'), (r) => r.symbol, (r) => +r.date.slice(-4), (r) => +r.price));
	const employment = csv('us-employment.csv');
	const sectors = Object.keys(employment[0]).filter((c) => c !== 'month' && c !== 'nonfarm_change');
	for (const sector of sectors) {
		add('us-employment', grouped(employment, () => sector, (r) => +r.month.slice(0, 4), (r) => +r[sector]));
	}
	// US federal receipts by source category (OMB), summed over accounts: a publisher's annual series.
	const budget: Record<string, string>[] = json('budget.json');
	const receipts = new Map<string, Map<number, number>>();
	for (const row of budget) {
		const category = row['Source category name'];
		const byYear = receipts.get(category) ?? new Map<number, number>();
		for (const [key, value] of Object.entries(row)) {
			if (!/^\d{4}$/.test(key)) continue;
			byYear.set(+key, (byYear.get(+key) ?? 0) + Number(String(value).replace(/,/g, '')));
		}
		receipts.set(category, byYear);
	}
	add('budget', new Map([...receipts].map(([k, byYear]) => [k, [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v)] as [string, number[]]).filter(([, v]) => v.every((x) => x > 0))));
	// The S&P 500 index, monthly, as yearly means.
	add('sp500', grouped(csv('sp500.csv'), () => 'index', (r) => +r.date.slice(-4), (r) => +r.price));
	// Years with a partial set of months (a leading or trailing year) are averages of fewer months; keep them.
	return out.filter((s) => s.values.length >= 9);
}

/** A small deterministic generator (mulberry32), so generated series are the same in every run. */
export function random(seed: number) {
	const next = mulberry32(seed);
	const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
	const poisson = (lambda: number) => {
		const limit = Math.exp(-lambda);
		let k = 0;
		let p = next();
		while (p > limit) {
			k++;
			p *= next();
		}
		return k;
	};
	return { next, normal, poisson, uniform: (lo: number, hi: number) => lo + (hi - lo) * next() };
}

/** Shapes of plan indicators: each returns `length` values. */
const SHAPES: Record<string, (r: ReturnType<typeof random>, length: number) => number[]> = {
	// An industry's output: compound growth with noise in the rate.
	growth: (r, n) => {
		const rate = r.uniform(-0.02, 0.18);
		const noise = r.uniform(0.01, 0.08);
		let v = r.uniform(50, 5000);
		return Array.from({ length: n }, () => (v *= Math.exp(rate + noise * r.normal())));
	},
	// A random walk with drift.
	walk: (r, n) => {
		const driftPerYear = r.uniform(-1, 3);
		const noise = r.uniform(0.5, 4);
		let v = r.uniform(20, 200);
		return Array.from({ length: n }, () => (v += driftPerYear + noise * r.normal()));
	},
	// Growth that slows: a damped trend.
	slowing: (r, n) => {
		let trend = r.uniform(2, 15);
		const phi = r.uniform(0.6, 0.95);
		const noise = r.uniform(0.3, 3);
		let v = r.uniform(50, 300);
		return Array.from({ length: n }, () => {
			trend *= phi;
			return (v += trend + noise * r.normal());
		});
	},
	// A running count of approvals: the sum of yearly counts whose rate rises.
	count: (r, n) => {
		let lambda = r.uniform(1, 8);
		const rise = r.uniform(0, 0.15);
		let total = r.uniform(0, 20);
		return Array.from({ length: n }, () => {
			lambda *= 1 + rise;
			return (total += r.poisson(Math.min(lambda, 200)));
		});
	},
	// A processing time being cut towards a floor.
	duration: (r, n) => {
		const floor = r.uniform(2, 20);
		let excess = r.uniform(10, 80);
		const cut = r.uniform(0.05, 0.3);
		const noise = r.uniform(0.02, 0.1);
		return Array.from({ length: n }, () => {
			excess *= 1 - cut;
			return (floor + excess) * Math.exp(noise * r.normal());
		});
	},
	// A trend that breaks: the slope changes at a random year.
	break: (r, n) => {
		const at = Math.floor(r.uniform(3, n - 3));
		const before = r.uniform(-2, 6);
		const after = r.uniform(-4, 8);
		const noise = r.uniform(0.5, 3);
		let v = r.uniform(50, 150);
		return Array.from({ length: n }, (_, t) => (v += (t < at ? before : after) + noise * r.normal()));
	},
	// A level that wanders around a mean: an autoregressive series.
	wander: (r, n) => {
		const mean = r.uniform(20, 100);
		const rho = r.uniform(0.2, 0.9);
		const noise = r.uniform(1, 8);
		let v = mean;
		return Array.from({ length: n }, () => (v = mean + rho * (v - mean) + noise * r.normal()));
	}
};

export function generatedSeries(perShape: number, length: number, seed = 20261123): BenchSeries[] {
	const r = random(seed);
	return Object.entries(SHAPES).flatMap(([shape, make]) =>
		Array.from({ length: perShape }, (_, i) => ({ id: `generated-${shape}/${i}`, origin: 'generated' as const, values: make(r, length) }))
	);
}

/**
 * The source (publisher or data set) a series comes from: its id's prefix, with the three gapminder
 * fields as one source. Tuning and reporting are split by source, never by series.
 */
export function sourceOf(id: string): string {
	const prefix = id.split('/')[0];
	if (prefix.startsWith('gapminder')) return 'gapminder';
	if (prefix.startsWith('generated')) return 'generated';
	return prefix;
}

/** FNV-1a: splits series into a calibration half and an evaluation half by their id, stably. */
export function half(id: string): 'calibration' | 'evaluation' {
	let hash = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
	return (hash >>> 0) % 2 === 0 ? 'calibration' : 'evaluation';
}

export interface Window {
	seriesId: string;
	origin: 'public' | 'generated';
	train: number[];
	test: number[];
}

/** Up to `perSeries` windows of `length` training points and `horizon` test points, spread along each series. */
export function windows(series: BenchSeries[], length: number, horizon: number, perSeries: number): Window[] {
	return series.flatMap((s) => {
		const starts = s.values.length - length - horizon + 1;
		if (starts <= 0) return [];
		const count = Math.min(perSeries, starts);
		const picks = [...new Set(Array.from({ length: count }, (_, i) => Math.round(count === 1 ? starts - 1 : (i * (starts - 1)) / (count - 1))))];
		return picks.map((start) => ({
			seriesId: s.id,
			origin: s.origin,
			train: s.values.slice(start, start + length),
			test: s.values.slice(start + length, start + length + horizon)
		}));
	});
}
