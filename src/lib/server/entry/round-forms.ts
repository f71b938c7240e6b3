/**
 * Reads the round forms: opening a round, a reporter's submission, a coordinator's review. Every
 * problem is a message key beside its field (entry.error.* for figures and sources, as on the
 * target page; rounds.error.* for the rest), so the page says it in the reader's language.
 */
import { z } from 'zod';
import { parseQuantity, type EntryError } from '../../domain/entry';
import { evidenceProblem, parseRoundPeriod, type RequestKind } from '../../domain/rounds';
import { TASK_STATUSES, type TaskStatus } from '../../domain/tasks';
import type { Provenance } from '../../domain/plan';
import type { NewSource } from '../queries/observations';
import type { Submission } from '../queries/rounds';
import { readSource, type FieldErrors } from './observation-form';

/** A field's problem: a message key with its parameters. */
export interface FormProblem {
	key: string;
	params?: Record<string, string>;
}
export type FormProblems = Record<string, FormProblem>;

const entryProblem = (e: EntryError): FormProblem => ({ key: `entry.error.${e.code}`, params: e.params });
const roundProblem = (code: string): FormProblem => ({ key: `rounds.error.${code}` });
const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

const openingSchema = z.object({
	title: z.string().trim().min(1, 'title_required').max(200, 'too_long'),
	period: z.string().trim().min(1, 'period_required'),
	dueOn: z.string().refine(isDay, 'due_invalid'),
	indicatorIds: z.array(z.string().min(1)),
	taskIds: z.array(z.string().min(1))
});

/** The open-a-round form; the due day may not be before today (in the deployment's zone). */
export function readRoundOpening(form: FormData, today: string) {
	const parsed = openingSchema.safeParse({
		title: text(form, 'title'),
		period: text(form, 'period'),
		dueOn: text(form, 'dueOn'),
		indicatorIds: form.getAll('indicatorId').map(String),
		taskIds: form.getAll('taskId').map(String)
	});
	const errors: FormProblems = {};
	if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= roundProblem(issue.message);
	const period = parseRoundPeriod(text(form, 'period'));
	if (!errors.period && !period.ok) errors.period = entryProblem(period.error);
	if (!errors.dueOn && text(form, 'dueOn') < today) errors.dueOn = roundProblem('due_past');
	if (parsed.success && parsed.data.indicatorIds.length + parsed.data.taskIds.length === 0) errors.indicatorIds = roundProblem('nothing_asked');
	if (Object.keys(errors).length || !parsed.success) return { ok: false as const, errors };
	return { ok: true as const, opening: parsed.data };
}

/** An uploaded file, or null when the input was left empty. */
export function uploadedFile(form: FormData, name = 'evidenceFile'): File | null {
	const upload = form.get(name);
	return upload instanceof File && upload.size > 0 ? upload : null;
}

/** Provenances a unit may report: published figures only; estimates and illustrations are the office's. */
const REPORTED_PROVENANCES: readonly Provenance[] = ['official', 'provisional'];

/**
 * A reporter's submission for a figure request (value, provenance, a source or an evidence file,
 * note, and a reason when the period has a figure) or a task request (status, day, note, evidence).
 */
export async function readSubmission(
	form: FormData,
	request: { kind: RequestKind; unit: string | null },
	context: { knownSources: ReadonlyMap<string, string>; today: string; periodHasFigure: boolean }
): Promise<{ ok: true; submission: Submission } | { ok: false; errors: FormProblems }> {
	const errors: FormProblems = {};
	const file = uploadedFile(form);
	const fileProblem = file ? evidenceProblem(file) : null;
	if (fileProblem) errors.evidenceFile = roundProblem(fileProblem);
	const note = text(form, 'note');
	if (note.length > 4000) errors.note = roundProblem('too_long');
	const evidenceFile = file && !fileProblem ? { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
	if (request.kind === 'task') {
		const status = text(form, 'taskStatus') as TaskStatus;
		if (!TASK_STATUSES.includes(status)) errors.taskStatus = roundProblem('status_required');
		const progressOn = text(form, 'progressOn');
		if (!isDay(progressOn)) errors.progressOn = roundProblem('day_invalid');
		else if (progressOn > context.today) errors.progressOn = roundProblem('day_future');
		if (!note) errors.note = roundProblem('note_required');
		const evidenceUrl = text(form, 'evidenceUrl');
		if (evidenceUrl && !/^https?:\/\/\S+$/.test(evidenceUrl)) errors.evidenceUrl = entryProblem({ code: 'source_url' });
		if (!evidenceUrl && !file) errors.evidenceFile ??= roundProblem('evidence_required');
		if (Object.keys(errors).length) return { ok: false, errors };
		return { ok: true, submission: { taskStatus: status, progressOn, note, evidenceUrl: evidenceUrl || null, evidenceFile } };
	}
	const value = parseQuantity(text(form, 'value'), request.unit ?? '');
	if (!value.ok) errors.value = entryProblem(value.error);
	const provenance = text(form, 'provenance') as Provenance;
	if (!REPORTED_PROVENANCES.includes(provenance)) errors.provenance = roundProblem('provenance_required');
	const sourceErrors: FieldErrors = {};
	// An evidence file may stand in for a published source: the figure then cites the file.
	const { source } = readSource(form, provenance, sourceErrors, context.knownSources, false);
	for (const [field, e] of Object.entries(sourceErrors)) if (e) errors[field] = entryProblem(e);
	if (!source.sourceId && !source.newSource && !evidenceFile) errors.sourceId ??= roundProblem('source_or_evidence');
	const reason = text(form, 'reason');
	if (context.periodHasFigure && !reason) errors.reason = entryProblem({ code: 'reason_required' });
	if (Object.keys(errors).length || !value.ok) return { ok: false, errors };
	return {
		ok: true,
		submission: { value: value.value, provenance, sourceId: source.sourceId, newSource: source.newSource as NewSource | null, reason: reason || null, evidenceFile, note: note || null }
	};
}

/** The review form: approve, or return with a comment (required). */
export function readReview(form: FormData): { ok: true; review: { decision: 'approve' } | { decision: 'return'; comment: string } } | { ok: false; errors: FormProblems } {
	const decision = text(form, 'decision');
	const comment = text(form, 'comment');
	if (decision === 'approve') return { ok: true, review: { decision: 'approve' } };
	if (decision !== 'return') return { ok: false, errors: { decision: roundProblem('decision_required') } };
	if (!comment) return { ok: false, errors: { comment: roundProblem('comment_required') } };
	return { ok: true, review: { decision: 'return', comment } };
}
