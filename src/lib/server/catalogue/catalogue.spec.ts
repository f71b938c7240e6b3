import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNoise } from './clean-text';
import { draftClauses, SEED_LAYOUTS } from './draft-clauses';
import { loadCatalogue } from './load-catalogue';

const catalogue = loadCatalogue(path.resolve('catalogue'));
const plan = (id: string) => catalogue.plans.find((p) => p.id === id)!;
const pudong = plan('pudong-biomedicine-2022-2024');
const shanghai = plan('shanghai-biomedicine-full-chain-2024');
const target = (id: string) => catalogue.plans.flatMap((p) => p.targets).find((t) => t.id === id)!;
const sharedDir = path.resolve('../shared');

describe('the catalogue of the two seed plans', () => {
	it('keeps every clause of both documents with its numbering', () => {
		expect(pudong.clauses).toHaveLength(66);
		expect(shanghai.clauses).toHaveLength(47);
		// All 37 measures of the Shanghai opinions, numbered （一） to （三十七）.
		const measures = shanghai.clauses.filter((c) => c.path.length === 2);
		expect(measures).toHaveLength(37);
		expect(measures.at(-1)!.path).toEqual(['八、', '（三十七）']);
		// The 20 key tasks of the Pudong plan and the 20 rows of its task table.
		expect(pudong.clauses.filter((c) => c.path.length === 3 && c.path[0] === '三、')).toHaveLength(20);
		expect(pudong.clauses.filter((c) => c.path[0] === '附件')).toHaveLength(20);
	});

	it('has every target quote verbatim in its cleaned clause text', () => {
		for (const p of catalogue.plans) {
			for (const t of p.targets) {
				const clause = p.clauses.find((c) => c.id === t.clause);
				expect(clause?.text.zh, t.id).toContain(t.quote);
			}
		}
	});

	it('stores no traditional characters, pinyin or "?" in any Chinese text', () => {
		const texts = [
			...catalogue.plans.flatMap((p) => [
				p.title.zh,
				p.issuer.zh,
				...p.clauses.flatMap((c) => [c.heading?.zh ?? '', c.text.zh]),
				...p.targets.flatMap((t) => [t.quote, t.title.zh]),
				...p.facts.map((f) => f.description.zh)
			]),
			...catalogue.indicators.flatMap((i) => [i.name.zh, i.definition.zh])
		];
		const noisy = texts.filter((text) => findNoise(text).length > 0);
		expect(noisy).toEqual([]);
	});

	it('has an English title for every target and English text for every clause', () => {
		for (const p of catalogue.plans) {
			for (const t of p.targets) expect(t.title.en, t.id).toMatch(/[A-Za-z]/);
			for (const c of p.clauses) {
				if (c.text.zh) expect(c.text.en, c.id).toMatch(/[A-Za-z]{3}/);
				expect(c.text.en, c.id).not.toMatch(/[\u4e00-\u9fff]{4}/);
			}
		}
	});

	it.each([
		// id, comparator, value, max, unit, kind, deadline
		['pd-class1-drugs', '>=', 10, null, '个', 'new_since_baseline', '2024-12-31'],
		['pd-class1-drugs-share', '>=', 20, null, '%', 'share', '2024-12-31'],
		['pd-innovative-devices', '>=', 15, null, '个', 'new_since_baseline', '2024-12-31'],
		['pd-innovative-devices-share', '>=', 10, null, '%', 'share', '2024-12-31'],
		['pd-industry-standards', 'between', 2, 3, '个', 'new_since_baseline', '2024-12-31'],
		['pd-first-in-class', 'between', 2, 3, '个', 'new_since_baseline', '2024-12-31'],
		['pd-industry-scale', '>=', 4000, null, '亿元', 'level', '2024-12-31'],
		['pd-industry-scale-share', '>=', 50, null, '%', 'share', '2024-12-31'],
		['pd-manufacturing-output', '>=', 1000, null, '亿元', 'level', '2024-12-31'],
		['pd-high-tech-services', '>=', 600, null, '亿元', 'level', '2024-12-31'],
		['pd-commerce-revenue', '>=', 2400, null, '亿元', 'level', '2024-12-31'],
		['pd-firms-10bn', '>=', 1, null, '家', 'new_since_baseline', '2024-12-31'],
		['pd-firms-5bn', '>=', 5, null, '家', 'new_since_baseline', '2024-12-31'],
		['pd-firms-1bn', '>=', 15, null, '家', 'new_since_baseline', '2024-12-31'],
		['pd-local-industrialisation', '>=', 50, null, '%', 'level', '2024-12-31'],
		['pd-pharma-hq', '>=', 10, null, '家', 'new_since_baseline', '2024-12-31'],
		['pd-segment-leaders', 'between', 8, 10, '家', 'new_since_baseline', '2024-12-31'],
		['pd-new-listings', '>=', 20, null, '家', 'new_since_baseline', '2024-12-31'],
		['pd-listed-total', '>=', 50, null, '家', 'cumulative', '2024-12-31'],
		['pd-innovation-centres', '>=', 10, null, '家', 'new_since_baseline', '2024-12-31'],
		['sh-research-beds', '>=', 10, null, '%', 'level', '2029-07-31'],
		['sh-trial-startup', '<=', 25, null, '周', 'duration', '2029-07-31'],
		['sh-ethics-lead', '<=', 15, null, '工作日', 'duration', '2029-07-31'],
		['sh-ethics-simplified', '<=', 5, null, '工作日', 'duration', '2029-07-31'],
		['sh-ethics-total', '<=', 3, null, '周', 'duration', '2029-07-31'],
		['sh-drug-supplement-review', '<=', 60, null, '工作日', 'duration', '2029-07-31'],
		['sh-trial-application-review', '<=', 30, null, '工作日', 'duration', '2029-07-31'],
		['sh-class2-device-review', '<=', 40, null, '工作日', 'duration', '2029-07-31'],
		['sh-hospital-listing', '<=', 1, null, '个月', 'duration', '2029-07-31'],
		['sh-key-enterprises', '=', 100, null, '家', 'act', '2029-07-31'],
		['sh-major-projects', '=', 100, null, '个', 'act', '2029-07-31'],
		['sh-key-products', '=', 100, null, '个', 'act', '2029-07-31'],
		['sh-key-pipelines', '=', 100, null, '个', 'act', '2029-07-31'],
		['sh-factory-space', '>=', 500, null, '万平方米', 'level', '2029-07-31'],
		['sh-guarantee-small', '>=', 2000, null, '万元', 'act', '2029-07-31'],
		['sh-guarantee-medium', '>=', 3000, null, '万元', 'act', '2029-07-31']
	] as const)('target %s: %s %d (max %s) %s, %s, by %s', (id, comparator, value, max, unit, kind, deadline) => {
		expect(target(id)).toMatchObject({ comparator, value, max, unit, kind, deadline });
	});

	it('catalogues exactly the targets listed above', () => {
		expect(pudong.targets).toHaveLength(20);
		expect(shanghai.targets).toHaveLength(16);
	});

	it('splits "新增上市企业20家、累计达50家以上" into a new-since-baseline and a cumulative target', () => {
		expect(target('pd-new-listings').baseline).toEqual({ value: 30, date: '2021-12-31', implied: true });
		expect(target('pd-listed-total').kind).toBe('cumulative');
	});

	it('keeps the support caps (最高…万元) as facts of their clauses, not as targets', () => {
		const caps = shanghai.facts.filter((f) => f.kind === 'support_cap');
		expect(caps.length).toBeGreaterThanOrEqual(20);
		expect(caps).toContainEqual(expect.objectContaining({ clause: 'sh-1.4', quote: '最高1000万元', value: 1000, unit: '万元' }));
		expect(catalogue.plans.flatMap((p) => p.targets).some((t) => t.quote.includes('最高'))).toBe(false);
	});
});

describe.runIf(fs.existsSync(path.join(sharedDir, 'seeds')))('the catalogue against the seed files', () => {
	it.each(SEED_LAYOUTS)('stores exactly the cleaned text of $seed', (layout) => {
		const drafted = draftClauses(path.join(sharedDir, 'seeds'), layout);
		const stored = catalogue.plans.find((p) => layout.planFile.startsWith(p.id))!;
		expect(stored.clauses.map((c) => ({ id: c.id, path: c.path, heading: c.heading?.zh ?? null, text: c.text.zh }))).toEqual(drafted);
	});
});

describe.runIf(fs.existsSync(path.join(sharedDir, 'data/published-figures.json')))('the published figures', () => {
	const published: { figures: Array<{ value: number; url: string; flag?: string }> } = JSON.parse(
		fs.readFileSync(path.join(sharedDir, 'data/published-figures.json'), 'utf8')
	);
	const sourceUrl = new Map(catalogue.observations.sources.map((s) => [s.id, s.url]));

	it('are all entered, with their source and not as illustrative', () => {
		for (const figure of published.figures) {
			const match = catalogue.observations.observations.find(
				(o) => o.value === figure.value && o.source !== null && sourceUrl.get(o.source) === figure.url
			);
			expect(match, `${figure.value} from ${figure.url}`).toBeDefined();
			expect(match!.provenance).not.toBe('illustrative');
			if (figure.flag) expect(match!.flags.length, `${figure.value}: flag "${figure.flag}"`).toBeGreaterThan(0);
		}
	});

	it('label every generated figure illustrative, with no source', () => {
		const generated = catalogue.observations.observations.filter((o) => o.source === null);
		expect(generated.length).toBeGreaterThan(0);
		for (const o of generated) expect(o.provenance).toBe('illustrative');
	});
});
