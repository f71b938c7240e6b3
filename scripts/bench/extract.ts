/**
 * Extraction benchmark: how well the plan extractor (extractDocument) finds a plan's quantified
 * targets, and how fast it reads a long document.
 *
 *   npm run bench:extract [-- options]
 *     --seeds DIR    the seed plans (default ../shared/seeds, beside the repository)
 *     --runs 5       timed runs of the speed document (median reported)
 *     --no-speed     skip the speed measurement
 *     --splits dev,dev2   only these labelled splits (the extractor's developer leaves out heldout)
 *
 * 1. Seeds: each seed copy in --seeds is read and its proposals are compared with the shipped
 *    catalogue plan (catalogue/bundles/*.json, 36 targets): found (value, max, unit, comparator and
 *    deadline all right), missing, and extra proposals, of which how many the catalogue keeps as facts
 *    (the bundle's `facts`).
 * 2. Labelled sets: bench/extract/dev and bench/extract/heldout (same layout; held-out merged later,
 *    reported as absent until then), per document, per split and both together, with the matching
 *    rule of src/lib/domain/intake/score.ts (bench/extract/README.md). Held-out documents are reported
 *    as counts only: their quotes never reach the results, which the extractor's developer reads.
 * 3. Speed: a ~150 KB document made by repeating the seed copies and the dev documents, read end to
 *    end through extractDocument, median of --runs runs (after one untimed warm-up).
 *
 * Writes bench/results/extract.json and bench/results/extract.md and prints a summary.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as OpenCC from 'opencc-js';
import { extractDocument } from '../../src/lib/server/intake/extract-document';
import type { ProposedTarget } from '../../src/lib/domain/intake/extraction';
import {
	EXTRACTION_GOALS,
	goalsMet,
	normaliseQuote,
	normaliseUnit,
	quoteOverlap,
	rates,
	sameNumber,
	scoreDocument,
	sumCounts,
	type ExtractionCounts,
	type ExtractionRates,
	type ScoredTarget
} from '../../src/lib/domain/intake/score';

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : fallback;
};
const SEEDS_DIR = path.resolve(arg('seeds', '../shared/seeds'));
const RUNS = Number(arg('runs', '5'));
const SPEED = !process.argv.includes('--no-speed');
/**
 * dev: labelled while the extractor was written; dev2, dev3 and dev4: the held-out sets of rounds
 * 1 to 3, each measured once untouched (bench/results/extract-round1.md … round3.md) and then
 * opened for development; heldout: the current held-out set nobody tuning the extractor has read.
 */
const SPLITS = ['dev', 'dev2', 'dev3', 'dev4', 'heldout'] as const;
type Split = (typeof SPLITS)[number];
const CHOSEN_SPLITS = arg('splits', SPLITS.join(','))
	.split(',')
	.filter((s): s is Split => (SPLITS as readonly string[]).includes(s));
const SPEED_BYTES = 150_000;
const SPEED_GOAL_MS = 2000;

// "tw" gives the mainland forms (着力); the "t" pass catches what "tw" leaves (as clean-text.ts does).
const twToCn = OpenCC.Converter({ from: 'tw', to: 'cn' });
const tToCn = OpenCC.Converter({ from: 't', to: 'cn' });
const toSimplified = (text: string) => tToCn(twToCn(text));
const matchOptions = { toSimplified };

/** Which catalogue plan each seed copy is. */
const SEED_PLANS: Record<string, string> = {
	'pudong-biomedicine-action-plan-2022-2024.txt': 'pudong-biomedicine-2022-2024',
	'shanghai-biomedicine-full-chain-opinions-2024.txt': 'shanghai-biomedicine-full-chain-2024'
};

interface LabelFile {
	id: string;
	title: string;
	issuer: string;
	docNumber: string | null;
	level: string;
	split: Split;
	source: { url: string; how: string };
	planEnd: string | null;
	targets: ScoredTarget[];
	nonTargets: Array<{ quote: string; why: string }>;
}

interface CatalogueFact {
	quote: string;
	kind: string;
	value: number | null;
	unit: string | null;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const mark = (ok: boolean | null) => (ok === null ? '' : ok ? ' ✓' : ' ✗');
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const describeTarget = (t: ScoredTarget) =>
	`${t.quote} [${t.comparator} ${t.value}${t.max === null ? '' : `–${t.max}`} ${t.unit}, ${t.deadline ?? 'no deadline'}, ${t.kind}]`;

async function extract(bytes: Uint8Array, fileName: string): Promise<{ proposals: ProposedTarget[]; error: string | null; ms: number }> {
	const started = performance.now();
	try {
		const { extraction } = await extractDocument(bytes, fileName);
		return { proposals: extraction.targets, error: null, ms: performance.now() - started };
	} catch (e) {
		return { proposals: [], error: e instanceof Error ? e.message : String(e), ms: performance.now() - started };
	}
}

// ---------------------------------------------------------------- seeds against the catalogue

interface SeedResult {
	seed: string;
	plan: string | null;
	catalogueTargets: number;
	proposals: number;
	found: number;
	/** Matched by value, unit and quote but with a wrong comparator or deadline. */
	wrongFields: Array<{ target: string; proposal: string; fields: string[] }>;
	missing: string[];
	extras: Array<{ proposal: string; heldAsFact: boolean }>;
	extrasHeldAsFacts: number;
	error: string | null;
	ms: number;
}

function catalogueFacts(plan: { facts?: CatalogueFact[] }): CatalogueFact[] {
	return plan.facts ?? [];
}

function isFact(proposal: ProposedTarget, facts: CatalogueFact[]): boolean {
	return facts.some(
		(f) =>
			f.value !== null &&
			sameNumber(f.value, proposal.value) &&
			(f.unit === null || normaliseUnit(f.unit) === normaliseUnit(proposal.unit)) &&
			quoteOverlap(normaliseQuote(f.quote, toSimplified), normaliseQuote(proposal.quote, toSimplified)) > 0
	);
}

async function benchSeeds(): Promise<SeedResult[]> {
	if (!existsSync(SEEDS_DIR)) return [];
	const results: SeedResult[] = [];
	for (const seed of readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort()) {
		const planId = SEED_PLANS[seed] ?? null;
		const bytes = readFileSync(path.join(SEEDS_DIR, seed));
		const { proposals, error, ms } = await extract(bytes, seed);
		if (!planId || !existsSync(`catalogue/bundles/${planId}.json`)) {
			results.push({ seed, plan: null, catalogueTargets: 0, proposals: proposals.length, found: 0, wrongFields: [], missing: [], extras: [], extrasHeldAsFacts: 0, error, ms });
			continue;
		}
		const plan = readJson<{ targets: ScoredTarget[]; facts?: CatalogueFact[] }>(`catalogue/bundles/${planId}.json`);
		const facts = catalogueFacts(plan);
		const score = scoreDocument(plan.targets, proposals, matchOptions);
		const wrongFields = score.matching.pairs
			.map(([t, p]) => ({
				target: describeTarget(plan.targets[t]),
				proposal: describeTarget(proposals[p]),
				fields: [
					...(plan.targets[t].comparator === proposals[p].comparator ? [] : ['comparator']),
					...(plan.targets[t].deadline === proposals[p].deadline ? [] : ['deadline'])
				]
			}))
			.filter((w) => w.fields.length > 0);
		const extras = score.matching.unmatchedProposals.map((p) => ({ proposal: describeTarget(proposals[p]), heldAsFact: isFact(proposals[p], facts) }));
		results.push({
			seed,
			plan: planId,
			catalogueTargets: plan.targets.length,
			proposals: proposals.length,
			found: score.matched - wrongFields.length,
			wrongFields,
			missing: score.matching.unmatchedLabels.map((t) => describeTarget(plan.targets[t])),
			extras,
			extrasHeldAsFacts: extras.filter((e) => e.heldAsFact).length,
			error,
			ms
		});
	}
	return results;
}

// ---------------------------------------------------------------- labelled sets

interface DocumentResult extends ExtractionCounts {
	id: string;
	rates: ExtractionRates;
	/** Label quotes not found in the document's text (a labelling slip), counted for every split. */
	quotesNotInText: number;
	error: string | null;
	ms: number;
	/** Dev only: what was missed, what was extra, which fields were wrong. */
	detail?: { missing: string[]; extras: string[]; wrongFields: Array<{ label: string; proposal: string; fields: string[] }> };
}

interface SplitResult {
	split: Split;
	present: boolean;
	documents: DocumentResult[];
	total: ExtractionCounts;
	rates: ExtractionRates;
}

async function benchSplit(split: Split): Promise<SplitResult> {
	const dir = `bench/extract/${split}`;
	const empty = sumCounts([]);
	if (!existsSync(`${dir}/labels`)) return { split, present: false, documents: [], total: empty, rates: rates(empty) };
	const documents: DocumentResult[] = [];
	for (const file of readdirSync(`${dir}/labels`).filter((f) => f.endsWith('.json')).sort()) {
		const label = readJson<LabelFile>(`${dir}/labels/${file}`);
		const docFile = `${dir}/docs/${label.id}.txt`;
		const bytes = readFileSync(docFile);
		// Labels quote the clean text, so the check ignores punctuation and web noise (◈ღ✿) on both sides.
		const bare = (s: string) => normaliseQuote(s, toSimplified).replace(/[^\p{Script=Han}A-Za-z0-9%.]/gu, '');
		const text = bare(bytes.toString('utf8'));
		const quotesNotInText = label.targets.filter((t) => !text.includes(bare(t.quote))).length;
		const { proposals, error, ms } = await extract(bytes, `${label.id}.txt`);
		const score = scoreDocument(label.targets, proposals, matchOptions);
		const { matching, wrongFields, ...counts } = score;
		documents.push({
			id: label.id,
			...counts,
			rates: rates(counts),
			quotesNotInText,
			error,
			ms,
			detail:
				split !== 'heldout'
					? {
							missing: matching.unmatchedLabels.map((l) => describeTarget(label.targets[l])),
							extras: matching.unmatchedProposals.map((p) => describeTarget(proposals[p])),
							wrongFields: wrongFields.map((w) => ({ label: describeTarget(label.targets[w.label]), proposal: describeTarget(proposals[w.proposal]), fields: w.fields }))
						}
					: undefined
		});
	}
	const total = sumCounts(documents);
	return { split, present: true, documents, total, rates: rates(total) };
}

// ---------------------------------------------------------------- speed

interface SpeedResult {
	bytes: number;
	characters: number;
	madeFrom: string[];
	repeats: number;
	parts: number;
	proposals: number;
	runsMs: number[];
	medianMs: number;
	goalMs: number;
	error: string | null;
}

async function benchSpeed(): Promise<SpeedResult> {
	const sources = [
		...(existsSync(SEEDS_DIR) ? readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(SEEDS_DIR, f)) : []),
		...(existsSync('bench/extract/dev/docs') ? readdirSync('bench/extract/dev/docs').sort().map((f) => `bench/extract/dev/docs/${f}`) : [])
	];
	const texts = sources.map((f) => readFileSync(f, 'utf8').trim());
	const parts: string[] = [];
	let bytes = 0;
	let repeats = 0;
	// Texts in turn until the size is reached; the last one is cut at a line end, never mid-line.
	for (let i = 0; bytes < SPEED_BYTES && texts.length; i++) {
		let part = texts[i % texts.length];
		if (bytes + Buffer.byteLength(part) + 2 > SPEED_BYTES) {
			const lines: string[] = [];
			for (const line of part.split('\n')) {
				if (bytes + Buffer.byteLength(lines.join('\n')) + 2 >= SPEED_BYTES) break;
				lines.push(line);
			}
			part = lines.join('\n');
		}
		parts.push(part);
		bytes += Buffer.byteLength(part) + 2;
		repeats = Math.floor(i / texts.length) + 1;
	}
	const text = parts.join('\n\n');
	const data = new TextEncoder().encode(text);
	const warmUp = await extract(data, 'speed-150kb.txt');
	const runsMs: number[] = [];
	let error = warmUp.error;
	for (let i = 0; i < RUNS; i++) {
		const run = await extract(data, 'speed-150kb.txt');
		error ??= run.error;
		runsMs.push(run.ms);
	}
	return {
		bytes: data.length,
		characters: [...text].length,
		madeFrom: sources.map((f) => path.basename(f)),
		repeats,
		parts: parts.length,
		proposals: warmUp.proposals.length,
		runsMs,
		medianMs: median(runsMs),
		goalMs: SPEED_GOAL_MS,
		error
	};
}

// ---------------------------------------------------------------- report

const GOAL_TEXT = `recall ≥ ${EXTRACTION_GOALS.recall * 100}%, precision ≥ ${EXTRACTION_GOALS.precision * 100}%, comparator ≥ ${EXTRACTION_GOALS.comparatorAccuracy * 100}%, deadline ≥ ${EXTRACTION_GOALS.deadlineAccuracy * 100}% (over matched targets; kind accuracy for information)`;

function rateCells(counts: ExtractionCounts, r: ExtractionRates): string {
	const met = goalsMet(r);
	return [
		counts.labels,
		counts.proposals,
		counts.matched,
		pct(r.recall) + mark(met.recall),
		pct(r.precision) + mark(met.precision),
		pct(r.comparatorAccuracy) + mark(met.comparatorAccuracy),
		pct(r.deadlineAccuracy) + mark(met.deadlineAccuracy),
		pct(r.kindAccuracy)
	].join(' | ');
}

function markdown(seeds: SeedResult[], splits: SplitResult[], all: { total: ExtractionCounts; rates: ExtractionRates }, speed: SpeedResult | null, machine: string, date: string): string {
	const head = '| labels | proposals | matched | recall | precision | comparator | deadline | kind |';
	const rule = '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
	const lines = [
		`# Extraction benchmark`,
		'',
		`\`npm run bench:extract\` · ${date} · ${machine}`,
		'',
		`Goals: ${GOAL_TEXT}; speed: a ~150 KB document in under ${SPEED_GOAL_MS / 1000} s. ✓/✗ mark a goal met or missed.`,
		'',
		'## Labelled sets',
		'',
		`| split | documents |${head.slice(1)}`,
		`| --- | ---: |${rule.slice(1)}`
	];
	for (const s of splits) lines.push(s.present ? `| ${s.split} | ${s.documents.length} | ${rateCells(s.total, s.rates)} |` : `| ${s.split} | absent | | | | | | | | |`);
	lines.push(`| all | ${splits.reduce((n, s) => n + s.documents.length, 0)} | ${rateCells(all.total, all.rates)} |`, '');
	for (const s of splits.filter((x) => x.present)) {
		lines.push(`### ${s.split} documents`, '', `| document ${head} ms |`, `| --- ${rule} ---: |`);
		for (const d of s.documents) lines.push(`| ${d.id}${d.error ? ` (error: ${d.error})` : ''} | ${rateCells(d, d.rates)} | ${d.ms.toFixed(0)} |`);
		const slips = s.documents.filter((d) => d.quotesNotInText > 0);
		if (slips.length) lines.push('', `Label quotes not found in their document's text: ${slips.map((d) => `${d.id} (${d.quotesNotInText})`).join(', ')}.`);
		lines.push('');
	}
	for (const dev of splits.filter((s) => s.split !== 'heldout' && s.present)) {
		lines.push(`### ${dev.split}: missed labels, extra proposals, wrong fields`, '');
		for (const d of dev.documents) {
			if (!d.detail || (!d.detail.missing.length && !d.detail.extras.length && !d.detail.wrongFields.length)) continue;
			lines.push(`**${d.id}**`, '');
			for (const m of d.detail.missing) lines.push(`- missed: ${m}`);
			for (const e of d.detail.extras) lines.push(`- extra: ${e}`);
			for (const w of d.detail.wrongFields) lines.push(`- wrong ${w.fields.join(', ')}: label ${w.label}; proposed ${w.proposal}`);
			lines.push('');
		}
	}
	lines.push('## Seeds against the catalogue', '');
	if (!seeds.length) lines.push(`No seed copies found in ${SEEDS_DIR}.`, '');
	else {
		lines.push(
			'| seed | catalogue plan | catalogue targets | proposals | found | wrong comparator/deadline | missing | extra proposals | extras the catalogue holds as facts | ms |',
			'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
		);
		for (const s of seeds)
			lines.push(
				`| ${s.seed}${s.error ? ` (error: ${s.error})` : ''} | ${s.plan ?? '(none)'} | ${s.catalogueTargets} | ${s.proposals} | ${s.found} | ${s.wrongFields.length} | ${s.missing.length} | ${s.extras.length} | ${s.extrasHeldAsFacts} | ${s.ms.toFixed(0)} |`
			);
		const t = seeds.reduce((a, s) => ({ c: a.c + s.catalogueTargets, p: a.p + s.proposals, f: a.f + s.found, w: a.w + s.wrongFields.length, m: a.m + s.missing.length, e: a.e + s.extras.length, x: a.x + s.extrasHeldAsFacts }), { c: 0, p: 0, f: 0, w: 0, m: 0, e: 0, x: 0 });
		lines.push(`| all | | ${t.c} | ${t.p} | ${t.f} | ${t.w} | ${t.m} | ${t.e} | ${t.x} | |`, '');
		lines.push('Found: value, max, unit, comparator and deadline all right (and the quotes overlap). Extras held as facts: the proposal is a number the catalogue keeps as a fact of its clause (support caps, thresholds…).', '');
		for (const s of seeds) {
			if (!s.missing.length && !s.wrongFields.length && !s.extras.length) continue;
			lines.push(`**${s.seed}**`, '');
			for (const m of s.missing) lines.push(`- missing: ${m}`);
			for (const w of s.wrongFields) lines.push(`- wrong ${w.fields.join(', ')}: catalogue ${w.target}; proposed ${w.proposal}`);
			for (const e of s.extras) lines.push(`- extra${e.heldAsFact ? ' (a catalogue fact)' : ''}: ${e.proposal}`);
			lines.push('');
		}
	}
	lines.push('## Speed', '');
	if (!speed) lines.push('Skipped (--no-speed).');
	else
		lines.push(
			`A ${(speed.bytes / 1000).toFixed(0)} KB document (${speed.characters} characters, ${speed.parts} texts): ${speed.madeFrom.join(', ')} in turn (${speed.repeats} rounds, the last text cut at a line end) until 150 KB, joined by blank lines. ` +
				`${speed.proposals} target proposals. One untimed warm-up, then ${speed.runsMs.length} runs of extractDocument end to end: ` +
				`${speed.runsMs.map((ms) => ms.toFixed(0)).join(', ')} ms; median **${speed.medianMs.toFixed(0)} ms**${mark(speed.medianMs < speed.goalMs)} (goal < ${speed.goalMs} ms).` +
				(speed.error ? ` Error: ${speed.error}.` : '')
		);
	lines.push('');
	return lines.join('\n');
}

const seeds = await benchSeeds();
const splits: SplitResult[] = [];
for (const split of CHOSEN_SPLITS) splits.push(await benchSplit(split));
const allTotal = sumCounts(splits.flatMap((s) => s.documents));
const all = { total: allTotal, rates: rates(allTotal) };
const speed = SPEED ? await benchSpeed() : null;

const date = new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared with other jobs), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
mkdirSync('bench/results', { recursive: true });
writeFileSync(
	'bench/results/extract.json',
	JSON.stringify({ command: 'npm run bench:extract', date, machine, goals: { ...EXTRACTION_GOALS, speedMs: SPEED_GOAL_MS }, seeds, splits, all, speed }, null, '\t') + '\n'
);
writeFileSync('bench/results/extract.md', markdown(seeds, splits, all, speed, machine, date));

const line = (name: string, c: ExtractionCounts, r: ExtractionRates) =>
	`${name.padEnd(8)} labels ${c.labels}, proposals ${c.proposals}, matched ${c.matched}: recall ${pct(r.recall)}, precision ${pct(r.precision)}, comparator ${pct(r.comparatorAccuracy)}, deadline ${pct(r.deadlineAccuracy)}, kind ${pct(r.kindAccuracy)}`;
console.log(`Extraction benchmark (${machine})`);
console.log(`goals: ${GOAL_TEXT}`);
for (const s of splits) console.log(s.present ? line(s.split, s.total, s.rates) : `${s.split.padEnd(8)} absent`);
console.log(line('all', all.total, all.rates));
for (const s of seeds)
	console.log(`seed ${s.seed}: ${s.found}/${s.catalogueTargets} catalogue targets found, ${s.wrongFields.length} with a wrong comparator or deadline, ${s.missing.length} missing, ${s.extras.length} extra (${s.extrasHeldAsFacts} catalogue facts)${s.error ? `, error: ${s.error}` : ''}`);
if (speed) console.log(`speed: ${(speed.bytes / 1000).toFixed(0)} KB in ${speed.medianMs.toFixed(0)} ms (median of ${speed.runsMs.length}; goal < ${speed.goalMs} ms)`);
console.log('wrote bench/results/extract.md and bench/results/extract.json');
