/**
 * Briefing-book benchmarks, on the built app (npm run build first) with the seed catalogue on PGlite:
 *  1. a book of both seed plans, end to end including Chromium's start, five times;
 *  2. the same from the command line (npm run snapshot: node, the app and its database start too);
 *  3. ten books made back to back by a running server's book worker, with the server's resident
 *     memory (VmRSS) read after each.
 *   npm run build && npm run bench:books
 * Writes bench/results/books.json and bench/results/books.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromiumBookRenderer } from '../../src/lib/server/books/render';
import { endOfDay } from '../../src/lib/domain/schedule';
import { startServer } from './server';

const AS_OF = '2025-06-30';
const BACK_TO_BACK = 10;
const USER = { name: 'bench-admin', password: 'bench-password-1' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const residentMb = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)![1]) / 1024;

const dir = mkdtempSync(path.join(tmpdir(), 'pacer-bench-books-'));
const env = { PACER_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' };
execFileSync('npx', ['tsx', 'scripts/user.ts', 'add', '--admin', '--password-stdin', USER.name], { env: { ...process.env, ...env }, input: `${USER.password}\n` });
const server = await startServer(env);
try {
	// 1. One renderer call: Chromium start, the print page, two printings, pdf.js.
	const render = chromiumBookRenderer(server.base);
	const endToEnd: { ms: number; pages: number; kb: number }[] = [];
	for (let i = 0; i < 5; i++) {
		const started = performance.now();
		const book = await render({ asOf: AS_OF, dataCutoff: endOfDay(AS_OF), planIds: [], locale: 'zh', generatedAt: new Date() });
		endToEnd.push({ ms: performance.now() - started, pages: book.pageCount, kb: book.pdf.length / 1024 });
	}

	// 3. Ten books through the server's own queue, as an analyst asks for them in the browser.
	const login = await fetch(`${server.base}/login`, {
		method: 'POST',
		body: new URLSearchParams({ username: USER.name, password: USER.password }),
		headers: { origin: server.base },
		redirect: 'manual'
	});
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
	if (!cookie.startsWith('pacer_session=')) throw new Error(`login failed: ${login.status}`);
	const statuses = async () => [...(await (await fetch(`${server.base}/books`, { headers: { cookie } })).text()).matchAll(/data-status="(\w+)"/g)].map((m) => m[1]);
	const memory: { book: number; rssMb: number; ms: number }[] = [{ book: 0, rssMb: residentMb(server.child.pid!), ms: 0 }];
	for (let i = 1; i <= BACK_TO_BACK; i++) {
		const started = performance.now();
		const response = await fetch(`${server.base}/books?/request`, {
			method: 'POST',
			body: new URLSearchParams({ asOf: AS_OF, lang: i % 2 ? 'zh' : 'en' }),
			headers: { origin: server.base, cookie, 'x-sveltekit-action': 'true' }
		});
		if (!response.ok) throw new Error(`request ${i}: ${response.status}`);
		while ((await statuses()).some((s) => s !== 'done')) {
			if ((await statuses()).includes('failed')) throw new Error(`book ${i} failed`);
			await new Promise((r) => setTimeout(r, 200));
		}
		memory.push({ book: i, rssMb: residentMb(server.child.pid!), ms: performance.now() - started });
	}

	// 2. The command line, on the same data after the server has stopped (PGlite has one owner).
	await server.stop();
	const cli: number[] = [];
	for (let i = 0; i < 3; i++) {
		const started = performance.now();
		execFileSync('npx', ['tsx', 'scripts/snapshot.ts', '--as-of', AS_OF, '--out', path.join(dir, 'cli.pdf')], { env: { ...process.env, ...env } });
		cli.push(performance.now() - started);
	}

	const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`;
	const rss = memory.map((m) => m.rssMb);
	const growthAfterFirst = Math.max(...rss.slice(1)) - rss[1];
	const growthFromStart = Math.max(...rss) - rss[0];
	const results = {
		date: new Date().toISOString(),
		machine,
		asOf: AS_OF,
		endToEndMs: endToEnd.map((r) => Math.round(r.ms)),
		pages: endToEnd[0].pages,
		sizeKb: Math.round(endToEnd[0].kb),
		commandLineMs: cli.map(Math.round),
		backToBack: memory.map((m) => ({ ...m, rssMb: Math.round(m.rssMb * 10) / 10, ms: Math.round(m.ms) })),
		rssGrowthAfterFirstBookMb: Math.round(growthAfterFirst * 10) / 10,
		rssGrowthFromStartMb: Math.round(growthFromStart * 10) / 10
	};
	writeFileSync('bench/results/books.json', JSON.stringify(results, null, 2) + '\n');
	const verdict = (ok: boolean) => (ok ? 'met' : 'not met');
	const md = [
		`Briefing books (${results.date.slice(0, 10)}, ${machine}): both seed plans, ${results.pages} A4 pages, ${results.sizeKb} KB, as of ${AS_OF}, PGlite.`,
		'',
		'| measure | result | target |',
		'|---|---|---|',
		`| book end to end (Chromium start, print page, two printings), median of 5 | ${(median(results.endToEndMs) / 1000).toFixed(2)} s (max ${(Math.max(...results.endToEndMs) / 1000).toFixed(2)} s) | under 10 s: ${verdict(Math.max(...results.endToEndMs) < 10_000)} |`,
		`| \`npm run snapshot\` (node, app, database and Chromium start), median of 3 | ${(median(results.commandLineMs) / 1000).toFixed(2)} s | under 10 s: ${verdict(median(results.commandLineMs) < 10_000)} |`,
		`| server memory over ${BACK_TO_BACK} books back to back (max RSS minus RSS after the first book) | ${results.rssGrowthAfterFirstBookMb} MB (from before the first: ${results.rssGrowthFromStartMb} MB) | under 50 MB: ${verdict(growthFromStart < 50)} |`,
		'',
		'Server RSS after each book (MB): ' + results.backToBack.map((m) => `${m.book}: ${m.rssMb}`).join(' · '),
		''
	].join('\n');
	writeFileSync('bench/results/books.md', md);
	process.stdout.write(md);
} finally {
	if (server.child.exitCode === null) await server.stop();
	rmSync(dir, { recursive: true, force: true });
}
