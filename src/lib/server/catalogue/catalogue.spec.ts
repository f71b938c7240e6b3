import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNoise } from './clean-text';
import { draftClauses, SEED_LAYOUTS } from './draft-clauses';
import { loadCatalogue } from './load-catalogue';
import { publishedSpan } from '../../domain/published-period';
import type { ObservationFlag } from '../../domain/plan';

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

/** Two addresses of one page: "dingqianjf.com" names the site whose page the catalogue now gives in full. */
function samePage(stored: string, listed: string): boolean {
	const bare = (u: string) => u.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');
	return bare(stored) === bare(listed) || (!listed.includes('/') && bare(stored).split('/')[0] === bare(listed));
}

const observations = catalogue.observations.observations;
const sourceUrl = new Map(catalogue.observations.sources.map((s) => [s.id, s.url]));
const indicator = (id: string) => catalogue.indicators.find((i) => i.id === id)!;
/** The observation holding a listed figure: from its source, or a figure another source gave first that names this one in its note. */
function holding(figure: { value: number; url: string; quote?: string }) {
	const close = (o: (typeof observations)[number]) => Math.abs(o.value - figure.value) < 0.05;
	const fromSource = observations.filter((o) => o.value === figure.value && o.source !== null && samePage(sourceUrl.get(o.source)!, figure.url));
	// One page may give the same number twice (76 drugs and 76 devices): the quote tells them apart.
	return (
		fromSource.find((o) => figure.quote !== undefined && o.note?.includes(figure.quote)) ??
		fromSource[0] ??
		observations.find((o) => close(o) && o.source !== null && o.note?.includes(figure.url))
	);
}

describe.runIf(fs.existsSync(path.join(sharedDir, 'data/published-figures.json')))('the published figures', () => {
	const published: { figures: Array<{ value: number; url: string; flag?: string }> } = JSON.parse(
		fs.readFileSync(path.join(sharedDir, 'data/published-figures.json'), 'utf8')
	);

	it('are all entered, with their source and not as illustrative', () => {
		for (const figure of published.figures) {
			const match = holding(figure);
			expect(match, `${figure.value} from ${figure.url}`).toBeDefined();
			expect(match!.provenance).not.toBe('illustrative');
			if (figure.flag) expect(match!.flags.length, `${figure.value}: flag "${figure.flag}"`).toBeGreaterThan(0);
		}
	});

	it('label every generated figure illustrative, with no source', () => {
		const generated = observations.filter((o) => o.source === null);
		expect(generated.length).toBeGreaterThan(0);
		for (const o of generated) expect(o.provenance).toBe('illustrative');
	});
});

interface ListedFigure {
	indicatorId: string | null;
	indicator: string;
	period: string;
	value: number;
	unit: string;
	scope: string;
	url: string;
	published: string;
	quote: string;
	flag?: string;
}

describe.runIf(fs.existsSync(path.join(sharedDir, 'data/published-figures-2.json')))('the second list of published figures', () => {
	const listed: ListedFigure[] = JSON.parse(fs.readFileSync(path.join(sharedDir, 'data/published-figures-2.json'), 'utf8')).figures;
	const described = (f: ListedFigure) => `${f.indicatorId} ${f.period} ${f.value} (${f.url})`;

	it('has all 55', () => expect(listed).toHaveLength(55));

	it.each(listed.map((f) => [described(f), f] as const))('enters %s with its source, span, quote and unit', (_name, figure) => {
		const o = holding(figure);
		expect(o, 'entered').toBeDefined();
		expect(o!.provenance).not.toBe('illustrative');
		expect(indicator(o!.indicator).unit).toBe(figure.unit);
		// The span the words name, read by the domain's rule (published-period.ts).
		expect({ periodStart: o!.periodStart, periodEnd: o!.periodEnd, basis: o!.basis }).toEqual(publishedSpan(figure.period, figure.published, indicator(o!.indicator).measure));
		expect(o!.note, 'the verbatim quote').toContain(figure.quote);
	});

	// The flag words of the list and the caveat each must become.
	const FLAG_WORDS: [RegExp, ObservationFlag][] = [
		[/mirror/i, 'mirror_site'],
		[/reprint/i, 'reprint'],
		[/conflict/i, 'conflicting_sources'],
		[/lower bound/i, 'lower_bound'],
		[/time limit/i, 'time_limit'],
		[/machine translation/i, 'machine_translation'],
		[/third-party/i, 'third_party'],
		[/period uncertain|period unclear|undated/i, 'period_unclear'],
		[/estimate|预计/i, 'estimate']
	];
	it.each(listed.filter((f) => f.flag).map((f) => [described(f), f] as const))('carries the flags of %s', (_name, figure) => {
		const o = holding(figure)!;
		// A figure another source gave first keeps that source's caveats; its note names this one.
		const second = o.source !== null && !samePage(sourceUrl.get(o.source)!, figure.url);
		if (second) return expect(o.note).toContain(figure.url);
		for (const [words, flag] of FLAG_WORDS) if (words.test(figure.flag!)) expect(o.flags, `"${figure.flag}"`).toContain(flag);
		if (/estimate|预计|plan\/estimate/i.test(figure.flag!)) expect(o.provenance).toBe('estimate');
	});

	it.each(listed.map((f) => [described(f), f] as const))('puts %s on the indicator of its scope', (_name, figure) => {
		const o = holding(figure)!;
		const on = indicator(o.indicator);
		const measuredByTarget = catalogue.plans.flatMap((p) => p.targets).some((t) => t.indicator === o.indicator || t.shareOf === o.indicator);
		if (on.contextOf === null) {
			// On an indicator of its own scope only what counts toward it.
			expect(o.flags).not.toContain('different_scope');
			expect(o.flags).not.toContain('time_limit');
		} else {
			// What sits beside a plan indicator is never counted toward a target.
			expect(measuredByTarget).toBe(false);
		}
		if (figure.indicatorId !== null && o.indicator !== figure.indicatorId) {
			// Moved off the indicator the list named: it sits beside that one, flagged, unless it is a stated share.
			expect(on.contextOf).toBe(figure.indicatorId);
			if (on.shareIn === null) expect(o.flags.some((f) => f === 'different_scope' || f === 'time_limit')).toBe(true);
		}
		// The two figures the list gave no indicator: on one of their own beside the plan's, flagged.
		if (figure.indicatorId === null) {
			expect(on.contextOf).not.toBeNull();
			expect(o.flags).toContain('different_scope');
		}
	});

	it.each([
		// The scopes the list names, decided: national approvals incl. foreign applicants, CDE recommendations,
		// devices of every class, Pudong's factory space, all-sector and STAR listings, a stock of HQs, rules.
		[48, 'http://www.dgdcd.cn/jiankang/57787.html', 'cn.class1-drugs-all'],
		[21, 'https://app.xinhuanet.com/news/article.html?articleId=8221eda9a96b03bfb1e89ec63b876840', 'cn.innovative-drugs-recommended'],
		[113, 'https://english.www.gov.cn/archive/statistics/202411/17/content_WS67392826c6d0868f4e8ed118.html', 'cn.class1-drugs'],
		[42, 'http://aougu.com/9hbu9h.html', 'sh.innovative-devices'],
		[220, 'http://bcsc.top/guonei/81682.html', 'pd.standard-factory-space'],
		[61.8, 'http://dalian.021cf.cn/index.php/post/1070.html', 'sh.standard-factory-space-started'],
		[7, 'http://zhishi.hgjy100.com/guancha/142614.html', 'pd.new-listings-all-sectors'],
		[30, 'http://m.lcefox.com.cn/qianzhan/20230419/19157321.html', 'sh.star-listed-biomedicine'],
		[12, 'http://hbegyey.cn/hahahda/cuoci_71536037.html', 'pd.top50-pharma-china-hq'],
		[60, 'http://ftchexian.cn/zenmejiagongganmaigupiao/201736.html', 'pilot.drug-supplement-time-limit'],
		[30, 'http://ftchexian.cn/zenmejiagongganmaigupiao/201736.html', 'pilot.innovative-trial-time-limit'],
		[40, 'http://bcsc.top/guonei/81682.html', 'pd.scale-share-stated'],
		[10, 'http://english.pudong.gov.cn/chinashftz/2023-10/10/c_929192.htm', 'pd.innovative-devices-share-stated']
	] as const)('puts %d from %s on %s', (value, url, id) => {
		expect(holding({ value, url })?.indicator).toBe(id);
	});

	it('replaces the illustrative figures published ones now cover, and keeps no illustrative figure beside a published one', () => {
		const at = (id: string, period: string) => observations.find((o) => o.indicator === id && o.period === period && o.basis === 'period');
		expect(at('pd.scale', '2023')).toMatchObject({ value: 3781, provenance: 'official', source: 'bcsc-2024-05-22' });
		expect(at('cn.innovative-devices', '2025')).toMatchObject({ value: 76, provenance: 'official' });
		const key = (o: (typeof observations)[number]) => [o.indicator, o.periodStart, o.periodEnd, o.basis].join();
		expect(new Set(observations.map(key)).size).toBe(observations.length);
	});

	it('flags both sides of each conflict and says which one verdicts use', () => {
		const sh2022 = holding({ value: 8537, url: 'http://m.lcefox.com.cn/qianzhan/20230419/19157321.html' })!;
		expect(sh2022.flags).toContain('conflicting_sources');
		expect(sh2022.note).toMatch(/verdicts use 8537/);
		const pd2024 = holding({ value: 4100, url: 'https://www.kmwz.net/news/NABwarYlMw.html' })!;
		expect(pd2024.flags).toContain('conflicting_sources');
		expect(pd2024.note).toMatch(/4200/);
		expect(pd2024.note).toMatch(/verdicts use 4100/);
		// Shanghai's 2024 drugs stated as 17.5% of the country's (a base of 40) and the NMPA's 48: both kept, each with its source.
		const stated = holding({ value: 17.5, url: 'http://wxhjat.com/news/xingyexinwen/2704.html' })!;
		expect(stated).toMatchObject({ indicator: 'sh.class1-drugs-share-stated', provenance: 'official' });
		expect(stated.flags).toContain('conflicting_sources');
		expect(holding({ value: 48, url: 'http://www.dgdcd.cn/jiankang/57787.html' })).toMatchObject({ indicator: 'cn.class1-drugs-all', provenance: 'official' });
		for (const value of [17, 24]) {
			const o = observations.find((x) => x.indicator === 'sh.class1-drugs' && x.basis === 'cumulative' && x.value === value)!;
			expect(o.flags, String(value)).toContain('conflicting_sources');
			expect(o.note).toMatch(/no target/);
		}
	});
});
