/**
 * A scale data set: many clearly illustrative plans, targets and monthly figures, for benchmarks.
 *
 *   npm run bench:data -- --plans 500 --targets 20000 --observations 5000000 [--seed 8]
 *
 * Loads into PostgreSQL when DATABASE_URL is set, otherwise into the PGlite folder PACER_DATA_DIR
 * (default ./data), after migrating and loading the catalogue. Every plan title says it is
 * illustrative, every figure has provenance `illustrative`; ids start with `scale-` and a re-run
 * replaces the earlier scale data. The same options and seed give the same data (mulberry32).
 * Figures go in through COPY into a staging table (postgres.js's COPY stream, PGlite's /dev/blob),
 * then two set-based INSERTs; at the end every generated target is judged and stored.
 *
 *   npm run bench:data -- --judge-only [--processes 2]   (judges the loaded scale targets again, timed)
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { CATALOGUE_USER_ID } from '../../src/lib/server/catalogue/seed-catalogue';
import { readConfig } from '../../src/lib/server/config';
import type { Database } from '../../src/lib/server/db/open';
import { prepareDatabase } from '../../src/lib/server/db/prepare';
import { rowsOf } from '../../src/lib/server/db/rows';
import * as s from '../../src/lib/server/db/schema';
import { markJudgementsCurrent, refreshJudgements } from '../../src/lib/server/queries/judgements';
import { mulberry32 } from './mulberry32';

function option(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	if (i < 0) return fallback;
	const value = Number(process.argv[i + 1]);
	if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number, not ${process.argv[i + 1]}`);
	return value;
}

const PLANS = option('plans', 500);
const TARGETS = option('targets', 20_000);
const OBSERVATIONS = option('observations', 5_000_000);
const SEED = option('seed', 8);
const PROCESSES = Math.max(1, option('processes', 1));
const SECTIONS = 5;
/** The newest month with a figure: October 2026. */
const LAST_MONTH = 2026 * 12 + 9;

if (TARGETS < PLANS) throw new Error('--targets must be at least --plans (every plan gets a target)');

const random = mulberry32(SEED);

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const planId = (p: number) => `scale-p${pad(p, 4)}`;
const targetId = (i: number) => `scale-t${pad(i, 6)}`;
const indicatorId = (i: number) => `scale.i${pad(i, 6)}`;
const SECTION_ZH = ['一、', '二、', '三、', '四、', '五、'];

type Shape = 'rise' | 'duration' | 'band';
interface GeneratedTarget {
	i: number;
	plan: number;
	section: number;
	position: number;
	shape: Shape;
	start: number;
	trend: number;
	noise: number;
	value: number;
	maxValue: number | null;
	deadline: string;
	months: number;
}

/** Targets spread evenly over plans; figures spread evenly over indicators (one indicator per target). */
function generateTargets(): GeneratedTarget[] {
	const perIndicator = Math.floor(OBSERVATIONS / TARGETS);
	const extra = OBSERVATIONS - perIndicator * TARGETS;
	const positions = new Map<number, number>();
	return Array.from({ length: TARGETS }, (_, i) => {
		const plan = i % PLANS;
		const position = positions.get(plan) ?? 0;
		positions.set(plan, position + 1);
		const r = random();
		const shape: Shape = r < 0.7 ? 'rise' : r < 0.85 ? 'duration' : 'band';
		const start = shape === 'duration' ? 20 + random() * 40 : 50 + random() * 950;
		// Monthly trend: some targets on pace, some behind, some moving the wrong way.
		const trend = shape === 'duration' ? -(random() * 0.004 - 0.001) : random() * 0.008 - 0.001;
		const deadline = ['2026-12-31', '2027-12-31', '2030-12-31'][Math.floor(random() * 3)];
		const yearsAhead = Number(deadline.slice(0, 4)) - 2026 + 1;
		const months = perIndicator + (i < extra ? 1 : 0);
		const reach = start * Math.pow(1 + Math.abs(trend) * (0.6 + random()), months + yearsAhead * 12);
		const value = shape === 'duration' ? Math.round(start * (0.5 + random() * 0.3)) : Math.round(reach);
		return {
			i,
			plan,
			section: position % SECTIONS,
			position,
			shape,
			start,
			trend,
			noise: 0.002 + random() * 0.01,
			value,
			maxValue: shape === 'band' ? Math.round(value * 1.2) : null,
			deadline,
			months
		};
	});
}

async function insertChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
	for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

async function loadStructure(db: Database, targets: GeneratedTarget[]) {
	const plans = Array.from({ length: PLANS }, (_, p) => ({
		id: planId(p),
		titleZh: `示意规划${pad(p + 1, 4)}（规模测试用生成数据，非真实文件）`,
		titleEn: `Illustrative plan ${pad(p + 1, 4)} (generated for scale tests, not a real document)`,
		issuerZh: 'Pacer 规模测试（示意）',
		issuerEn: 'Pacer scale test (illustrative)',
		areaZh: '—',
		areaEn: '—',
		issuedOn: '2022-01-01',
		effectiveFrom: '2022-01-01',
		effectiveTo: '2030-12-31',
		sourceNoteZh: '由 npm run bench:data 生成的示意数据，不是政策文件。',
		sourceNoteEn: 'Illustrative data generated by npm run bench:data; not a policy document.',
		sourceText: ''
	}));
	await insertChunks(plans, 500, (chunk) => db.insert(s.plans).values(chunk));
	const clauses = plans.flatMap((p) =>
		SECTION_ZH.map((heading, k) => ({
			id: `${p.id}-c${k}`,
			planId: p.id,
			position: k,
			path: [heading],
			textZh: `${heading}示意条款：到期限时各项示意指标达到目标值。`,
			textEn: `${k + 1}. Illustrative clause: each illustrative indicator reaches its target by the deadline.`
		}))
	);
	await insertChunks(clauses, 1000, (chunk) => db.insert(s.clauses).values(chunk));
	await insertChunks(targets, 1000, async (chunk) => {
		await db.insert(s.indicators).values(
			chunk.map((t) => ({
				id: indicatorId(t.i),
				nameZh: `示意指标${pad(t.i + 1, 6)}`,
				nameEn: `Illustrative indicator ${pad(t.i + 1, 6)}`,
				unit: t.shape === 'duration' ? '天' : '个',
				frequency: 'month' as const,
				measure: 'stock' as const,
				areaZh: '—',
				areaEn: '—',
				definitionZh: '规模测试用示意指标（生成数据）。',
				definitionEn: 'Illustrative indicator for scale tests (generated).',
				direction: t.shape === 'duration' ? ('lower' as const) : ('higher' as const)
			}))
		);
		await db.insert(s.targets).values(
			chunk.map((t) => ({
				id: targetId(t.i),
				planId: planId(t.plan),
				clauseId: `${planId(t.plan)}-c${t.section}`,
				position: t.position,
				quote: '各项示意指标达到目标值',
				titleZh: `示意目标${pad(t.i + 1, 6)}：${t.shape === 'duration' ? '办理时间压缩' : t.shape === 'band' ? '规模保持在区间内' : '规模达到目标'}`,
				titleEn: `Illustrative target ${pad(t.i + 1, 6)}: ${t.shape === 'duration' ? 'processing time cut' : t.shape === 'band' ? 'size kept within a range' : 'size reaches the target'}`,
				indicatorId: indicatorId(t.i),
				comparator: t.shape === 'duration' ? ('<=' as const) : t.shape === 'band' ? ('between' as const) : ('>=' as const),
				value: t.value,
				maxValue: t.maxValue,
				unit: t.shape === 'duration' ? '天' : '个',
				kind: t.shape === 'duration' ? ('duration' as const) : ('level' as const),
				deadline: t.deadline,
				deadlineBasis: 'stated' as const
			}))
		);
	});
}

function monthRange(k: number) {
	const y = Math.floor(k / 12);
	const m = k % 12;
	const end = new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
	const recorded = new Date(Date.UTC(y, m + 1, 20)).toISOString();
	return { period: `${y}-${pad(m + 1, 2)}`, start: `${y}-${pad(m + 1, 2)}-01`, end, recorded };
}

/** The figures as CSV lines (indicator, period, start, end, value, recorded), a batch of targets at a time. */
function* figureCsv(targets: GeneratedTarget[], perBatch: number): Generator<string> {
	const noise = mulberry32(SEED * 7919 + 1);
	let lines: string[] = [];
	for (const t of targets) {
		let level = t.start;
		for (let k = LAST_MONTH - t.months + 1; k <= LAST_MONTH; k++) {
			level = level * (1 + t.trend + (noise() - 0.5) * 2 * t.noise);
			const m = monthRange(k);
			lines.push(`${indicatorId(t.i)},${m.period},${m.start},${m.end},${level.toFixed(3)},${m.recorded}`);
		}
		if (lines.length >= perBatch) {
			yield lines.join('\n') + '\n';
			lines = [];
		}
	}
	if (lines.length) yield lines.join('\n') + '\n';
}

/** COPY into the staging table, through whichever driver the database uses. */
async function copyStaging(db: Database, backend: 'pglite' | 'postgres', csv: string) {
	const columns = 'copy scale_staging (indicator_id, period, period_start, period_end, value, recorded_at) from stdin with (format csv)';
	if (backend === 'postgres') {
		const client = (db as unknown as { $client: postgres.Sql }).$client;
		const stream = await client.unsafe(columns).writable();
		await new Promise<void>((resolve, reject) => {
			stream.on('error', reject);
			stream.on('finish', () => resolve());
			stream.end(csv);
		});
	} else {
		const client = (db as unknown as { $client: PGlite }).$client;
		await client.query(columns.replace('from stdin', "from '/dev/blob'"), [], { blob: new Blob([csv]) });
	}
}

/**
 * Judges and stores every generated target that has no judgement for today, as a first load does
 * (`--judge-only` first removes the scale judgements, to time judging alone on data already loaded).
 * With `--processes N` the work is shared by N running processes the way several instances share it
 * (each takes the batches no other holds); the clock starts when all of them are connected.
 */
async function judgeAll(db: Database, lap: (label: string) => void) {
	const others = PROCESSES > 1 && !process.argv.includes('--judge-part') ? await startJudgingProcesses(PROCESSES - 1) : [];
	const started = performance.now();
	let judged = 0;
	const planIds = (await db.select({ id: s.plans.id }).from(s.plans).where(sql`${s.plans.id} like 'scale-%'`).orderBy(s.plans.id)).map((p) => p.id);
	for (const other of others) other.go();
	for (let i = 0; i < planIds.length; i += 25) {
		judged += await refreshJudgements(db, { planIds: planIds.slice(i, i + 25), shared: true });
		if ((i / 25) % 4 === 0) lap(`judged ${judged} targets here`);
	}
	await Promise.all(others.map((o) => o.done));
	if (process.argv.includes('--judge-part')) return;
	await markJudgementsCurrent(db);
	const [{ count }] = rowsOf<{ count: number }>(await db.execute(sql`select count(*)::int as count from target_judgements where target_id like 'scale-%'`));
	lap(`all ${count} generated targets judged and stored (${judged} in this process)`);
	console.log(`judging alone: ${count} targets in ${((performance.now() - started) / 1000).toFixed(1)} s with ${PROCESSES} process(es)`);
}

/** Runs this script with --judge-part in other processes; resolves once each is connected and waits for go(). */
async function startJudgingProcesses(count: number): Promise<{ go: () => void; done: Promise<void> }[]> {
	return Promise.all(
		Array.from({ length: count }, async () => {
			const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--judge-part'], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: process.env });
			const done = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a judging process exited with ${code}`)))));
			await new Promise<void>((resolve, reject) => {
				child.once('message', () => resolve());
				done.catch(reject);
			});
			return { go: () => child.send('go'), done };
		})
	);
}

async function main() {
	const config = readConfig(process.env);
	const started = performance.now();
	const lap = (label: string) => console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
	// PGlite belongs to one process: sharing the judging needs PostgreSQL.
	if (PROCESSES > 1 && !config.databaseUrl) throw new Error('--processes above 1 needs PostgreSQL (DATABASE_URL)');
	const { handle } = await prepareDatabase(config);
	const { db, backend } = handle;
	if (process.argv.includes('--judge-part')) {
		// One of --processes judging processes: takes whichever batches no other holds, once told to go.
		try {
			await new Promise<void>((resolve) => {
				process.once('message', () => resolve());
				process.send!('ready');
			});
			process.disconnect();
			await judgeAll(db, () => {});
		} finally {
			await handle.close();
		}
		return;
	}
	if (process.argv.includes('--judge-only')) {
		try {
			await db.execute(sql`delete from target_judgements where target_id like 'scale-%'`);
			await judgeAll(db, lap);
		} finally {
			await handle.close();
		}
		return;
	}
	console.log(`bench:data: ${PLANS} plans, ${TARGETS} targets, ${OBSERVATIONS} figures, seed ${SEED}, into ${backend}`);
	try {
		// A re-run replaces the earlier scale data.
		await db.execute(sql`delete from observation_versions where observation_id in (select id from observations where indicator_id like 'scale.%')`);
		await db.execute(sql`delete from observations where indicator_id like 'scale.%'`);
		await db.execute(sql`delete from plans where id like 'scale-%'`);
		await db.execute(sql`delete from indicators where id like 'scale.%'`);
		lap('old scale data removed');
		const targets = generateTargets();
		await loadStructure(db, targets);
		lap(`plans, clauses, indicators and targets written`);
		await db.execute(sql`drop table if exists scale_staging`);
		await db.execute(sql`create unlogged table scale_staging (indicator_id text, period text, period_start date, period_end date, value float8, recorded_at timestamptz)`);
		for (const csv of figureCsv(targets, 250_000)) await copyStaging(db, backend, csv);
		lap('figures copied into staging');
		await db.execute(sql`insert into observations (indicator_id, period, period_start, period_end, basis)
			select indicator_id, period, period_start, period_end, 'period' from scale_staging`);
		lap('observations inserted');
		await db.execute(sql`insert into observation_versions (observation_id, version, value, provenance, reason, recorded_by, recorded_at)
			select o.id, 1, st.value, 'illustrative', 'generated (bench:data)', ${CATALOGUE_USER_ID}, st.recorded_at
			from scale_staging st join observations o
				on o.indicator_id = st.indicator_id and o.period_start = st.period_start and o.period_end = st.period_end and o.basis = 'period'`);
		lap('observation versions inserted');
		await db.execute(sql`drop table scale_staging`);
		await db.execute(sql`analyze`);
		await db.insert(s.auditLog).values({
			userId: CATALOGUE_USER_ID,
			action: 'bench.data',
			entity: 'catalogue',
			entityId: 'scale',
			detail: { plans: PLANS, targets: TARGETS, observations: OBSERVATIONS, seed: SEED }
		});
		await judgeAll(db, lap);
	} finally {
		await handle.close();
	}
}

await main();
