/**
 * The CPU cost of an uncached target page, beside the static-file baseline, in one run on the built
 * app: PGlite at the seed size, page cache off (PACER_PAGE_CACHE=off), one process, N clients.
 * CPU ms per page is the server process's user + system time (/proc/PID/stat) over the requests served.
 *
 *   npm run build && npm run bench:target-page [-- options]
 *     --duration 8       seconds per measurement (after a 1-second warm-up)
 *     --clients 10
 *     --label before     a name for this run in the results (kept beside earlier runs)
 *     --cpu-prof DIR     also write the server's V8 CPU profile into DIR (slows it a little)
 *
 * Appends to bench/results/target-page.json and rewrites bench/results/target-page.md.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startServer } from './server';
import { mulberry32 } from './mulberry32';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
const DURATION = Number(arg('duration', '8'));
const CLIENTS = Number(arg('clients', '10'));
const LABEL = arg('label', 'run');
const PROFILE_DIR = arg('cpu-prof', '');

/** The process's CPU time so far (user + system), in ms. */
function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	// utime and stime are fields 14 and 15 of stat; here counted from field 3.
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function percentile(sorted: number[], p: number): number {
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

async function hammer(url: string, seconds: number, paths?: () => string) {
	const latencies: number[] = [];
	let errors = 0;
	const instance = autocannon({
		url,
		connections: CLIENTS,
		duration: seconds,
		timeout: 60,
		headers: { 'accept-encoding': 'gzip, deflate, br' },
		requests: paths ? [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: paths() }) }] : undefined
	});
	instance.on('response', (_c: unknown, status: number, _b: number, time: number) => {
		if (status >= 400) errors++;
		latencies.push(time);
	});
	const result = await instance;
	latencies.sort((a, b) => a - b);
	return { requests: latencies.length, errors: errors + result.errors + result.timeouts, p50: percentile(latencies, 50), p975: percentile(latencies, 97.5), rps: latencies.length / seconds };
}

const targetIds = readdirSync('catalogue/bundles')
	.filter((f) => f.endsWith('.json'))
	.flatMap((f) => (JSON.parse(readFileSync(path.join('catalogue/bundles', f), 'utf8')) as { targets: { id: string }[] }).targets.map((t) => t.id));
const random = mulberry32(1);
const randomTarget = () => `/targets/${targetIds[Math.floor(random() * targetIds.length)]}`;

const dir = mkdtempSync(path.join(tmpdir(), 'pacer-bench-target-'));
const env: NodeJS.ProcessEnv = { PACER_DATA_DIR: dir, DATABASE_URL: '', PACER_PAGE_CACHE: 'off' };
const server = await startServer(env, { nodeArgs: PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [] });
const pid = server.child.pid!;
const rows: Record<string, unknown>[] = [];
try {
	// Every target once: the stored judgements and histories are brought up to date, as on a running server.
	for (const id of targetIds) await (await fetch(`${server.base}/targets/${id}`)).arrayBuffer();
	for (const [page, url, paths] of [
		['static file (/favicon.svg)', '/favicon.svg', undefined],
		['target page, random seed targets', '/', randomTarget]
	] as const) {
		await hammer(server.base + url, 1, paths);
		const cpuBefore = cpuMs(pid);
		const r = await hammer(server.base + url, DURATION, paths);
		const cpu = cpuMs(pid) - cpuBefore;
		const row = { page, ...r, cpuMsPerRequest: cpu / r.requests, cpuShare: cpu / (DURATION * 1000) };
		console.log(`${page} ×${CLIENTS}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p97.5 ${r.p975.toFixed(1)} ms, ${row.cpuMsPerRequest.toFixed(2)} CPU ms each, ${r.errors} errors`);
		rows.push(row);
	}
} finally {
	await server.stop();
	rmSync(dir, { recursive: true, force: true });
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`;
const loadavg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const command = `npm run bench:target-page -- ${process.argv.slice(2).map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')}`.trim();
const run = { label: LABEL, date: new Date().toISOString(), machine, loadavg, clients: CLIENTS, durationSeconds: DURATION, command, targets: targetIds.length, rows };
mkdirSync('bench/results', { recursive: true });
const jsonFile = 'bench/results/target-page.json';
const runs = [...(existsSync(jsonFile) ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as (typeof run)[]) : []), run];
writeFileSync(jsonFile, JSON.stringify(runs, null, 2) + '\n');
const fmt = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
writeFileSync(
	'bench/results/target-page.md',
	[
		'Uncached target pages beside a static file, one `node build` process, PGlite, seed catalogue, PACER_PAGE_CACHE=off.',
		'CPU ms: the server process\'s user + system time over the requests served in the measurement.',
		'',
		'| run | date | command | page | clients | req/s | p50 ms | p97.5 ms | CPU ms per request | errors | load avg (end) |',
		'|---|---|---|---|---|---|---|---|---|---|---|',
		...runs.flatMap((x) =>
			x.rows.map(
				(r) =>
					`| ${x.label} | ${x.date.slice(0, 16).replace('T', ' ')} UTC | \`${x.command}\` | ${r.page} | ${x.clients} | ${fmt(r.rps as number)} | ${fmt(r.p50 as number)} | ${fmt(r.p975 as number)} | ${(r.cpuMsPerRequest as number).toFixed(2)} | ${r.errors} | ${x.loadavg} |`
			)
		),
		'',
		`Machine: ${machine}.`
	].join('\n') + '\n'
);
console.log(`wrote ${jsonFile} and bench/results/target-page.md`);
