/**
 * Scores the plan extractor's target proposals against labelled targets: the matching rule of
 * `npm run bench:extract` (bench/extract/README.md). Pure: the traditional-to-simplified converter
 * comes in as an argument, so this module loads no dictionary.
 *
 * A proposal matches a label when value and max are equal (relative 1e-6), the units are equal after
 * normalising, and the quotes overlap: after normalising, one contains the other, or they share a run
 * of at least 6 characters that holds one of the label quote's numbers. Matching is one-to-one and
 * greedy, label by label in document order.
 */
import type { Comparator, TargetKind } from '../plan';

/** The fields a labelled target and a proposal share; a ProposedTarget fits it. */
export interface ScoredTarget {
	quote: string;
	value: number;
	max: number | null;
	unit: string;
	comparator: Comparator;
	deadline: string | null;
	kind: TargetKind;
}

export interface MatchOptions {
	/** Traditional to simplified Chinese (opencc-js in the benchmark); identity when absent. */
	toSimplified?: (text: string) => string;
	/** Shortest shared run that counts as overlap; 6 by the rule. */
	minRun?: number;
}

export const MIN_SHARED_RUN = 6;

/**
 * Unit as compared: NFKC, no whitespace, and a leading 个 dropped before 工作日 or 月.
 * @example normaliseUnit('个工作日') === '工作日'; normaliseUnit('个月') === '月'; normaliseUnit('个') === '个'
 */
export function normaliseUnit(unit: string): string {
	return unit
		.normalize('NFKC')
		.replace(/\s+/g, '')
		.replace(/^个(?=工作日$|月$)/, '');
}

/**
 * Quote as compared: simplified, NFKC (full-width digits and punctuation become half-width), no whitespace.
 * @example normaliseQuote('规模达到 ４０００亿元，') === '规模达到4000亿元,'
 */
export function normaliseQuote(quote: string, toSimplified: (text: string) => string = (t) => t): string {
	return toSimplified(quote.normalize('NFKC')).normalize('NFKC').replace(/\s+/g, '');
}

/** Equal within a relative 1e-6; null equals only null. */
export function sameNumber(a: number | null, b: number | null): boolean {
	if (a === null || b === null) return a === b;
	if (a === b) return true;
	return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}

/** The numbers written in a (normalised) quote, e.g. "1.25" and "2400". */
function numbersIn(quote: string): string[] {
	return quote.match(/\d+(?:\.\d+)?/g) ?? [];
}

/**
 * How strongly two normalised quotes overlap: Infinity when one contains the other, else the longest
 * shared run of at least `minRun` characters that holds one of the label quote's numbers (any run when the
 * label quote has no digits, e.g. "半数以上"), else 0.
 * @example quoteOverlap('产业规模达到4000亿元', '到2025年产业规模达到4000亿元') === Infinity
 */
export function quoteOverlap(label: string, proposal: string, minRun = MIN_SHARED_RUN): number {
	if (!label || !proposal) return 0;
	if (label.includes(proposal) || proposal.includes(label)) return Infinity;
	const numbers = numbersIn(label);
	const a = [...label];
	const b = [...proposal];
	// run[j] = length of the common suffix of a[..i] and b[..j]; every shared run is a suffix of a
	// maximal one, so checking the maximal run ending at each pair is enough.
	let previous = new Array<number>(b.length + 1).fill(0);
	let best = 0;
	for (let i = 1; i <= a.length; i++) {
		const run = new Array<number>(b.length + 1).fill(0);
		for (let j = 1; j <= b.length; j++) {
			if (a[i - 1] !== b[j - 1]) continue;
			run[j] = previous[j - 1] + 1;
			if (run[j] < minRun || run[j] <= best) continue;
			const shared = a.slice(i - run[j], i).join('');
			if (numbers.length === 0 || numbers.some((n) => shared.includes(n))) best = run[j];
		}
		previous = run;
	}
	return best;
}

/**
 * How strongly a proposal matches a label: 0 when it does not (numbers, unit or quote differ), else the
 * quote overlap (Infinity for containment).
 */
export function matchStrength(label: ScoredTarget, proposal: ScoredTarget, options: MatchOptions = {}): number {
	if (!sameNumber(label.value, proposal.value) || !sameNumber(label.max, proposal.max)) return 0;
	if (normaliseUnit(label.unit) !== normaliseUnit(proposal.unit)) return 0;
	return quoteOverlap(
		normaliseQuote(label.quote, options.toSimplified),
		normaliseQuote(proposal.quote, options.toSimplified),
		options.minRun ?? MIN_SHARED_RUN
	);
}

export interface TargetMatching {
	/** [label index, proposal index] pairs, in label order. */
	pairs: Array<[number, number]>;
	unmatchedLabels: number[];
	unmatchedProposals: number[];
}

/**
 * One-to-one greedy matching: each label in turn takes the unmatched proposal it matches most strongly
 * (containment first, then the longest shared run; the earlier proposal on a tie).
 * @example matchTargets([{quote:'达到4000亿元',value:4000,…}], [{quote:'产业规模达到4000亿元',value:4000,…}]).pairs -> [[0, 0]]
 */
export function matchTargets(labels: readonly ScoredTarget[], proposals: readonly ScoredTarget[], options: MatchOptions = {}): TargetMatching {
	const taken = new Set<number>();
	const pairs: Array<[number, number]> = [];
	const unmatchedLabels: number[] = [];
	labels.forEach((label, l) => {
		let best = -1;
		let bestStrength = 0;
		proposals.forEach((proposal, p) => {
			if (taken.has(p)) return;
			const strength = matchStrength(label, proposal, options);
			if (strength > bestStrength) {
				best = p;
				bestStrength = strength;
			}
		});
		if (best < 0) unmatchedLabels.push(l);
		else {
			taken.add(best);
			pairs.push([l, best]);
		}
	});
	const unmatchedProposals = proposals.map((_, p) => p).filter((p) => !taken.has(p));
	return { pairs, unmatchedLabels, unmatchedProposals };
}

/** Counts for one document or a sum of documents. */
export interface ExtractionCounts {
	labels: number;
	proposals: number;
	matched: number;
	comparatorRight: number;
	deadlineRight: number;
	kindRight: number;
}

export interface ExtractionRates {
	/** matched / labels; null with no labels. */
	recall: number | null;
	/** matched / proposals; null with no proposals. */
	precision: number | null;
	/** Over matched pairs; null with none. */
	comparatorAccuracy: number | null;
	deadlineAccuracy: number | null;
	kindAccuracy: number | null;
}

export interface DocumentScore extends ExtractionCounts {
	matching: TargetMatching;
	/** Matched pairs whose comparator, deadline or kind differ: [label index, proposal index, fields]. */
	wrongFields: Array<{ label: number; proposal: number; fields: Array<'comparator' | 'deadline' | 'kind'> }>;
}

/** Matches one document's proposals to its labels and counts what is right. */
export function scoreDocument(labels: readonly ScoredTarget[], proposals: readonly ScoredTarget[], options: MatchOptions = {}): DocumentScore {
	const matching = matchTargets(labels, proposals, options);
	let comparatorRight = 0;
	let deadlineRight = 0;
	let kindRight = 0;
	const wrongFields: DocumentScore['wrongFields'] = [];
	for (const [l, p] of matching.pairs) {
		const fields: Array<'comparator' | 'deadline' | 'kind'> = [];
		if (labels[l].comparator === proposals[p].comparator) comparatorRight++;
		else fields.push('comparator');
		if (labels[l].deadline === proposals[p].deadline) deadlineRight++;
		else fields.push('deadline');
		if (labels[l].kind === proposals[p].kind) kindRight++;
		else fields.push('kind');
		if (fields.length) wrongFields.push({ label: l, proposal: p, fields });
	}
	return {
		labels: labels.length,
		proposals: proposals.length,
		matched: matching.pairs.length,
		comparatorRight,
		deadlineRight,
		kindRight,
		matching,
		wrongFields
	};
}

/** Adds documents' counts (micro-average: every target weighs the same). */
export function sumCounts(scores: readonly ExtractionCounts[]): ExtractionCounts {
	const total: ExtractionCounts = { labels: 0, proposals: 0, matched: 0, comparatorRight: 0, deadlineRight: 0, kindRight: 0 };
	for (const s of scores) {
		total.labels += s.labels;
		total.proposals += s.proposals;
		total.matched += s.matched;
		total.comparatorRight += s.comparatorRight;
		total.deadlineRight += s.deadlineRight;
		total.kindRight += s.kindRight;
	}
	return total;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/**
 * Recall, precision and the field accuracies of some counts.
 * @example rates({ labels: 10, proposals: 8, matched: 8, comparatorRight: 7, deadlineRight: 8, kindRight: 6 }).recall === 0.8
 */
export function rates(counts: ExtractionCounts): ExtractionRates {
	return {
		recall: ratio(counts.matched, counts.labels),
		precision: ratio(counts.matched, counts.proposals),
		comparatorAccuracy: ratio(counts.comparatorRight, counts.matched),
		deadlineAccuracy: ratio(counts.deadlineRight, counts.matched),
		kindAccuracy: ratio(counts.kindRight, counts.matched)
	};
}

/** The benchmark's goals; kind accuracy is reported for information only. */
export const EXTRACTION_GOALS = { recall: 0.95, precision: 0.9, comparatorAccuracy: 0.9, deadlineAccuracy: 0.9 } as const;

/** Whether each goal is met (null when the rate is undefined). */
export function goalsMet(r: ExtractionRates): Record<keyof typeof EXTRACTION_GOALS, boolean | null> {
	const met = (value: number | null, goal: number) => (value === null ? null : value >= goal);
	return {
		recall: met(r.recall, EXTRACTION_GOALS.recall),
		precision: met(r.precision, EXTRACTION_GOALS.precision),
		comparatorAccuracy: met(r.comparatorAccuracy, EXTRACTION_GOALS.comparatorAccuracy),
		deadlineAccuracy: met(r.deadlineAccuracy, EXTRACTION_GOALS.deadlineAccuracy)
	};
}
