import { describe, expect, it } from 'vitest';
import { readReview, readRoundOpening, readSubmission } from './round-forms';

const formOf = (fields: Record<string, string | string[] | File>) => {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
	return form;
};
const figure = { kind: 'figure' as const, unit: '工作日' };
const context = { knownSources: new Map([['people-2025-07-28', '2025-07-28']]), today: '2026-12-01', periodHasFigure: false };
const pdf = new File(['%PDF-1.4'], '统计.pdf', { type: 'application/pdf' });

describe('round forms', () => {
	it('opens a round only with a title, a readable period, a due day not past and something asked', () => {
		const ok = readRoundOpening(formOf({ title: '三季度', period: '2026年第三季度', dueOn: '2026-12-15', indicatorId: ['a', 'b'] }), '2026-12-01');
		expect(ok).toMatchObject({ ok: true, opening: { period: '2026年第三季度', indicatorIds: ['a', 'b'], taskIds: [] } });
		const bad = readRoundOpening(formOf({ title: '', period: 'Q3', dueOn: '2026-11-30' }), '2026-12-01');
		expect(bad).toEqual({
			ok: false,
			errors: {
				title: { key: 'rounds.error.title_required' },
				period: { key: 'entry.error.period_format', params: undefined },
				dueOn: { key: 'rounds.error.due_past' }
			}
		});
		expect(readRoundOpening(formOf({ title: 'x', period: '2026', dueOn: '2026-12-15' }), '2026-12-01')).toMatchObject({ errors: { indicatorIds: { key: 'rounds.error.nothing_asked' } } });
	});

	it('takes a figure with an evidence file alone, and refuses estimates, unknown files and a missing source', async () => {
		expect(await readSubmission(formOf({ value: '12', provenance: 'official', evidenceFile: pdf, note: '初步统计' }), figure, context)).toMatchObject({
			ok: true,
			submission: { value: 12, provenance: 'official', sourceId: null, newSource: null, evidenceFile: { name: '统计.pdf' } }
		});
		const refused = await readSubmission(formOf({ value: '12天', provenance: 'estimate', evidenceFile: new File(['MZ'], 'run.exe', { type: 'application/x-msdownload' }) }), figure, context);
		expect(refused).toMatchObject({
			ok: false,
			errors: { value: { key: 'entry.error.wrong_unit' }, provenance: { key: 'rounds.error.provenance_required' }, evidenceFile: { key: 'rounds.error.evidence_type' }, sourceId: { key: 'rounds.error.source_or_evidence' } }
		});
		expect(await readSubmission(formOf({ value: '12', provenance: 'official', sourceId: 'people-2025-07-28' }), figure, { ...context, periodHasFigure: true })).toMatchObject({
			ok: false,
			errors: { reason: { key: 'entry.error.reason_required' } }
		});
		expect(await readSubmission(formOf({ value: '12', provenance: 'official', sourceId: 'nope' }), figure, context)).toMatchObject({ errors: { sourceId: { key: 'entry.error.source_unknown' } } });
	});

	it('takes a task note with a link or a file, not from the future', async () => {
		const task = { kind: 'task' as const, unit: null };
		expect(await readSubmission(formOf({ taskStatus: 'in_progress', progressOn: '2026-11-30', note: '平台建设中', evidenceUrl: 'https://example.org/a' }), task, context)).toMatchObject({
			ok: true,
			submission: { taskStatus: 'in_progress', progressOn: '2026-11-30', evidenceUrl: 'https://example.org/a', evidenceFile: null }
		});
		expect(await readSubmission(formOf({ taskStatus: 'later', progressOn: '2026-12-02', note: '' }), task, context)).toMatchObject({
			ok: false,
			errors: { taskStatus: { key: 'rounds.error.status_required' }, progressOn: { key: 'rounds.error.day_future' }, note: { key: 'rounds.error.note_required' }, evidenceFile: { key: 'rounds.error.evidence_required' } }
		});
	});

	it('returns only with a comment', () => {
		expect(readReview(formOf({ decision: 'approve' }))).toEqual({ ok: true, review: { decision: 'approve' } });
		expect(readReview(formOf({ decision: 'return', comment: ' ' }))).toEqual({ ok: false, errors: { comment: { key: 'rounds.error.comment_required' } } });
		expect(readReview(formOf({ decision: 'delete' }))).toMatchObject({ ok: false, errors: { decision: {} } });
	});
});
