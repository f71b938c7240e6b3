import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import * as s from '../../src/lib/server/db/schema';
import { syncJudgements } from '../../src/lib/server/queries/judgements';
import { targetDetail } from '../../src/lib/server/queries/target';
import { taskHistory } from '../../src/lib/server/queries/tasks';
import {
	closeRound,
	lateRequestsByUnit,
	openRound,
	requestDetail,
	reviewRequest,
	RoundError,
	roundDetail,
	roundReminders,
	setOrganisationHead,
	submitToRequest,
	unitRequests,
	type RoundActor
} from '../../src/lib/server/queries/rounds';
import { createUser, setRole, setUserOrganisation } from '../../src/lib/server/auth/accounts';
import { backend, createSeededDatabase, type TestDatabase } from './test-database';

// 市卫生健康委 owns the research-bed share (target sh-research-beds, ≥10% by 2029, illustrative figures so far)
// and leads measure 9; 市科委 owns Shanghai's industry scale.
const HEALTH = 'sh-health';
const SCIENCE = 'sh-science';
const BEDS = 'sh.research-bed-share';
const TARGET = 'sh-research-beds';

const coordinator: RoundActor = { id: 'u-coordinator', role: 'analyst', organisationId: null };
const healthReporter: RoundActor = { id: 'u-health', role: 'reporter', organisationId: HEALTH };
const scienceReporter: RoundActor = { id: 'u-science', role: 'reporter', organisationId: SCIENCE };
const viewer: RoundActor = { id: 'u-viewer', role: 'viewer', organisationId: HEALTH };
const TODAY = '2026-12-01';

describe(`data rounds on ${backend}`, () => {
	let t: TestDatabase;
	const db = () => t.handle.db;
	let roundId: number;
	beforeAll(async () => {
		t = await createSeededDatabase();
		await db()
			.insert(s.users)
			.values([
				{ id: coordinator.id, username: 'coordinator', displayName: '协调员', role: 'analyst' },
				{ id: healthReporter.id, username: 'health-reporter', displayName: '卫健委填报人', role: 'reporter', organisationId: HEALTH },
				{ id: scienceReporter.id, username: 'science-reporter', displayName: '科委填报人', role: 'reporter', organisationId: SCIENCE },
				{ id: viewer.id, username: 'viewer', displayName: '观众', role: 'viewer', organisationId: HEALTH },
				{ id: 'u-head', username: 'health-head', displayName: '卫健委负责人', role: 'viewer', organisationId: HEALTH }
			]);
		// An indicator without an owner unit, to be listed as "no unit to ask".
		await db().update(s.indicatorOwners).set({ organisationId: null }).where(eq(s.indicatorOwners.indicatorId, 'sh.key-pipelines'));
	});
	afterAll(async () => t?.drop());

	const judgement = async () => {
		await syncJudgements(db());
		const [row] = await db().select().from(s.targetJudgements).where(eq(s.targetJudgements.targetId, TARGET));
		return { status: row.status, basis: row.basis, inputVersion: row.inputVersion, latest: row.judgement.latest };
	};
	const requestOf = async (indicatorId: string) => {
		const [r] = await db().select().from(s.roundRequests).where(and(eq(s.roundRequests.roundId, roundId), eq(s.roundRequests.indicatorId, indicatorId)));
		return r;
	};

	it('opens a round: one request per owned indicator to its unit, tasks to their lead unit, the unowned listed apart, audited', async () => {
		const opened = await openRound(db(), {
			title: '2026年度填报',
			period: '2026',
			dueOn: '2026-11-15',
			indicatorIds: [BEDS, 'sh.scale', 'sh.key-pipelines'],
			taskIds: ['sh-measure-9'],
			userId: coordinator.id
		});
		roundId = opened.roundId;
		expect(opened).toMatchObject({ requested: 3, unasked: ['sh.key-pipelines'], notDue: [] });
		const detail = (await roundDetail(db(), roundId, 'zh', TODAY))!;
		expect(detail.requests.map((r) => [r.organisationId, r.kind, r.indicatorId ?? r.taskId, r.period]).sort()).toEqual([
			[HEALTH, 'figure', BEDS, '2026'],
			[HEALTH, 'task', 'sh-measure-9', null],
			[SCIENCE, 'figure', 'sh.scale', '2026']
		]);
		expect(detail.unasked.map((u) => u.id)).toEqual(['sh.key-pipelines']);
		// Due 15 November, nothing approved by 1 December: every request is late.
		expect(detail.tally.find((x) => x.organisationId === HEALTH)).toMatchObject({ requested: 2, submitted: 0, approved: 0, returned: 0, late: 2 });
		const [audit] = await db().select().from(s.auditLog).where(and(eq(s.auditLog.entity, 'round'), eq(s.auditLog.entityId, String(roundId))));
		expect(audit.action).toBe('round.open');
	});

	it('asks a quarterly round for year-to-date figures of annual flows and nothing of annual stocks', async () => {
		const opened = await openRound(db(), { title: 'Q3', period: '2026-Q3', dueOn: '2026-10-31', indicatorIds: ['sh.scale', 'zj.listed-biomedicine', BEDS], taskIds: [], userId: coordinator.id });
		// The research-bed share is an annual stock: not due until a round that ends with the year.
		expect(opened.notDue).toEqual([BEDS]);
		const detail = (await roundDetail(db(), opened.roundId, 'en', TODAY))!;
		expect(detail.requests.map((r) => [r.indicatorId, r.period, r.basis]).sort()).toEqual([
			['sh.scale', '2026-01..09', 'year_to_date'],
			// An irregular indicator kept as points at a date is asked for the round's period, as a point.
			['zj.listed-biomedicine', '2026-Q3', 'point']
		]);
		await closeRound(db(), opened.roundId, coordinator.id);
		await expect(closeRound(db(), opened.roundId, coordinator.id)).rejects.toMatchObject({ code: 'closed' });
	});

	it('shows a reporter only their unit’s requests, and refuses them (and viewers) another unit’s', async () => {
		const mine = await unitRequests(db(), SCIENCE, 'zh', TODAY);
		expect(new Set(mine.map((r) => r.organisationId))).toEqual(new Set([SCIENCE]));
		const beds = await requestOf(BEDS);
		await expect(submitToRequest(db(), beds.id, scienceReporter, { value: 50, provenance: 'official', sourceId: 'people-2025-07-28', note: null })).rejects.toMatchObject({ code: 'not_found' });
		await expect(submitToRequest(db(), beds.id, viewer, { value: 50, provenance: 'official', sourceId: 'people-2025-07-28', note: null })).rejects.toMatchObject({ code: 'not_found' });
		// A reporter cannot review, not even their own unit's request.
		await expect(reviewRequest(db(), beds.id, healthReporter, { decision: 'approve' })).rejects.toMatchObject({ code: 'not_found' });
		expect((await db().select().from(s.roundSubmissions)).length).toBe(0);
	});

	it('runs a request from submission to return and resubmission to approval; the figure counts only once approved', async () => {
		const beds = await requestOf(BEDS);
		const before = await judgement();
		expect(before.basis).toBe('illustrative');

		const file = { name: '床位统计.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 研究型病床') };
		await submitToRequest(db(), beds.id, healthReporter, { value: 7.2, provenance: 'provisional', evidenceFile: file, note: '初步统计' });
		// Submitted, not approved: nothing is recorded and the verdict has not moved.
		expect(await judgement()).toEqual(before);
		expect((await requestOf(BEDS)).status).toBe('submitted');
		await expect(submitToRequest(db(), beds.id, healthReporter, { value: 8, provenance: 'official', evidenceFile: file, note: null })).rejects.toMatchObject({ code: 'not_open' });

		await expect(reviewRequest(db(), beds.id, coordinator, { decision: 'return', comment: '  ' })).rejects.toMatchObject({ code: 'comment_required' });
		await reviewRequest(db(), beds.id, coordinator, { decision: 'return', comment: '请附统计公报' });
		expect((await requestOf(BEDS)).status).toBe('returned');
		expect(await judgement()).toEqual(before);

		await submitToRequest(db(), beds.id, healthReporter, {
			value: 12,
			provenance: 'official',
			newSource: { title: '2026年研究型病床统计', publisher: '上海市卫生健康委员会', url: 'https://wsjkw.sh.gov.cn/beds-2026', publishedOn: '2026-11-20' },
			evidenceFile: file,
			note: '统计公报'
		});
		const detail = (await requestDetail(db(), beds.id, 'zh', TODAY))!;
		expect(detail.submissions.map((x) => [x.version, x.value, x.decision, x.reviewComment])).toEqual([
			[2, 12, null, null],
			[1, 7.2, 'returned', '请附统计公报']
		]);
		expect(await judgement()).toEqual(before);

		await reviewRequest(db(), beds.id, coordinator, { decision: 'approve' });
		const after = await judgement();
		expect(after.latest).toMatchObject({ period: '2026', value: 12 });
		expect(after.basis).toBe('published');
		expect(after.inputVersion).toBeGreaterThan(before.inputVersion);
		expect((await requestOf(BEDS)).status).toBe('approved');

		// The target page's history says who reported it (and for which unit) and who approved it.
		const page = (await targetDetail(db(), TARGET, 'zh'))!;
		const figure = page.observations.find((o) => o.period === '2026' && o.indicatorId === BEDS)!;
		expect(figure).toMatchObject({ value: 12, provenance: 'official', source: { publisher: '上海市卫生健康委员会' } });
		expect(figure.history[0]).toMatchObject({ recordedBy: '协调员', reportedBy: { name: '卫健委填报人', unit: '市卫生健康委' } });

		const actions = (await db().select({ action: s.auditLog.action }).from(s.auditLog).where(and(eq(s.auditLog.entity, 'round_request'), eq(s.auditLog.entityId, String(beds.id))))).map((a) => a.action);
		expect(actions).toEqual(['round.submit', 'round.return', 'round.submit', 'round.approve']);
	});

	it('turns a submission for a period that has a figure into a correction with its reason, never an overwrite', async () => {
		const opened = await openRound(db(), { title: '2025年度补报', period: '2025', dueOn: '2027-01-31', indicatorIds: [BEDS], taskIds: [], userId: coordinator.id });
		const [request] = await db().select().from(s.roundRequests).where(eq(s.roundRequests.roundId, opened.roundId));
		// 2025 has an (illustrative) figure: without a reason the submission is refused.
		await expect(submitToRequest(db(), request.id, healthReporter, { value: 6.8, provenance: 'official', sourceId: 'people-2025-07-28', note: null })).rejects.toMatchObject({ code: 'needs_reason' });
		await submitToRequest(db(), request.id, healthReporter, { value: 6.8, provenance: 'official', sourceId: 'people-2025-07-28', reason: '以正式统计替换示意数', note: null });
		await reviewRequest(db(), request.id, coordinator, { decision: 'approve' });
		const [observation] = await db().select().from(s.observations).where(and(eq(s.observations.indicatorId, BEDS), eq(s.observations.period, '2025')));
		const versions = await db().select().from(s.observationVersions).where(eq(s.observationVersions.observationId, observation.id)).orderBy(s.observationVersions.version);
		expect(versions.map((v) => [v.value, v.provenance])).toEqual([
			[6.3, 'illustrative'],
			[6.8, 'official']
		]);
		expect(versions[1].reason).toContain('以正式统计替换示意数');
	});

	it('approves a task note request as the task’s next progress note, with its evidence file', async () => {
		const [request] = await db().select().from(s.roundRequests).where(and(eq(s.roundRequests.roundId, roundId), eq(s.roundRequests.taskId, 'sh-measure-9')));
		const file = { name: '进展.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 进展') };
		await submitToRequest(db(), request.id, healthReporter, { taskStatus: 'in_progress', progressOn: '2026-11-30', evidenceFile: file, note: '平台建设中' });
		await reviewRequest(db(), request.id, coordinator, { decision: 'approve' });
		const [note] = await taskHistory(db(), 'sh-measure-9');
		expect(note).toMatchObject({ status: 'in_progress', note: '平台建设中', progressOn: '2026-11-30', evidenceFile: { name: '进展.pdf' } });
	});

	it('counts late requests per unit and lists reminders with reporters and the unit head', async () => {
		expect(await setOrganisationHead(db(), SCIENCE, 'u-head', coordinator.id)).toBe('ok');
		const late = await lateRequestsByUnit(db(), TODAY);
		// 市科委's 2026 figure is late (due 15 November); 市卫生健康委's are approved.
		expect(late.get(SCIENCE)).toBe(1);
		expect(late.get(HEALTH)).toBeUndefined();
		const reminders = await roundReminders(db(), { today: TODAY, dueWithinDays: 7, lateByDays: 10 });
		expect(reminders.map((r) => [r.kind, r.unit.id, r.daysLate, r.reporters.map((p) => p.username), r.head?.username])).toEqual([['late', SCIENCE, 16, ['science-reporter'], 'health-head']]);
		// Late by less than asked: not yet escalated.
		expect(await roundReminders(db(), { today: TODAY, dueWithinDays: 7, lateByDays: 30 })).toEqual([]);
		const next = await openRound(db(), { title: '下半年', period: '2026-H2', dueOn: '2026-12-05', indicatorIds: [BEDS], taskIds: [], userId: coordinator.id });
		const soon = await roundReminders(db(), { today: TODAY, dueWithinDays: 7, lateByDays: 100 });
		expect(soon.map((r) => [r.kind, r.roundId, r.unit.id, r.head])).toEqual([['due_soon', next.roundId, HEALTH, null]]);
		await closeRound(db(), next.roundId, coordinator.id);
	});

	it('keeps a reporter tied to a unit: not made, given the role or left without one', async () => {
		await expect(createUser(db(), { username: 'no-unit', role: 'reporter', password: 'long-enough-password', mustChangePassword: false }, coordinator.id)).rejects.toMatchObject({ code: 'reporter_needs_unit' });
		expect(await setRole(db(), 'u-coordinator', 'reporter', coordinator.id)).toBe('reporter_needs_unit');
		expect(await setUserOrganisation(db(), healthReporter.id, null, coordinator.id)).toBe('reporter_needs_unit');
		const made = await createUser(db(), { username: 'with-unit', role: 'reporter', password: 'long-enough-password', mustChangePassword: false, organisationId: SCIENCE }, coordinator.id);
		const [user] = await db().select().from(s.users).where(eq(s.users.id, made));
		expect(user).toMatchObject({ role: 'reporter', organisationId: SCIENCE });
	});

	it('refuses a closed round’s requests', async () => {
		await closeRound(db(), roundId, coordinator.id);
		const scale = await requestOf('sh.scale');
		await expect(submitToRequest(db(), scale.id, scienceReporter, { value: 10000, provenance: 'official', sourceId: 'people-2025-07-28', note: null })).rejects.toBeInstanceOf(RoundError);
		const left = await db().select().from(s.roundRequests).where(inArray(s.roundRequests.roundId, [roundId]));
		expect(left.length).toBe(3);
		// A closed round's unanswered request is no longer counted late.
		expect((await lateRequestsByUnit(db(), TODAY)).get(SCIENCE)).toBeUndefined();
	});
});
