import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import * as s from '../../src/lib/server/db/schema';
import { openRound, setOrganisationHead, submitToRequest, type RoundActor } from '../../src/lib/server/queries/rounds';
import { queueRoundReminders, readRoundAlertPolicy } from '../../src/lib/server/alerts/round-alerts';
import { addDays } from '../../src/lib/domain/dates';
import { backend, createSeededDatabase, type TestDatabase } from './test-database';

// 市科委 owns Shanghai's industry scale; the coordinators work in 市经济信息化委.
const SCIENCE = 'sh-science';
const DUE = '2026-12-10';
const coordinator: RoundActor = { id: 'u-coordinator', role: 'analyst', organisationId: 'sh-economy-it' };
const reporter: RoundActor = { id: 'u-reporter', role: 'reporter', organisationId: SCIENCE };

describe(`round alerts on ${backend}`, () => {
	let t: TestDatabase;
	const db = () => t.handle.db;
	let requestId: number;
	const policy = readRoundAlertPolicy({ PACER_REMIND_DAYS_BEFORE: '3', PACER_ESCALATE_AFTER_DAYS: '7' });
	const queued = async () =>
		(await db().select({ kind: s.deliveries.kind, userId: s.deliveries.userId, recipient: s.deliveries.recipient, subject: s.deliveries.subject, body: s.deliveries.body, locale: s.deliveries.locale }).from(s.deliveries).where(like(s.deliveries.dedupeKey, 'round%'))).sort((a, b) =>
			`${a.kind}${a.userId}`.localeCompare(`${b.kind}${b.userId}`)
		);

	beforeAll(async () => {
		t = await createSeededDatabase();
		const [economy] = await db().select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.id, 'sh-economy-it'));
		expect(economy, 'the catalogue has 市经济信息化委').toBeDefined();
		await db()
			.insert(s.users)
			.values([
				{ id: coordinator.id, username: 'coordinator', displayName: '协调员', role: 'analyst', organisationId: 'sh-economy-it', email: 'coordinator@example.gov' },
				{ id: 'u-colleague', username: 'colleague', displayName: '同事', role: 'analyst', organisationId: 'sh-economy-it', email: 'colleague@example.gov', locale: 'en' },
				{ id: 'u-gone', username: 'gone', displayName: '已离职', role: 'analyst', organisationId: 'sh-economy-it', email: 'gone@example.gov', deactivatedAt: new Date() },
				{ id: reporter.id, username: 'reporter', displayName: '科委填报人', role: 'reporter', organisationId: SCIENCE, email: 'reporter@example.gov' },
				{ id: 'u-head', username: 'head', displayName: '科委负责人', role: 'viewer', organisationId: SCIENCE, email: 'head@example.gov', locale: 'en' }
			]);
		expect(await setOrganisationHead(db(), SCIENCE, 'u-head', coordinator.id)).toBe('ok');
		await openRound(db(), { title: '2026年度填报', period: '2026', dueOn: DUE, indicatorIds: ['sh.scale'], taskIds: [], userId: coordinator.id });
		[{ id: requestId }] = await db().select({ id: s.roundRequests.id }).from(s.roundRequests).where(eq(s.roundRequests.indicatorId, 'sh.scale'));
	});
	afterAll(async () => t?.drop());

	it('tells nobody while the due day is far', async () => {
		expect(await queueRoundReminders(db(), addDays(DUE, -4), policy)).toBe(0);
		expect(await queued()).toEqual([]);
	});

	it('reminds the unit’s reporters once before the due day, in their language', async () => {
		expect(await queueRoundReminders(db(), addDays(DUE, -3), policy)).toBe(1);
		// Every pass of every instance scans again: the same occasion is not queued twice.
		expect(await queueRoundReminders(db(), addDays(DUE, -2), policy)).toBe(0);
		const rows = await queued();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ kind: 'request_due_soon', userId: reporter.id, recipient: 'reporter@example.gov', locale: 'zh' });
		expect(rows[0].subject).toContain(DUE);
		expect(rows[0].subject).toContain('上海生物医药产业规模');
	});

	it('tells the reporters when it is late, and the unit head once it has been late for a week', async () => {
		expect(await queueRoundReminders(db(), addDays(DUE, 1), policy)).toBe(1);
		expect(await queueRoundReminders(db(), addDays(DUE, 6), policy)).toBe(0);
		expect(await queueRoundReminders(db(), addDays(DUE, 7), policy)).toBe(1);
		expect(await queueRoundReminders(db(), addDays(DUE, 9), policy)).toBe(0);
		const rows = await queued();
		expect(rows.map((r) => [r.kind, r.userId])).toEqual([
			['request_due_soon', reporter.id],
			['request_escalated', 'u-head'],
			['request_late', reporter.id]
		]);
		const escalated = rows.find((r) => r.kind === 'request_escalated')!;
		expect(escalated.locale).toBe('en');
		expect(escalated.subject).toMatch(/Shanghai/);
	});

	it('tells the coordinator and the active analysts of their unit that a figure waits for approval', async () => {
		await submitToRequest(db(), requestId, reporter, { value: 10_300, provenance: 'provisional', sourceId: 'people-2025-07-28', note: '快报数', reason: '年度快报' });
		const waiting = (await queued()).filter((r) => r.kind === 'approval_waiting');
		expect(waiting.map((r) => r.userId).sort()).toEqual(['u-colleague', coordinator.id].sort());
		expect(waiting.find((r) => r.userId === coordinator.id)!.body).toContain('科委填报人');
		expect(waiting.find((r) => r.userId === 'u-colleague')!.body).toMatch(/submitted the figure/);
		// Submitted now: no more reminders for it.
		expect(await queueRoundReminders(db(), addDays(DUE, 20), policy)).toBe(0);
	});

	it('refuses a policy that is not a number of days', () => {
		expect(() => readRoundAlertPolicy({ PACER_REMIND_DAYS_BEFORE: 'soon' })).toThrow(/PACER_REMIND_DAYS_BEFORE/);
	});
});
