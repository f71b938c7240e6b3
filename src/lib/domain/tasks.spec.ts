import { describe, expect, it } from 'vitest';
import {
	indicatorDue,
	judgeTask,
	nextPeriodEnd,
	readProgressNote,
	responsibleUnits,
	sortOrganisations,
	summariseOrganisations,
	type TaskForRollup
} from './tasks';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('responsibleUnits', () => {
	it.each([
		['推进试点。（责任部门：区科经委、张江管理局等）', { text: '推进试点。', units: ['区科经委', '张江管理局'], openEnded: true }],
		['加强研制。（责任单位：市科委、市发展改革委）', { text: '加强研制。', units: ['市科委', '市发展改革委'], openEnded: false }],
		['Half-width too (责任单位:市药品监管局)', { text: 'Half-width too', units: ['市药品监管局'], openEnded: false }]
	])('%s', (text, expected) => expect(responsibleUnits(text)).toEqual(expected));

	it('is null for a clause without a unit list', () => {
		expect(responsibleUnits('生物医药产业规模达到4000亿元。')).toBeNull();
	});
});

describe('judgeTask', () => {
	const base = { due: '2024-12-31', since: '2022-01-01' };
	it('counts an unreported task as stale from the plan start, and overdue after its due date', () => {
		expect(judgeTask({ ...base, latest: null, asOf: at('2022-03-01') })).toMatchObject({ standing: 'unreported', overdue: false, stale: false, behind: false });
		expect(judgeTask({ ...base, latest: null, asOf: at('2022-04-02') })).toMatchObject({ stale: true, behind: true, daysSinceNote: 91 });
		expect(judgeTask({ ...base, latest: null, asOf: at('2025-01-01') })).toMatchObject({ overdue: true });
	});

	it('is not overdue on its due date itself', () => {
		const latest = { status: 'in_progress' as const, recordedAt: at('2024-12-01') };
		expect(judgeTask({ ...base, latest, asOf: new Date('2024-12-31T23:00:00Z') }).overdue).toBe(false);
		expect(judgeTask({ ...base, latest, asOf: new Date('2025-01-01T00:00:01Z') }).overdue).toBe(true);
	});

	it('stops judging a done or dropped task', () => {
		for (const status of ['done', 'dropped'] as const) {
			expect(judgeTask({ ...base, latest: { status, recordedAt: at('2023-01-01') }, asOf: at('2026-01-01') })).toMatchObject({
				standing: status,
				overdue: false,
				stale: false,
				behind: false
			});
		}
	});

	it('is behind when reported delayed, even with a fresh note', () => {
		const judged = judgeTask({ ...base, latest: { status: 'delayed', recordedAt: at('2023-05-01') }, asOf: at('2023-05-02') });
		expect(judged).toMatchObject({ stale: false, overdue: false, behind: true });
	});

	it('takes the stale period as an argument', () => {
		const latest = { status: 'in_progress' as const, recordedAt: at('2023-01-01') };
		expect(judgeTask({ ...base, latest, asOf: at('2023-01-31'), staleAfterDays: 29 }).stale).toBe(true);
		expect(judgeTask({ ...base, latest, asOf: at('2023-01-31'), staleAfterDays: 30 }).stale).toBe(false);
	});

	it('is never overdue without a due date', () => {
		expect(judgeTask({ due: null, since: '2022-01-01', latest: null, asOf: at('2030-01-01') }).overdue).toBe(false);
	});
});

describe('indicatorDue', () => {
	it.each([
		['2024-12-31', 'year', '2025-12-31'],
		['2024-06-30', 'half', '2024-12-31'],
		['2024-09-30', 'quarter', '2024-12-31'],
		['2024-01-31', 'month', '2024-02-29'],
		['2024-11-30', 'month', '2024-12-31']
	] as const)('next period after %s (%s) ends %s', (end, frequency, next) => expect(nextPeriodEnd(end, frequency)).toBe(next));

	it('expects the next annual figure 120 days after the next year ends', () => {
		const due = { frequency: 'year' as const, newestPeriodEnd: '2023-12-31', since: '2022-01-01' };
		expect(indicatorDue({ ...due, asOf: at('2025-04-30') })).toEqual({ expectedBy: '2025-04-30', overdue: false, daysOverdue: 0 });
		expect(indicatorDue({ ...due, asOf: at('2025-06-01') })).toEqual({ expectedBy: '2025-04-30', overdue: true, daysOverdue: 32 });
	});

	it('stops being overdue once a figure for the next period arrives', () => {
		const asOf = at('2025-06-01');
		expect(indicatorDue({ frequency: 'year', newestPeriodEnd: '2023-12-31', since: '2022-01-01', asOf }).overdue).toBe(true);
		expect(indicatorDue({ frequency: 'year', newestPeriodEnd: '2024-12-31', since: '2022-01-01', asOf }).overdue).toBe(false);
	});

	it('expects nothing more once a figure covers the last target deadline', () => {
		const due = { frequency: 'year' as const, since: '2022-01-01', until: '2024-12-31', asOf: at('2026-11-23') };
		expect(indicatorDue({ ...due, newestPeriodEnd: '2023-12-31' })).toMatchObject({ expectedBy: '2025-04-30', overdue: true });
		expect(indicatorDue({ ...due, newestPeriodEnd: '2024-12-31' })).toEqual({ expectedBy: null, overdue: false, daysOverdue: 0 });
	});

	it('expects a first figure for the period the plan starts in, and none for irregular indicators', () => {
		expect(indicatorDue({ frequency: 'quarter', newestPeriodEnd: null, since: '2024-08-01', asOf: at('2024-12-01') }).expectedBy).toBe('2024-11-29');
		expect(indicatorDue({ frequency: 'irregular', newestPeriodEnd: null, since: '2020-01-01', asOf: at('2030-01-01') })).toEqual({
			expectedBy: null,
			overdue: false,
			daysOverdue: 0
		});
	});
});

describe('summariseOrganisations', () => {
	const judged = (standing: 'delayed' | 'done' | 'unreported', overdue = false, stale = false) => ({
		standing,
		overdue,
		stale,
		daysSinceNote: 0,
		behind: standing === 'delayed' || overdue || stale
	});
	const tasks: TaskForRollup[] = [
		{ id: 't1', planId: 'p1', units: [{ organisationId: 'a', role: 'lead' }, { organisationId: 'b', role: 'support' }], judgement: judged('delayed'), targets: [{ id: 'x', status: 'off_track' }] },
		{ id: 't2', planId: 'p2', units: [{ organisationId: 'a', role: 'lead' }], judgement: judged('done'), targets: [{ id: 'x', status: 'off_track' }] },
		{ id: 't3', planId: 'p2', units: [{ organisationId: 'b', role: 'lead' }, { organisationId: 'a', role: 'support' }], judgement: judged('unreported', true, true), targets: [] }
	];
	const rows = summariseOrganisations(['a', 'b', 'c'], tasks, [
		{ id: 'i1', ownerOrganisationId: 'b', due: { expectedBy: '2025-01-01', overdue: true, daysOverdue: 3 } },
		{ id: 'i2', ownerOrganisationId: 'b', due: { expectedBy: '2026-01-01', overdue: false, daysOverdue: 0 } }
	]);
	const row = (id: string) => rows.find((r) => r.organisationId === id)!;

	it('counts what each unit leads and supports, across plans', () => {
		expect(row('a')).toMatchObject({ planIds: ['p1', 'p2'], leads: 2, supports: 1, behind: 1, delayed: 1, overdue: 1, stale: 1 });
		expect(row('a').led).toMatchObject({ delayed: 1, done: 1, unreported: 0 });
		// Target x is served by two of a's tasks but counted once.
		expect(row('a').targetStatuses).toEqual({ off_track: 1 });
		expect(row('b')).toMatchObject({ leads: 1, supports: 1, behind: 1, indicatorsOwned: 2, indicatorsOverdue: 1 });
		expect(row('c')).toMatchObject({ leads: 0, supports: 0, planIds: [] });
	});

	it('sorts the units most behind first, then by name', () => {
		const sorted = sortOrganisations(rows, 'behind', (id) => id);
		expect(sorted.map((r) => r.organisationId)).toEqual(['b', 'a', 'c']);
		expect(sortOrganisations(rows, 'name', (id) => id).map((r) => r.organisationId)).toEqual(['a', 'b', 'c']);
		expect(sortOrganisations(rows, 'leads', (id) => id)[0].organisationId).toBe('a');
	});
});

describe('readProgressNote', () => {
	const form = (fields: Record<string, string>) => {
		const f = new FormData();
		for (const [k, v] of Object.entries(fields)) f.set(k, v);
		return f;
	};
	const valid = { status: 'in_progress', progressOn: '2026-11-20', note: '基金已设立', evidenceUrl: 'https://example.gov.cn/notice', expectedVersion: '2' };

	it('reads a complete note', () => {
		expect(readProgressNote(form(valid), '2026-11-23', null)).toEqual({
			ok: true,
			note: { status: 'in_progress', progressOn: '2026-11-20', note: '基金已设立', evidenceUrl: 'https://example.gov.cn/notice', expectedVersion: 2 }
		});
	});

	it('takes a file instead of a link as evidence', () => {
		expect(readProgressNote(form({ ...valid, evidenceUrl: '' }), '2026-11-23', { size: 10 }).ok).toBe(true);
	});

	it.each([
		[{ status: 'finished' }, { status: 'required' }],
		[{ progressOn: '2026-02-30' }, { progressOn: 'invalid' }],
		[{ progressOn: '2026-11-24' }, { progressOn: 'future' }],
		[{ note: '  ' }, { note: 'required' }],
		[{ evidenceUrl: '' }, { evidence: 'required' }],
		[{ evidenceUrl: 'javascript:alert(1)' }, { evidence: 'not_a_link' }],
		[{ expectedVersion: '-1' }, { expectedVersion: 'invalid' }]
	])('refuses %o', (change, errors) => {
		expect(readProgressNote(form({ ...valid, ...change }), '2026-11-23', null)).toEqual({ ok: false, errors });
	});

	it('refuses an evidence file over the size limit', () => {
		expect(readProgressNote(form({ ...valid, evidenceUrl: '' }), '2026-11-23', { size: 21 * 1024 * 1024 })).toEqual({ ok: false, errors: { evidence: 'too_large' } });
	});
});
