/**
 * Splits a cleaned policy document into clauses along its own numbering:
 * 一、 (section) / （一） (sub-section or measure) / 1. (item). A numbered line that is only a
 * heading (no full stop) takes the unnumbered paragraphs after it as its text.
 */
import { chineseNumeral } from '../../domain/intake/numbers';

export interface DraftClause {
	id: string;
	path: string[];
	heading: string | null;
	text: string;
}

const SECTION = /^([一二三四五六七八九十]+)、(.*)$/;
const SUBSECTION = /^（([一二三四五六七八九十]+)）(.*)$/;
const ITEM = /^(\d+)\.(.*)$/;

/** Reads a Chinese numeral (the intake extractor's reader). @example chineseNumeral('三十七') === 37 */
export { chineseNumeral };

/** Splits "创新能级显著提升。新靶点…" into heading and the whole text; a line with no 。 is a heading only. */
function headingOf(rest: string): { heading: string | null; complete: boolean } {
	const stop = rest.indexOf('。');
	if (stop < 0) return { heading: rest, complete: false };
	return { heading: rest.slice(0, stop), complete: true };
}

export function splitClauses(lines: string[], idPrefix: string, closingPath: string[]): DraftClause[] {
	const clauses: DraftClause[] = [];
	let section: { label: string; n: number } | null = null;
	let subsection: { label: string; n: number } | null = null;
	let open: DraftClause | null = null; // the clause that unnumbered paragraphs attach to
	let lastWasCompleteItem = false;

	const push = (clause: DraftClause, completeItem: boolean) => {
		clauses.push(clause);
		open = completeItem ? null : clause;
		lastWasCompleteItem = completeItem;
	};

	for (const line of lines) {
		let m: RegExpMatchArray | null;
		if ((m = line.match(SECTION))) {
			section = { label: `${m[1]}、`, n: chineseNumeral(m[1]) };
			subsection = null;
			push({ id: `${idPrefix}-${section.n}`, path: [section.label], heading: m[2], text: '' }, false);
		} else if ((m = line.match(SUBSECTION))) {
			subsection = { label: `（${m[1]}）`, n: chineseNumeral(m[1]) };
			const { heading, complete } = headingOf(m[2]);
			const path = section ? [section.label, subsection.label] : [subsection.label];
			const id = `${idPrefix}-${section ? `${section.n}.` : ''}${subsection.n}`;
			push({ id, path, heading, text: complete ? m[2] : '' }, complete);
		} else if ((m = line.match(ITEM))) {
			const { heading, complete } = headingOf(m[2]);
			const parent = [section, subsection].filter((p) => p !== null);
			push(
				{
					id: `${idPrefix}-${parent.map((p) => `${p.n}.`).join('')}${m[1]}`,
					path: [...parent.map((p) => p.label), `${m[1]}.`],
					heading,
					text: m[2]
				},
				complete
			);
		} else if (open !== null) {
			const target: DraftClause = open;
			target.text = target.text ? `${target.text}\n${line}` : line;
		} else if (lastWasCompleteItem || clauses.length > 0) {
			// Paragraphs after the last numbered item close the document (scope, dates of effect).
			push({ id: `${idPrefix}-closing`, path: closingPath, heading: null, text: line }, false);
		}
	}
	return clauses;
}
