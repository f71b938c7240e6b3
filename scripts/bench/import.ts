/**
 * Import benchmark: a generated 100,000-row CSV (illustrative figures for 100 monthly bench
 * indicators) checked and committed through the same code as the import page, on PGlite and,
 * when DATABASE_URL names a PostgreSQL server, on a fresh database there.
 *
 *   npm run bench:import [-- --rows 100000] [--only postgres|pglite]
 * With more than 600,000 rows the note column is left out, so the file stays under the 50 MB limit,
 * and the indicators grow with the rows (at most 1,200 monthly figures each, 1900 to 1999).
 * Writes bench/results/import.json and bench/results/import.md.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { CONSOLE_USER_ID, ensureConsoleUser } from '../../src/lib/server/auth/accounts';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../src/lib/server/db/open';
import * as s from '../../src/lib/server/db/schema';
import { commitImport, previewImport } from '../../src/lib/server/import/imports';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
const onlyArg = process.argv.indexOf('--only');
const ONLY = onlyArg > 0 ? process.argv[onlyArg + 1] : null;
const INDICATORS = Math.max(100, Math.ceil(ROWS / 1200));
const WITH_NOTE = ROWS <= 600_000;

function benchCsv(rows: number): Uint8Array {
	const lines = [WITH_NOTE ? 'indicator,period,value,provenance,note' : 'indicator,period,value,provenance'];
	const perIndicator = Math.ceil(rows / INDICATORS);
	for (let i = 0; i < INDICATORS && lines.length <= rows; i++) {
		for (let k = 0; k < perIndicator && lines.length <= rows; k++) {
			const year = 1900 + Math.floor(k / 12);
			const month = String((k % 12) + 1).padStart(2, '0');
			lines.push(`bench.m${String(i).padStart(3, '0')},${year}-${month},${(100 + k * 0.5 + (i % 7)).toFixed(2)},illustrative${WITH_NOTE ? ',generated for the import benchmark' : ''}`);
		}
	}
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

async function run(handle: DatabaseHandle, label: string, file: Uint8Array) {
	await migrateDatabase(handle, path.resolve('drizzle'));
	await ensureConsoleUser(handle.db);
	await handle.db
		.insert(s.indicators)
		.values(
			Array.from({ length: INDICATORS }, (_, i) => ({
				id: `bench.m${String(i).padStart(3, '0')}`,
				nameZh: `基准指标${i}`,
				nameEn: `Benchmark indicator ${i}`,
				unit: '个',
				frequency: 'month' as const,
				measure: 'stock' as const,
				areaZh: '—',
				areaEn: '—',
				definitionZh: '导入基准测试用的示意指标。',
				definitionEn: 'Illustrative indicator for the import benchmark.',
				direction: 'higher' as const
			}))
		)
		.onConflictDoNothing();
	const started = performance.now();
	const preview = await previewImport(handle.db, 'bench.csv', file, CONSOLE_USER_ID);
	if (!preview.ok) throw new Error(preview.problem);
	const checked = performance.now();
	const counts = await commitImport(handle.db, preview.importId, CONSOLE_USER_ID);
	const committed = performance.now();
	const result = {
		backend: label,
		rows: counts.rows,
		added: counts.new,
		previewSeconds: (checked - started) / 1000,
		commitSeconds: (committed - checked) / 1000,
		totalSeconds: (committed - started) / 1000
	};
	console.log(`${label}: ${result.rows} rows checked in ${result.previewSeconds.toFixed(2)} s, committed in ${result.commitSeconds.toFixed(2)} s (total ${result.totalSeconds.toFixed(2)} s)`);
	return result;
}

const file = benchCsv(ROWS);
const results = [];
if (ONLY !== 'postgres') {
	const dir = mkdtempSync(path.join(tmpdir(), 'pacer-bench-import-'));
	const pglite = await openDatabase({ dataDir: dir });
	results.push(await run(pglite, 'PGlite', file));
	await pglite.close();
	rmSync(dir, { recursive: true, force: true });
}

if (ONLY === 'pglite') {
	// PostgreSQL left out on request.
} else if (process.env.DATABASE_URL) {
	const name = `pacer_bench_import_${process.pid}`;
	const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(process.env.DATABASE_URL);
	url.pathname = `/${name}`;
	const pg = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
	try {
		results.push(await run(pg, 'PostgreSQL', file));
	} finally {
		await pg.close();
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
} else {
	console.log('DATABASE_URL is not set: PostgreSQL skipped');
}

mkdirSync('bench/results', { recursive: true });
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`;
const suffix = ROWS === 100_000 ? '' : `-${ROWS}`;
writeFileSync(`bench/results/import${suffix}.json`, JSON.stringify({ date: new Date().toISOString(), machine, load: readFileSync('/proc/loadavg', 'utf8').trim(), bytes: file.length, results }, null, 2));
writeFileSync(
	`bench/results/import${suffix}.md`,
	[
		`Import benchmark (${new Date().toISOString().slice(0, 10)}, ${machine}): ${ROWS} rows, ${(file.length / 1e6).toFixed(1)} MB CSV`,
		'',
		'| backend | check (preview) | commit | total |',
		'|---|---|---|---|',
		...results.map((r) => `| ${r.backend} | ${r.previewSeconds.toFixed(2)} s | ${r.commitSeconds.toFixed(2)} s | ${r.totalSeconds.toFixed(2)} s |`)
	].join('\n') + '\n'
);
