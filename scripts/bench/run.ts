/**
 * Load benchmark of the server-rendered pages, under 1, 10 and 50 concurrent clients (autocannon),
 * on PGlite and PostgreSQL, at the seed size and (when given) at the scale size. Each figure is also
 * given as a ratio to a baseline measured in the same run with the same concurrency: a static file
 * from the same server (/favicon.svg), so runs on a busy or slower machine can be compared.
 *
 *   npm run build && npm run bench [-- options]
 *     --duration 8               seconds per measurement (after a 1-second warm-up)
 *     --clients 1,10,50          concurrencies
 *     --backends pglite,postgres PostgreSQL needs DATABASE_URL (a server where databases can be created)
 *     --sizes seed,scale         scale needs --scale-url (PostgreSQL) and/or --scale-dir (PGlite),
 *                                loaded with npm run bench:data
 *     --scale-url URL --scale-dir DIR
 *     --scale-targets 20000      how many scale-t… targets the random target pages pick from
 *     --no-cache                 serve with PACER_PAGE_CACHE=off (every request rendered)
 *     --workers N                PostgreSQL only: serve with PACER_WORKERS=N (npm start's launcher, scripts/start.mjs)
 *     --with import,forecast,books,screen   also run those benchmarks (their own scripts and result files)
 *
 * Pages: a static file and the login page (baselines), the overview, a target page, the explorer and
 * an explorer search, each asked for again and again (after the first request they come from the
 * page cache), then the same kinds of page at random addresses (random overview pages, random
 * targets, random searches), which the cache mostly has not seen: the cost of rendering.
 *
 * Writes bench/results/load.json and bench/results/load.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { startServer } from './server';
import { mulberry32 } from './mulberry32';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
const DURATION = Number(arg('duration', '8'));
const CLIENTS = arg('clients', '1,10,50').split(',').map(Number);
const BACKENDS = arg('backends', process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite').split(',');
const SIZES = arg('sizes', 'seed').split(',');
const SCALE_URL = arg('scale-url', '');
const SCALE_DIR = arg('scale-dir', '');
const WITH = arg('with', '').split(',').filter(Boolean);
const NO_CACHE = process.argv.includes('--no-cache');
const WORKERS = arg('workers', '1');
const SCALE_TARGETS = Number(arg('scale-targets', '20000'));


interface Measurement {
	backend: string;
	size: string;
	page: string;
	url: string;
	clients: number;
	requests: number;
	errors: number;
	p50: number;
	p95: number;
	p99: number;
	rps: number;
	load: string;
	/** Against the static file. */
	ratio?: { p50: number; p95: number; rps: number };
	/** Against a small server-rendered page (the login form: SvelteKit's rendering, no judgements). */
	smallPageRatio?: { p50: number; p95: number; rps: number };
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One autocannon run; latencies are collected per response, so p95 is exact (autocannon's own table has p97.5, not p95). */
async function hammer(url: string, clients: number, seconds: number, paths?: () => string) {
	const latencies: number[] = [];
	let errors = 0;
	const instance = autocannon({
		url,
		connections: clients,
		duration: seconds,
		timeout: 60,
		// As a browser asks: pages from the page cache then come gzip-compressed.
		headers: { 'accept-encoding': 'gzip, deflate, br' },
		// A different address per request: pages not yet rendered (the page cache misses).
		requests: paths ? [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: paths() }) }] : undefined
	});
	instance.on('response', (_client: unknown, status: number, _bytes: number, time: number) => {
		if (status >= 400) errors++;
		latencies.push(time);
	});
	const result = await instance;
	latencies.sort((a, b) => a - b);
	errors += result.errors + result.timeouts;
	return { requests: latencies.length, errors, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), rps: latencies.length / seconds };
}

/** Waits until renders queued by the previous measurement are done: the small page answers quickly again (30 s at most). */
async function drain(base: string) {
	const until = Date.now() + 30_000;
	while (Date.now() < until) {
		const started = performance.now();
		try {
			await (await fetch(base + '/login')).arrayBuffer();
		} catch {
			return; // the server stopped: the next measurement starts it again
		}
		if (performance.now() - started < 50) return;
		await new Promise((r) => setTimeout(r, 200));
	}
}

async function measureServer(backend: string, size: string, env: NodeJS.ProcessEnv, targetId: string, targetIds: string[]): Promise<Measurement[]> {
	// A cluster needs PostgreSQL; PGlite is always one process.
	const workers = backend === 'postgres' ? WORKERS : '1';
	const serverEnv = { ...env, PACER_PAGE_CACHE: NO_CACHE ? 'off' : 'on', PACER_WORKERS: workers };
	const entry = workers === '1' ? 'build' : 'scripts/start.mjs';
	const log = path.resolve('bench/results/server.log');
	mkdirSync(path.dirname(log), { recursive: true });
	let server = await startServer(serverEnv, { logFile: log, entry });
	const random = mulberry32(1);
	const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
	const varied: Record<string, () => string> = {
		'/targets/(random)': () => `/targets/${pick(targetIds)}`,
		'/explore?q=(random)': () => `/explore?q=${encodeURIComponent(pick(targetIds).slice(-4))}`,
		'/?page=(random)': () => `/?page=${1 + Math.floor(random() * 100)}`
	};
	const pages: [string, string][] = [
		['baseline (static file)', '/favicon.svg'],
		['baseline (small page)', '/login'],
		['overview', '/'],
		['target page', `/targets/${targetId}`],
		['explorer', '/explore'],
		['explorer search', `/explore?q=${encodeURIComponent('伦理')}`],
		['overview, random pages', '/?page=(random)'],
		['target page, random targets', '/targets/(random)'],
		['explorer, random searches', '/explore?q=(random)']
	];
	const out: Measurement[] = [];
	try {
		for (const [, url] of pages.filter(([, u]) => !varied[u])) {
			// First request: the stored judgements are brought up to date and the index read.
			const first = await fetch(server.base + url);
			if (!first.ok) throw new Error(`${url}: ${first.status}`);
			await first.arrayBuffer();
		}
		for (const clients of CLIENTS) {
			let baseline: Measurement | null = null;
			let small: Measurement | null = null;
			for (const [page, url] of pages) {
				if (server.child.exitCode !== null || server.child.signalCode !== null) {
					// A server that stopped (see bench/results/server.log) is started again and the run goes on; the stop is recorded.
					const how = `server stopped (${server.child.exitCode ?? server.child.signalCode}) before ${page} ×${clients}; restarted`;
					console.log(how);
					restarts.push(how);
					server = await startServer(serverEnv, { logFile: log, entry });
				}
				await drain(server.base);
				await hammer(server.base + url, clients, 1, varied[url]);
				await drain(server.base);
				const r = await hammer(server.base + (varied[url] ? '/' : url), clients, DURATION, varied[url]);
				const m: Measurement = { backend, size, page, url, clients, ...r, load: loadavg() };
				if (baseline) m.ratio = { p50: m.p50 / baseline.p50, p95: m.p95 / baseline.p95, rps: m.rps / baseline.rps };
				else baseline = m;
				if (small) m.smallPageRatio = { p50: m.p50 / small.p50, p95: m.p95 / small.p95, rps: m.rps / small.rps };
				else if (page.startsWith('baseline (small')) small = m;
				console.log(
					`${backend} ${size} ${page} ×${clients}: p50 ${m.p50.toFixed(1)} p95 ${m.p95.toFixed(1)} p99 ${m.p99.toFixed(1)} ms, ${m.rps.toFixed(1)} req/s${m.errors ? `, ${m.errors} errors` : ''}${m.ratio ? ` (p95 ×${m.ratio.p95.toFixed(1)} the baseline)` : ''} [load ${m.load}]`
				);
				out.push(m);
			}
		}
	} finally {
		await server.stop();
	}
	return out;
}

/** A fresh database on the DATABASE_URL server, dropped afterwards. */
async function withFreshDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
	const name = `pacer_bench_load_${process.pid}`;
	const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(process.env.DATABASE_URL!);
	url.pathname = `/${name}`;
	try {
		return await fn(url.toString());
	} finally {
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

const SEED_TARGET = 'sh-trial-startup';
const SCALE_TARGET = 'scale-t010000';
const seedTargetIds = readdirSync('catalogue/bundles')
	.filter((f) => f.endsWith('.json'))
	.flatMap((f) => (JSON.parse(readFileSync(path.join('catalogue/bundles', f), 'utf8')) as { targets: { id: string }[] }).targets.map((t) => t.id));
const scaleTargetIds = Array.from({ length: SCALE_TARGETS }, (_, i) => `scale-t${String(i).padStart(6, '0')}`);
const results: Measurement[] = [];
const restarts: string[] = [];
for (const size of SIZES) {
	for (const backend of BACKENDS) {
		if (size === 'seed' && backend === 'pglite') {
			const dir = mkdtempSync(path.join(tmpdir(), 'pacer-bench-load-'));
			try {
				results.push(...(await measureServer(backend, size, { PACER_DATA_DIR: dir, DATABASE_URL: '' }, SEED_TARGET, seedTargetIds)));
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		} else if (size === 'seed' && backend === 'postgres') {
			if (!process.env.DATABASE_URL) throw new Error('--backends postgres needs DATABASE_URL');
			results.push(...(await withFreshDatabase((url) => measureServer(backend, size, { DATABASE_URL: url }, SEED_TARGET, seedTargetIds))));
		} else if (size === 'scale' && backend === 'postgres') {
			if (!SCALE_URL) throw new Error('--sizes scale with postgres needs --scale-url (a database loaded by npm run bench:data)');
			results.push(...(await measureServer(backend, size, { DATABASE_URL: SCALE_URL }, SCALE_TARGET, scaleTargetIds)));
		} else if (size === 'scale' && backend === 'pglite') {
			if (!SCALE_DIR) throw new Error('--sizes scale with pglite needs --scale-dir (a folder loaded by npm run bench:data)');
			results.push(...(await measureServer(backend, size, { PACER_DATA_DIR: SCALE_DIR, DATABASE_URL: '' }, SCALE_TARGET, scaleTargetIds)));
		}
	}
}

const others: Record<string, string> = { import: 'bench:import', forecast: 'bench:forecast', books: 'bench:books', screen: 'bench:screen' };
for (const name of WITH) {
	if (!others[name]) throw new Error(`--with ${name}: one of ${Object.keys(others).join(', ')}`);
	console.log(`running npm run ${others[name]} (results in bench/results/${name}.*)`);
	execFileSync('npm', ['run', others[name]], { stdio: 'inherit' });
}

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) };
mkdirSync('bench/results', { recursive: true });
const date = new Date().toISOString();
writeFileSync('bench/results/load.json', JSON.stringify({ date, machine, durationSeconds: DURATION, argv: process.argv.slice(2), restarts, results }, null, 2) + '\n');
const fmt = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
writeFileSync(
	'bench/results/load.md',
	[
		`Load benchmark, ${date.slice(0, 10)}, ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${DURATION} s per cell; \`npm run bench -- ${process.argv.slice(2).join(' ')}\``,
		'',
		'Ratios: p95 over the p95 of the static file, and over the p95 of the small page (/login), at the same concurrency in the same run.',
		'',
		'| backend | size | page | clients | p50 ms | p95 ms | p99 ms | req/s | p95 ÷ static p95 | p95 ÷ small-page p95 | errors | load avg |',
		'|---|---|---|---|---|---|---|---|---|---|---|---|',
		...restarts.map((r) => `Note: ${r}.\n`),
		...results.map(
			(r) =>
				`| ${r.backend} | ${r.size} | ${r.page} | ${r.clients} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.rps)} | ${r.ratio ? fmt(r.ratio.p95) : '1'} | ${r.smallPageRatio ? r.smallPageRatio.p95.toFixed(2) : '–'} | ${r.errors} | ${r.load} |`
		)
	].join('\n') + '\n'
);
console.log('wrote bench/results/load.json and bench/results/load.md');
