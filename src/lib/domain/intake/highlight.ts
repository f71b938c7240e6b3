/**
 * Marks where each proposal's quote stands in its clause, for the side-by-side review: the
 * clause text cut into runs, each run carrying the proposals whose quote covers it.
 */
export interface QuoteMark {
	id: number;
	quote: string;
}

export interface TextRun {
	text: string;
	/** Proposals whose quote covers this run, empty for plain text. */
	ids: number[];
}

/**
 * Where a quote stands: its first occurrence at or after the previous quote of the same words,
 * so "100家" quoted twice marks both places.
 * @example markQuotes('规模达到4000亿元。', [{ id: 1, quote: '4000亿元' }]) →
 *   [{ text: '规模达到', ids: [] }, { text: '4000亿元', ids: [1] }, { text: '。', ids: [] }]
 */
export function markQuotes(text: string, marks: QuoteMark[]): TextRun[] {
	const spans: { start: number; end: number; id: number }[] = [];
	const nextFrom = new Map<string, number>();
	for (const mark of marks) {
		if (mark.quote.length === 0) continue;
		let start = text.indexOf(mark.quote, nextFrom.get(mark.quote) ?? 0);
		if (start < 0) start = text.indexOf(mark.quote);
		if (start < 0) continue;
		nextFrom.set(mark.quote, start + mark.quote.length);
		spans.push({ start, end: start + mark.quote.length, id: mark.id });
	}
	const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
	const runs: TextRun[] = [];
	for (let i = 0; i + 1 < cuts.length; i++) {
		const [start, end] = [cuts[i], cuts[i + 1]];
		const ids = spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.id);
		const last = runs.at(-1);
		if (last && last.ids.join() === ids.join()) last.text += text.slice(start, end);
		else runs.push({ text: text.slice(start, end), ids });
	}
	return runs;
}
