import { describe, expect, it } from 'vitest';
import {
	firstReportDue,
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
	it('counts a task never reported as "not reported" from its first report date, never as stale or behind', () => {
		// Plan in force 2022-01-01: the first report is due one interval (90 days) later, 2022-04-01.
		expect(judgeTask({ ...base, latest: null, asOf: at('2022-03-01') })).toEqual({
			standing: 'unreported',
			overdue: false,
			stale: false,
			firstReportDue: '2022-04-01',
			notReported: false,
			daysSinceNote: null,
			behind: false
		});
		expect(judgeTask({ ...base, latest: null, asOf: at('2022-04-01') })).toMatchObject({ notReported: false });
		expect(judgeTask({ ...base, latest: null, asOf: at('2022-04-02') })).toMatchObject({ notReported: true, stale: false, behind: false, daysSinceNote: null });
		// 852 days after the plan began: still "not reported since 2022-04-01", not "852 days without update".
		expect(judgeTask({ ...base, latest: null, asOf: at('2024-05-02') })).toMatchObject({ notReported: true, stale: false, behind: false, daysSinceNote: null });
	});

	it('keeps overdue about the deadline: a task never reported is overdue after its due date, and not stale', () => {
		expect(judgeTask({ ...base, latest: null, asOf: at('2025-01-01') })).toMatchObject({ overdue: true, notReported: true, stale: false, behind: true });
	});

	it('counts staleness from the last note once there is one, and stops calling it "not reported"', () => {
		const latest = { status: 'in_progress' as const, recordedAt: at('2022-02-01') };
		// Reported before the first report was due: fresh until 90 days after that note.
		expect(judgeTask({ ...base, latest, asOf: at('2022-05-02') })).toMatchObject({ stale: false, notReported: false, daysSinceNote: 90, behind: false });
		expect(judgeTask({ ...base, latest, asOf: at('2022-05-03') })).toMatchObject({ stale: true, notReported: false, daysSinceNote: 91, behind: true });
	});

	it('moves the first report date with the reporting interval', () => {
		expect(firstReportDue('2024-08-01')).toBe('2024-10-30');
		expect(firstReportDue('2024-08-01', 30)).toBe('2024-08-31');
		expect(judgeTask({ ...base, latest: null, asOf: at('2022-02-01'), staleAfterDays: 30 })).toMatchObject({ firstReportDue: '2022-01-31', notReported: true });
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
		expect(indicatorDue({ ...due, asOf: at('2025-04-30') })).toMatchObject({ expectedBy: '2025-04-30', overdue: false, daysOverdue: 0 });
		expect(indicatorDue({ ...due, asOf: at('2025-06-01') })).toMatchObject({ expectedBy: '2025-04-30', overdue: true, daysOverdue: 32 });
	});

	it('stops being overdue once a figure for the next period arrives', () => {
		const asOf = at('2025-06-01');
		expect(indicatorDue({ frequency: 'year', newestPeriodEnd: '2023-12-31', since: '2022-01-01', asOf }).overdue).toBe(true);
		expect(indicatorDue({ frequency: 'year', newestPeriodEnd: '2024-12-31', since: '2022-01-01', asOf }).overdue).toBe(false);
	});

	it('expects nothing more once a figure covers the last target deadline', () => {
		const due = { frequency: 'year' as const, since: '2022-01-01', until: '2024-12-31', asOf: at('2026-11-23') };
		expect(indicatorDue({ ...due, newestPeriodEnd: '2023-12-31' })).toMatchObject({ expectedBy: '2025-04-30', overdue: true });
		expect(indicatorDue({ ...due, newestPeriodEnd: '2024-12-31' })).toMatchObject({ expectedBy: null, overdue: false, daysOverdue: 0 });
	});

	it('expects a first figure for the period the plan starts in, and none for irregular indicators', () => {
		expect(indicatorDue({ frequency: 'quarter', newestPeriodEnd: null, since: '2024-08-01', asOf: at('2024-12-01') }).expectedBy).toBe('2024-11-29');
		expect(indicatorDue({ frequency: 'irregular', newestPeriodEnd: null, since: '2020-01-01', asOf: at('2030-01-01') })).toMatchObject({
			expectedBy: null,
			overdue: false,
			daysOverdue: 0
		});
	});

	it('names the illustrative figures it left out: those newer than the newest real one', () => {
		const illustrative = [
			{ period: '2022', periodEnd: '2022-12-31' },
			{ period: '2025', periodEnd: '2025-12-31' },
			{ period: '2024', periodEnd: '2024-12-31' }
		];
		const due = indicatorDue({ frequency: 'year', newestPeriodEnd: '2023-12-31', newestPeriod: '2023', illustrative, since: '2022-01-01', asOf: at('2026-12-01') });
		// The chart shows 2024 and 2025, yet a real 2024 figure is 580 days late: the message must say why.
		expect(due).toEqual({ expectedBy: '2025-04-30', overdue: true, daysOverdue: 580, newestRealPeriod: '2023', illustrativeLeftOut: ['2024', '2025'] });
		const none = indicatorDue({ frequency: 'year', newestPeriodEnd: null, illustrative, since: '2022-01-01', asOf: at('2026-12-01') });
		expect(none).toMatchObject({ expectedBy: '2023-04-30', newestRealPeriod: null, illustrativeLeftOut: ['2022', '2024', '2025'] });
		expect(indicatorDue({ frequency: 'year', newestPeriodEnd: '2023-12-31', since: '2022-01-01', asOf: at('2024-01-01') }).illustrativeLeftOut).toEqual([]);
	});
});

describe('summariseOrganisations', () => {
	const judged = (standing: 'delayed' | 'done' | 'unreported', overdue = false, stale = false, firstReportDue = '2022-04-01') => ({
		standing,
		overdue,
		stale,
		firstReportDue,
		notReported: standing === 'unreported',
		daysSinceNote: standing === 'unreported' ? null : 0,
		behind: standing === 'delayed' || overdue || stale
	});
	const tasks: TaskForRollup[] = [
		{ id: 't1', planId: 'p1', units: [{ organisationId: 'a', role: 'lead' }, { organisationId: 'b', role: 'support' }], judgement: judged('delayed', false, true), targets: [{ id: 'x', status: 'off_track' }] },
		{ id: 't2', planId: 'p2', units: [{ organisationId: 'a', role: 'lead' }], judgement: judged('done'), targets: [{ id: 'x', status: 'off_track' }] },
		{ id: 't3', planId: 'p2', units: [{ organisationId: 'b', role: 'lead' }, { organisationId: 'a', role: 'support' }], judgement: judged('unreported', true), targets: [] },
		// d leads three tasks nobody ever reported on, none past its deadline: not behind at all.
		...[1, 2, 3].map((n) => ({ id: `d${n}`, planId: 'p3', units: [{ organisationId: 'd', role: 'lead' as const }], judgement: judged('unreported', false, false, `2024-10-${29 + n}`), targets: [] }))
	];
	const rows = summariseOrganisations(['a', 'b', 'c', 'd'], tasks, [
		{ id: 'i1', ownerOrganisationId: 'b', due: { expectedBy: '2025-01-01', overdue: true, daysOverdue: 3, newestRealPeriod: null, illustrativeLeftOut: [] } },
		{ id: 'i2', ownerOrganisationId: 'b', due: { expectedBy: '2026-01-01', overdue: false, daysOverdue: 0, newestRealPeriod: null, illustrativeLeftOut: [] } }
	]);
	const row = (id: string) => rows.find((r) => r.organisationId === id)!;

	it('counts what each unit leads and supports, across plans', () => {
		expect(row('a')).toMatchObject({ planIds: ['p1', 'p2'], leads: 2, supports: 1, behind: 1, delayed: 1, overdue: 1, stale: 1, notReported: 0, notReportedSince: null });
		expect(row('a').led).toMatchObject({ delayed: 1, done: 1, unreported: 0 });
		// Target x is served by two of a's tasks but counted once.
		expect(row('a').targetStatuses).toEqual({ off_track: 1 });
		expect(row('b')).toMatchObject({ leads: 1, supports: 1, behind: 1, notReported: 1, indicatorsOwned: 2, indicatorsOverdue: 1 });
		expect(row('c')).toMatchObject({ leads: 0, supports: 0, planIds: [] });
	});

	it('counts tasks never reported apart from behind, since the earliest first report date', () => {
		expect(row('d')).toMatchObject({ leads: 3, behind: 0, stale: 0, overdue: 0, notReported: 3, notReportedSince: '2024-10-30' });
		expect(row('d').led).toMatchObject({ unreported: 3 });
	});

	it('sorts the units most behind first, then by name; not reporting alone does not make a unit most behind', () => {
		const sorted = sortOrganisations(rows, 'behind', (id) => id);
		expect(sorted.map((r) => r.organisationId)).toEqual(['b', 'a', 'd', 'c']);
		expect(sortOrganisations(rows, 'name', (id) => id).map((r) => r.organisationId)).toEqual(['a', 'b', 'c', 'd']);
		expect(sortOrganisations(rows, 'leads', (id) => id)[0].organisationId).toBe('d');
		expect(sortOrganisations(rows, 'notReported', (id) => id).map((r) => r.organisationId)).toEqual(['d', 'b', 'a', 'c']);
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

describe('due dates end at midnight in the deployment zone', () => {
	it('a task due 2024-12-31 is overdue from 2025-01-01 00:00 in Shanghai (16:00 UTC), not from UTC midnight', () => {
		const task = (asOf: string) => judgeTask({ due: '2024-12-31', since: '2022-01-01', latest: { status: 'in_progress', recordedAt: new Date('2024-12-01T00:00:00Z') }, asOf: new Date(asOf), timeZone: 'Asia/Shanghai' });
		expect(task('2024-12-31T15:59:59Z').overdue).toBe(false);
		expect(task('2024-12-31T16:00:00Z').overdue).toBe(true);
	});

	it('an indicator figure expected by 2025-04-30 is late from 1 May in Shanghai', () => {
		const due = (asOf: string) => indicatorDue({ frequency: 'year', newestPeriodEnd: '2023-12-31', since: '2022-01-01', asOf: new Date(asOf), timeZone: 'Asia/Shanghai' });
		expect(due('2025-04-30T15:59:59Z').overdue).toBe(false);
		expect(due('2025-04-30T16:00:01Z')).toMatchObject({ overdue: true, daysOverdue: 1 });
	});
});
