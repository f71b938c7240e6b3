/**
 * Briefing-book benchmarks, on the built app (npm run build first) with the seed catalogue on PGlite:
 *  1. a book of both seed plans, end to end including Chromium's start, five times;
 *  2. the same from the command line (npm run snapshot: node, the app and its database start too);
 *  3. ten books made back to back by a running server's book worker, after two to warm it up, with
 *     the server's resident memory (VmRSS) read after each, as it is and after a full garbage
 *     collection (memory-probe.mjs, preloaded into the benchmarked server only); on PGlite, and on
 *     PostgreSQL too when DATABASE_URL names a server (a database of its own is made there and dropped).
 *   npm run build && npm run bench:books [-- --out NAME]
 * Writes bench/results/NAME.json and bench/results/NAME.md (NAME: books).
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { chromiumBookRenderer } from '../../src/lib/server/books/render';
import { endOfDay } from '../../src/lib/domain/schedule';
import { DEFAULT_TIME_ZONE } from '../../src/lib/domain/dates';
import { startServer, type RunningServer } from './server';

const AS_OF = '2025-06-30';
const WARM_UP = 2;
const BACK_TO_BACK = 10;
const USER = { name: 'bench-admin', password: 'bench-password-1' };
const outIndex = process.argv.indexOf('--out');
const OUT = outIndex > 0 ? process.argv[outIndex + 1] : 'books';
const PROBE = path.resolve('scripts/bench/memory-probe.mjs');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const residentMb = (pid: number) => Math.round(Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)![1]) / 102.4) / 10;
const addUser = (env: NodeJS.ProcessEnv) =>
	execFileSync('npx', ['tsx', 'scripts/user.ts', 'add', '--admin', '--password-stdin', USER.name], { env: { ...process.env, ...env }, input: `${USER.password}\n` });

/** The benchmarked server, with the memory probe preloaded: it answers SIGUSR2 with its memory after a full collection. */
function startProbedServer(env: NodeJS.ProcessEnv, probeOut: string) {
	const nodeOptions = [process.env.NODE_OPTIONS, '--expose-gc', `--import=${PROBE}`].filter(Boolean).join(' ');
	return startServer({ ...env, NODE_OPTIONS: nodeOptions, PACER_MEMORY_PROBE_OUT: probeOut });
}

/** The server's memory after a full garbage collection, in MB. */
async function collectedMb(server: RunningServer, probeOut: string) {
	const before = existsSync(probeOut) ? readFileSync(probeOut, 'utf8').length : 0;
	server.child.kill('SIGUSR2');
	for (let i = 0; i < 100 && (!existsSync(probeOut) || readFileSync(probeOut, 'utf8').length === before); i++) await new Promise((r) => setTimeout(r, 50));
	const m = JSON.parse(readFileSync(probeOut, 'utf8').trim().split('\n').at(-1)!) as Record<string, number>;
	const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;
	return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external) };
}

/** Bytes and files under a folder (the PGlite data folder, its books/). */
function folderSize(dir: string): { mb: number; files: number } {
	if (!existsSync(dir)) return { mb: 0, files: 0 };
	let bytes = 0;
	let files = 0;
	for (const name of readdirSync(dir, { recursive: true })) {
		const stat = statSync(path.join(dir, String(name)));
		if (stat.isFile()) {
			bytes += stat.size;
			files++;
		}
	}
	return { mb: Math.round(bytes / 104857.6) / 10, files };
}

/** Books asked for over HTTP as an analyst does, each awaited before the next; RSS after each. */
async function backToBack(server: RunningServer, probeOut: string) {
	const login = await fetch(`${server.base}/login`, {
		method: 'POST',
		body: new URLSearchParams({ username: USER.name, password: USER.password }),
		headers: { origin: server.base },
		redirect: 'manual'
	});
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
	if (!cookie.startsWith('pacer_session=')) throw new Error(`login failed: ${login.status}`);
	const statuses = async () => [...(await (await fetch(`${server.base}/books`, { headers: { cookie } })).text()).matchAll(/data-status="(\w+)"/g)].map((m) => m[1]);
	const one = async (i: number) => {
		const started = performance.now();
		const response = await fetch(`${server.base}/books?/request`, {
			method: 'POST',
			body: new URLSearchParams({ asOf: AS_OF, lang: i % 2 ? 'zh' : 'en' }),
			headers: { origin: server.base, cookie, 'x-sveltekit-action': 'true' }
		});
		if (!response.ok) throw new Error(`request ${i}: ${response.status}`);
		for (let list = await statuses(); list.some((s) => s !== 'done'); list = await statuses()) {
			if (list.includes('failed')) throw new Error(`book ${i} failed`);
			await new Promise((r) => setTimeout(r, 200));
		}
		return performance.now() - started;
	};
	for (let i = 0; i < WARM_UP; i++) await one(i);
	// Read as it is first: the collection that follows changes what the next reading finds.
	const sample = async (book: number, ms: number) => ({ book, rssMb: residentMb(server.child.pid!), collected: await collectedMb(server, probeOut), ms: Math.round(ms) });
	const samples = [await sample(0, 0)];
	for (let i = 1; i <= BACK_TO_BACK; i++) samples.push(await sample(i, await one(i)));
	const rss = samples.map((m) => m.rssMb);
	const collected = samples.map((m) => m.collected.rssMb);
	const round = (mb: number) => Math.round(mb * 10) / 10;
	return {
		samples,
		growthMb: round(Math.max(...rss) - rss[0]),
		endMinusStartMb: round(rss.at(-1)! - rss[0]),
		// A first reading that happens to be high makes the two above look good: the spread does not.
		rangeMb: round(Math.max(...rss) - Math.min(...rss)),
		collectedGrowthMb: round(Math.max(...collected) - collected[0]),
		collectedEndMinusStartMb: round(collected.at(-1)! - collected[0]),
		collectedRangeMb: round(Math.max(...collected) - Math.min(...collected))
	};
}

const dir = mkdtempSync(path.join(tmpdir(), 'pacer-bench-books-'));
// The servers started here admit this benchmark's own renderer by a secret (see print-access.ts).
const printSecret = randomBytes(24).toString('base64url');
process.env.PACER_PRINT_SECRET = printSecret;
const pgliteEnv = { PACER_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' };
const memory: Record<string, Awaited<ReturnType<typeof backToBack>>> = {};
/** What the PGlite data folder holds after the books: the whole folder, and the PDFs in books/. */
let dataFolder: { totalMb: number; pdfMb: number; pdfFiles: number } | null = null;
const endToEnd: { ms: number; pages: number; kb: number }[] = [];
const cli: number[] = [];
try {
	addUser(pgliteEnv);
	const server = await startProbedServer(pgliteEnv, path.join(dir, 'probe-pglite.jsonl'));
	try {
		// 1. One renderer call: Chromium start, the print page, two printings.
		const render = chromiumBookRenderer(server.base, () => printSecret);
		for (let i = 0; i < 5; i++) {
			const started = performance.now();
			const book = await render({ asOf: AS_OF, dataCutoff: endOfDay(AS_OF, DEFAULT_TIME_ZONE), planIds: [], locale: 'zh', generatedAt: new Date() });
			endToEnd.push({ ms: performance.now() - started, pages: book.pageCount, kb: book.pdf.length / 1024 });
		}
		// 3. Back to back through the server's own queue.
		memory.PGlite = await backToBack(server, path.join(dir, 'probe-pglite.jsonl'));
	} finally {
		await server.stop();
	}
	const pdfs = folderSize(path.join(pgliteEnv.PACER_DATA_DIR, 'books'));
	dataFolder = { totalMb: folderSize(pgliteEnv.PACER_DATA_DIR).mb, pdfMb: pdfs.mb, pdfFiles: pdfs.files };
	// 2. The command line, on the same data now that the server has stopped (PGlite has one owner).
	for (let i = 0; i < 3; i++) {
		const started = performance.now();
		execFileSync('npx', ['tsx', 'scripts/snapshot.ts', '--as-of', AS_OF, '--out', path.join(dir, 'cli.pdf')], { env: { ...process.env, ...pgliteEnv } });
		cli.push(performance.now() - started);
	}

	if (process.env.DATABASE_URL) {
		const name = `pacer_bench_books_${process.pid}`;
		const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		const url = new URL(process.env.DATABASE_URL);
		url.pathname = `/${name}`;
		try {
			const env = { DATABASE_URL: url.toString(), PACER_DATA_DIR: path.join(dir, 'unused') };
			addUser(env);
			const pgServer = await startProbedServer(env, path.join(dir, 'probe-postgres.jsonl'));
			try {
				memory['PostgreSQL'] = await backToBack(pgServer, path.join(dir, 'probe-postgres.jsonl'));
			} finally {
				await pgServer.stop();
			}
		} finally {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	}
} finally {
	rmSync(dir, { recursive: true, force: true });
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`;
const results = {
	date: new Date().toISOString(),
	machine,
	asOf: AS_OF,
	pages: endToEnd[0].pages,
	sizeKb: Math.round(endToEnd[0].kb),
	endToEndMs: endToEnd.map((r) => Math.round(r.ms)),
	commandLineMs: cli.map(Math.round),
	warmUpBooks: WARM_UP,
	memory,
	dataFolder
};
writeFileSync(`bench/results/${OUT}.json`, JSON.stringify(results, null, 2) + '\n');
const verdict = (ok: boolean) => (ok ? 'met' : 'not met');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const md = [
	`Briefing books (${results.date.slice(0, 10)}, ${machine}): both seed plans, ${results.pages} A4 pages, ${results.sizeKb} KB, as of ${AS_OF}.`,
	'',
	'| measure | result | target |',
	'|---|---|---|',
	`| book end to end (Chromium start, print page, two printings), median of 5 | ${seconds(median(results.endToEndMs))} (max ${seconds(Math.max(...results.endToEndMs))}) | under 10 s: ${verdict(median(results.endToEndMs) < 10_000)} |`,
	`| \`npm run snapshot\` (node, app, database and Chromium start), median of 3 | ${seconds(median(results.commandLineMs))} | under 10 s: ${verdict(median(results.commandLineMs) < 10_000)} |`,
	...Object.entries(memory).flatMap(([backend, m]) => [
		`| server RSS growth over ${BACK_TO_BACK} books back to back on ${backend}, after ${WARM_UP} to warm up (after the last minus before the first) | ${m.endMinusStartMb} MB (largest excursion above the start: ${m.growthMb} MB; lowest to highest of the ${BACK_TO_BACK + 1} readings: ${m.rangeMb} MB) | under 50 MB: ${verdict(m.endMinusStartMb < 50)} |`,
		`| the same, each reading after a full garbage collection | ${m.collectedEndMinusStartMb} MB (largest excursion above the start: ${m.collectedGrowthMb} MB; lowest to highest: ${m.collectedRangeMb} MB) | under 50 MB: ${verdict(m.collectedEndMinusStartMb < 50)} |`
	]),
	'',
	...Object.entries(memory).flatMap(([backend, m]) => [
		`Server RSS on ${backend} after each book (MB): ` + m.samples.map((x) => `${x.book}: ${x.rssMb}`).join(' · '),
		'',
		`The same after a full collection (MB, RSS / V8 heap used / external incl. PGlite's WebAssembly memory): ` +
			m.samples.map((x) => `${x.book}: ${x.collected.rssMb} / ${x.collected.heapUsedMb} / ${x.collected.externalMb}`).join(' · '),
		''
	]),
	dataFolder
		? `PGlite data folder after ${WARM_UP + BACK_TO_BACK} books: ${dataFolder.totalMb} MB, of which ${dataFolder.pdfFiles} PDF files in books/: ${dataFolder.pdfMb} MB.`
		: '',
	''
].join('\n');
writeFileSync(`bench/results/${OUT}.md`, md);
process.stdout.write(md);
