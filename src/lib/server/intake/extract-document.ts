/**
 * Reads one uploaded document and extracts its plan: the reader gives the text, the domain cleans
 * and reads it. The original text is kept beside the clean one so that quotes can be traced back.
 */
import { cleanPlanText } from '../../domain/intake/clean';
import { extractPlan } from '../../domain/intake/extract';
import type { Extraction } from '../../domain/intake/extraction';
import { readDocument } from './read-document';
import { toSimplified } from './to-simplified';

/** Reads and extracts a document; throws the reader's DocumentRefusal when it cannot be read. */
export async function extractDocument(
	bytes: Uint8Array,
	fileName: string
): Promise<{ format: string; original: string; clean: string; extraction: Extraction }> {
	const { format, text } = await readDocument(bytes, fileName);
	const { clean } = cleanPlanText(text, { toSimplified });
	return { format, original: text, clean, extraction: extractPlan(clean) };
}
