/**
 * Starts the built app (`npm start`): one process, or with PACER_WORKERS=N (or `auto`, one per
 * core) a node:cluster of N worker processes sharing the port. The workers keep the guarantees of
 * several instances on one PostgreSQL database (jobs claimed once, live screens told by NOTIFY),
 * so a cluster needs DATABASE_URL: PGlite's data folder belongs to one process. The primary only
 * forks: it restarts a worker that dies, gives up when they keep dying (so systemd sees it), and
 * passes SIGTERM on for a clean stop.
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';

const MAX_WORKERS = 64;
/** The built app (`npm run build`); a URL, so type checkers do not walk the bundle. */
const APP = new URL('../build/index.js', import.meta.url).href;

/**
 * The number of worker processes asked for, or an error message.
 * @param {Record<string, string | undefined>} env
 * @returns {{ count: number } | { error: string }}
 */
export function workersWanted(env) {
	const raw = (env.PACER_WORKERS ?? '').trim();
	if (raw === '' || raw === '1') return { count: 1 };
	const count = raw === 'auto' ? availableParallelism() : Number(raw);
	if (!Number.isInteger(count) || count < 1 || count > MAX_WORKERS) {
		return { error: `PACER_WORKERS must be a whole number from 1 to ${MAX_WORKERS} or "auto", not "${raw}"` };
	}
	if (count > 1 && !env.DATABASE_URL) {
		return { error: `PACER_WORKERS=${raw} needs DATABASE_URL (PostgreSQL): the embedded PGlite data folder can be opened by one process only` };
	}
	return { count };
}

/** A worker: the app, and once it has shut down (closed its server and database) the IPC channel too, which would keep it alive. */
function runWorker() {
	process.once('sveltekit:shutdown', () => {
		setImmediate(() => cluster.worker?.disconnect());
		setTimeout(() => process.exit(0), 15_000).unref();
	});
	return import(APP);
}

async function main() {
	if (!cluster.isPrimary) return runWorker();
	const wanted = workersWanted(process.env);
	if ('error' in wanted) {
		console.error(`pacer: ${wanted.error}`);
		process.exit(1);
	}
	if (wanted.count === 1) return import(APP);

	// One key for the cluster: a print token issued by one worker is admitted by whichever serves it.
	process.env.PACER_PRINT_SIGNING_KEY ||= randomBytes(32).toString('base64url');
	let stopping = false;
	/** @type {number[]} */
	const deaths = [];
	const fork = () => cluster.fork({ PACER_WORKER: 'yes' });
	cluster.on('exit', (worker, code, signal) => {
		if (stopping) {
			if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
			return;
		}
		const now = Date.now();
		deaths.push(now);
		while (deaths.length && deaths[0] < now - 60_000) deaths.shift();
		console.error(`pacer: worker ${worker.process.pid} ended (${signal ?? `exit code ${code}`})`);
		// A worker that dies at once again and again (a bad DATABASE_URL, a broken migration) stops the
		// cluster: the service manager then shows the failure instead of a silent restart loop.
		if (deaths.length > wanted.count * 3) {
			console.error('pacer: workers keep ending; stopping');
			stopping = true;
			for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
			process.exitCode = 1;
			setTimeout(() => process.exit(1), 10_000).unref();
			if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
			return;
		}
		setTimeout(fork, 1_000);
	});
	const stop = () => {
		if (stopping) return;
		stopping = true;
		for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
		if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
		// Workers finish their requests and close the database; one that hangs is not waited for.
		setTimeout(() => process.exit(0), 25_000).unref();
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	console.log(`pacer: starting ${wanted.count} worker processes`);
	for (let i = 0; i < wanted.count; i++) fork();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
