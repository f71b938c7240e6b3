/** A clause's text cut into the parts a reader sees, with the target's own words marked. */
export interface TextSegment {
	text: string;
	quoted: boolean;
}

/**
 * Marks every occurrence of the quote in the clause text.
 * @example splitOnQuote('达到4000亿元、全市占比50%', '全市占比50%') -> ['达到4000亿元、', *'全市占比50%'*]
 */
export function splitOnQuote(text: string, quote: string): TextSegment[] {
	if (!quote) return [{ text, quoted: false }];
	const segments: TextSegment[] = [];
	let from = 0;
	for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + quote.length)) {
		if (at > from) segments.push({ text: text.slice(from, at), quoted: false });
		segments.push({ text: quote, quoted: true });
		from = at + quote.length;
	}
	if (from < text.length) segments.push({ text: text.slice(from), quoted: false });
	return segments;
}
