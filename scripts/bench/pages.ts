/**
 * Server render times of the explorer and a target page with 1,000 targets: the catalogue plus a
 * generated, clearly illustrative plan of 1,000 targets (8 yearly figures each), served by the
 * built app (node build) on PGlite and, when DATABASE_URL names a PostgreSQL server, there too.
 *
 *   npm run build && npm run bench:pages
 * Writes bench/results/pages.json and bench/results/pages.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { freePort } from './free-port';
import { CATALOGUE_USER_ID } from '../../src/lib/server/catalogue/seed-catalogue';
import type { DatabaseConfig } from '../../src/lib/server/db/open';
import { prepareDatabase } from '../../src/lib/server/db/prepare';
import * as s from '../../src/lib/server/db/schema';
import { readConfig } from '../../src/lib/server/config';

const TARGETS = 1000;
const YEARS = 8;
const RUNS = 30;

async function addBenchPlan(config: DatabaseConfig) {
	const { handle } = await prepareDatabase({ ...readConfig({}), ...config });
	const db = handle.db;
	await db.insert(s.plans).values({
		id: 'bench-plan',
		titleZh: '示意规划（性能基准，非真实文件）',
		titleEn: 'Illustrative plan (benchmark, not a real document)',
		issuerZh: 'Pacer 基准测试',
		issuerEn: 'Pacer benchmark',
		areaZh: '—',
		areaEn: '—',
		issuedOn: '2022-01-01',
		effectiveFrom: '2022-01-01',
		effectiveTo: '2026-12-31',
		sourceNoteZh: '生成的示意数据。',
		sourceNoteEn: 'Generated illustrative data.',
		sourceText: ''
	});
	const sections = 20;
	await db.insert(s.clauses).values(
		Array.from({ length: sections }, (_, i) => ({
			id: `bench-c${i}`,
			planId: 'bench-plan',
			position: i,
			path: [`${i + 1}.`],
			textZh: `第${i + 1}部分：示意条款，到2026年底各项指标达到目标值。`,
			textEn: `Part ${i + 1}: illustrative clause.`
		}))
	);
	const ids = Array.from({ length: TARGETS }, (_, i) => String(i).padStart(4, '0'));
	for (let i = 0; i < TARGETS; i += 500) {
		const chunk = ids.slice(i, i + 500);
		await db.insert(s.indicators).values(
			chunk.map((id) => ({
				id: `bench.i${id}`,
				nameZh: `示意指标${id}`,
				nameEn: `Illustrative indicator ${id}`,
				unit: '个',
				frequency: 'year' as const,
				measure: 'stock' as const,
				areaZh: '—',
				areaEn: '—',
				definitionZh: '基准测试用示意指标。',
				definitionEn: 'Illustrative benchmark indicator.',
				direction: 'higher' as const
			}))
		);
		await db.insert(s.targets).values(
			chunk.map((id, k) => ({
				id: `bench-t${id}`,
				planId: 'bench-plan',
				clauseId: `bench-c${(i + k) % sections}`,
				position: i + k,
				quote: '各项指标达到目标值',
				titleZh: `示意目标${id}`,
				titleEn: `Illustrative target ${id}`,
				indicatorId: `bench.i${id}`,
				comparator: '>=' as const,
				value: 100 + ((i + k) % 50),
				unit: '个',
				kind: 'level' as const,
				deadline: '2026-12-31',
				deadlineBasis: 'stated' as const
			}))
		);
		const observations = await db
			.insert(s.observations)
			.values(chunk.flatMap((id) => Array.from({ length: YEARS }, (_, y) => ({ indicatorId: `bench.i${id}`, period: String(2017 + y), periodStart: `${2017 + y}-01-01`, periodEnd: `${2017 + y}-12-31`, basis: 'period' as const }))))
			.returning({ id: s.observations.id, indicatorId: s.observations.indicatorId, period: s.observations.period });
		await db.insert(s.observationVersions).values(
			observations.map((o) => {
				const n = Number(o.indicatorId.slice(-4));
				const y = Number(o.period) - 2017;
				return { observationId: o.id, version: 1, value: 50 + y * (3 + (n % 9)) + ((n * 7 + y * 13) % 11), provenance: 'illustrative' as const, reason: 'benchmark', recordedBy: CATALOGUE_USER_ID };
			})
		);
	}
	await db.insert(s.auditLog).values({ userId: CATALOGUE_USER_ID, action: 'bench.seed', entity: 'plan', entityId: 'bench-plan', detail: { targets: TARGETS } });
	await handle.close();
}


async function measure(label: string, env: NodeJS.ProcessEnv) {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['build'], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base }, stdio: 'ignore' });
	try {
		for (let i = 0; i < 240; i++) {
			try {
				if ((await fetch(base + '/methods')).ok) break;
			} catch {
				// not up yet
			}
			await new Promise((r) => setTimeout(r, 250));
		}
		const time = async (url: string) => {
			const started = performance.now();
			const response = await fetch(base + url);
			const body = await response.text();
			if (!response.ok || body.length < 1000) throw new Error(`${url}: ${response.status}`);
			return performance.now() - started;
		};
		const pages: Record<string, string> = { explorer: '/explore', 'target page': '/targets/bench-t0500', home: '/' };
		const results = [];
		for (const [name, url] of Object.entries(pages)) {
			const first = await time(url);
			for (let i = 0; i < 3; i++) await time(url);
			const runs: number[] = [];
			for (let i = 0; i < RUNS; i++) runs.push(await time(url));
			runs.sort((a, b) => a - b);
			const result = { backend: label, page: name, url, firstMs: first, medianMs: runs[Math.floor(RUNS / 2)], p95Ms: runs[Math.floor(RUNS * 0.95)] };
			console.log(`${label} ${name}: first ${first.toFixed(0)} ms, median ${result.medianMs.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms`);
			results.push(result);
		}
		return results;
	} finally {
		child.kill('SIGTERM');
	}
}

const results = [];
const dir = mkdtempSync(path.join(tmpdir(), 'pacer-bench-pages-'));
await addBenchPlan({ dataDir: dir });
results.push(...(await measure('PGlite', { PACER_DATA_DIR: dir, DATABASE_URL: '' })));
rmSync(dir, { recursive: true, force: true });

if (process.env.DATABASE_URL) {
	const name = `pacer_bench_pages_${process.pid}`;
	const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(process.env.DATABASE_URL);
	url.pathname = `/${name}`;
	try {
		await addBenchPlan({ databaseUrl: url.toString(), dataDir: '' });
		results.push(...(await measure('PostgreSQL', { DATABASE_URL: url.toString() })));
	} finally {
		await new Promise((r) => setTimeout(r, 500));
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

mkdirSync('bench/results', { recursive: true });
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`;
writeFileSync('bench/results/pages.json', JSON.stringify({ date: new Date().toISOString(), machine, targets: TARGETS + 36, results }, null, 2));
writeFileSync(
	'bench/results/pages.md',
	[
		`Server render times (${new Date().toISOString().slice(0, 10)}, ${machine}): ${TARGETS + 36} targets, ${RUNS} sequential requests after warm-up`,
		'',
		'| backend | page | first request (judging all targets) | median | p95 |',
		'|---|---|---|---|---|',
		...results.map((r) => `| ${r.backend} | ${r.page} | ${r.firstMs.toFixed(0)} ms | ${r.medianMs.toFixed(1)} ms | ${r.p95Ms.toFixed(1)} ms |`)
	].join('\n') + '\n'
);
