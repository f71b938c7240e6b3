/**
 * Commentary on a target: a short note by an analyst or admin beside the verdict ("why it is
 * behind, what is being done"). Every edit is a new version, never an overwrite, so the note
 * "as of" any moment is the newest version recorded by then (a book as of a date shows the note
 * that was current then). Plain text with line breaks: pages render it as text, never as HTML.
 */
import { z } from './zod';
import { hasRole } from './roles';
import type { Role } from './plan';

/** Long enough for "why, and what is being done"; short enough to read beside a verdict. */
export const COMMENTARY_MAX_CHARS = 1000;

/** A version of a target's commentary, as pages, the wall and books show it. */
export interface TargetComment {
	version: number;
	text: string;
	/** The day the author says the note describes (the data it speaks of), if they gave one. */
	asOf: string | null;
	author: string;
	/** ISO instant the version was recorded. */
	recordedAt: string;
}

/** Analysts and admins write commentary; viewers and reporters read it. */
export const mayComment = (role: Role): boolean => hasRole(role, 'analyst');

/** Characters as people count them (a CJK character or an emoji is one), as PostgreSQL's char_length does. */
export const characterCount = (text: string): number => [...text].length;

/** Windows and old Mac line breaks become "\n"; trailing spaces of lines and of the note go. */
export function normaliseCommentary(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => line.replace(/\s+$/u, ''))
		.join('\n')
		.trim();
}

const isCalendarDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
// Control characters other than line breaks and tabs are invisible and NUL fails the database write.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export const COMMENTARY_FIELDS = ['text', 'asOf', 'expectedVersion'] as const;
export type CommentaryField = (typeof COMMENTARY_FIELDS)[number];
export type CommentaryError = 'required' | 'too_long' | 'control' | 'invalid' | 'future';

/** The commentary form; `today` is the deployment's day, so a note cannot speak of tomorrow. */
export const commentaryForm = (today: string) =>
	z.object({
		text: z
			.string()
			.transform(normaliseCommentary)
			.pipe(
				z
					.string()
					.min(1, 'required')
					.refine((v) => !CONTROL.test(v), 'control')
					.refine((v) => characterCount(v) <= COMMENTARY_MAX_CHARS, 'too_long')
			),
		asOf: z
			.string()
			.trim()
			.transform((v) => (v === '' ? null : v))
			.pipe(z.string().refine(isCalendarDay, 'invalid').refine((v) => v <= today, 'future').nullable()),
		// Required: a form without it could not be checked against a concurrent edit.
		expectedVersion: z.string().regex(/^\d{1,9}$/, 'invalid').transform(Number)
	});
export type CommentaryInput = z.infer<ReturnType<typeof commentaryForm>>;

/**
 * Reads the commentary form: the text (at most COMMENTARY_MAX_CHARS characters), an optional
 * "as of" day, and the version the author started from (0 for none).
 * @example readCommentary(form({ text: ' 审批提速 ', asOf: '', expectedVersion: '2' }), '2026-12-01')
 *   -> { ok: true, comment: { text: '审批提速', asOf: null, expectedVersion: 2 } }
 */
export function readCommentary(
	form: FormData,
	today: string
): { ok: true; comment: CommentaryInput } | { ok: false; errors: Partial<Record<CommentaryField, CommentaryError>> } {
	const parsed = commentaryForm(today).safeParse({
		text: String(form.get('text') ?? ''),
		asOf: String(form.get('asOf') ?? ''),
		expectedVersion: String(form.get('expectedVersion') ?? '')
	});
	if (parsed.success) return { ok: true, comment: parsed.data };
	const errors: Partial<Record<CommentaryField, CommentaryError>> = {};
	for (const issue of parsed.error.issues) {
		const field = issue.path[0] as CommentaryField;
		errors[field] ??= (['required', 'too_long', 'control', 'future'].includes(issue.message) ? issue.message : 'invalid') as CommentaryError;
	}
	return { ok: false, errors };
}

/** East Asian wide characters take about two Latin letters' width on screen. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const width = (ch: string) => (WIDE.test(ch) || ch.length > 1 ? 2 : 1);

/**
 * The note shortened to about `maxWidth` half-width columns (a CJK character counts two) for a
 * place with room for a line or two: line breaks read as spaces, and a cut note ends in "…",
 * after the last sentence end or space in its second half when there is one.
 * @example shortenCommentary('审批提速。第二批名单已报送。', 16) === '审批提速。…'
 * @example shortenCommentary('Short note', 40) === 'Short note'
 */
export function shortenCommentary(text: string, maxWidth: number): string {
	const flat = text.replace(/\s*\n\s*/g, ' ').trim();
	const chars = [...flat];
	let used = 0;
	let end = 0;
	for (; end < chars.length; end++) {
		used += width(chars[end]);
		if (used > maxWidth) break;
	}
	if (end === chars.length) return flat;
	// Room for the ellipsis, then back to a natural break if one is not too far back.
	const head = chars.slice(0, Math.max(0, end - 1));
	for (let i = head.length - 1; i >= head.length / 2; i--) {
		if (/[。！？；.!?;]/.test(head[i])) return `${head.slice(0, i + 1).join('')}…`;
		if (/\s/.test(head[i])) return `${head.slice(0, i).join('').trimEnd()}…`;
	}
	return `${head.join('').trimEnd()}…`;
}
