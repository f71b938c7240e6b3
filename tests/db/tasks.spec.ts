import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { CATALOGUE_USER_ID, seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import * as s from '../../src/lib/server/db/schema';
import { correctObservation } from '../../src/lib/server/queries/observations';
import {
	evidenceFile,
	indicatorDues,
	listTasks,
	organisationSummaries,
	recordTaskUpdate,
	taskHistory,
	TaskConflictError,
	type TaskOptions
} from '../../src/lib/server/queries/tasks';
import { backend, createSeededDatabase, type TestDatabase } from './test-database';

const judgedOn = new Date('2026-11-23T12:00:00Z');
const options = (extra: Partial<TaskOptions> = {}): TaskOptions => ({
	locale: 'zh',
	cutoff: new Date(),
	asOf: judgedOn,
	targetStatus: new Map(),
	...extra
});

describe(`tasks, organisations and staleness on ${backend}`, () => {
	let t: TestDatabase;
	const db = () => t.handle.db;
	beforeAll(async () => {
		t = await createSeededDatabase();
	});
	afterAll(async () => t?.drop());

	it('loads 20 tasks and 37 measures with their units, lead first, and seeding twice changes nothing', async () => {
		const tasks = await listTasks(db(), options());
		expect(tasks.filter((x) => x.kind === 'task')).toHaveLength(20);
		expect(tasks.filter((x) => x.kind === 'measure')).toHaveLength(37);
		const first = tasks.find((x) => x.id === 'pd-task-1')!;
		expect(first.units.map((u) => [u.name, u.role])).toEqual([
			['张江管理局', 'lead'],
			['区科经委', 'support'],
			['区发改委', 'support']
		]);
		await seedCatalogue(db(), loadCatalogue(path.resolve('catalogue')));
		expect(await db().select().from(s.taskUnits)).toHaveLength(tasks.reduce((n, x) => n + x.units.length, 0));
	});

	it('records a status change with evidence as a new version, shown in the history, and refuses a stale form', async () => {
		const bytes = new TextEncoder().encode('%PDF-1.4 会议纪要');
		const first = await recordTaskUpdate(db(), {
			taskId: 'sh-measure-9',
			userId: CATALOGUE_USER_ID,
			expectedVersion: 0,
			status: 'in_progress',
			progressOn: '2026-10-31',
			note: '预备队列已建立',
			evidenceUrl: 'https://wsjkw.sh.gov.cn/example',
			evidenceFile: null
		});
		const second = await recordTaskUpdate(db(), {
			taskId: 'sh-measure-9',
			userId: CATALOGUE_USER_ID,
			expectedVersion: 1,
			status: 'delayed',
			progressOn: '2026-11-20',
			note: '数据平台招标推迟',
			evidenceUrl: null,
			evidenceFile: { name: '纪要.pdf', type: 'application/pdf', bytes }
		});
		expect([first.version, second.version]).toEqual([1, 2]);
		await expect(
			recordTaskUpdate(db(), {
				taskId: 'sh-measure-9',
				userId: CATALOGUE_USER_ID,
				expectedVersion: 1,
				status: 'done',
				progressOn: '2026-11-21',
				note: 'stale form',
				evidenceUrl: 'https://example.org',
				evidenceFile: null
			})
		).rejects.toBeInstanceOf(TaskConflictError);

		const history = await taskHistory(db(), 'sh-measure-9');
		expect(history.map((h) => [h.version, h.status])).toEqual([
			[2, 'delayed'],
			[1, 'in_progress']
		]);
		const file = await evidenceFile(db(), history[0].evidenceFile!.id);
		expect(new TextDecoder().decode(file!.content)).toBe('%PDF-1.4 会议纪要');
		expect(file!.taskIds).toEqual(['sh-measure-9']);
		expect(file!.sha256).toMatch(/^[0-9a-f]{64}$/);
		const audit = await db().select().from(s.auditLog).where(eq(s.auditLog.entityId, 'sh-measure-9'));
		expect(audit.map((a) => a.action)).toEqual(['task.progress', 'task.progress']);

		const [task] = await listTasks(db(), options({ taskIds: ['sh-measure-9'] }));
		expect(task.latest?.status).toBe('delayed');
		expect(task.judgement).toMatchObject({ standing: 'delayed', behind: true, stale: false });
		// As of a moment before the notes, the task was unreported.
		const [before] = await listTasks(db(), options({ taskIds: ['sh-measure-9'], cutoff: new Date('2025-01-01T00:00:00Z') }));
		expect(before.judgement.standing).toBe('unreported');
	});

	it('lists the right tasks for a unit named in both plans', async () => {
		const { rows, tasks } = await organisationSummaries(db(), options());
		const lingang = rows.find((r) => r.organisationId === 'lingang-admin')!;
		expect(lingang.planIds.sort()).toEqual(['pudong-biomedicine-2022-2024', 'shanghai-biomedicine-full-chain-2024']);
		const its = tasks.filter((x) => x.units.some((u) => u.organisationId === 'lingang-admin')).map((x) => x.id);
		expect(its).toEqual(['pd-task-8', 'pd-task-10', 'sh-measure-33', 'sh-measure-34']);
		expect(lingang).toMatchObject({ leads: 0, supports: 4 });
		// 市卫生健康委 leads measure 9, now reported delayed.
		const health = rows.find((r) => r.organisationId === 'sh-health')!;
		expect(health.led.delayed).toBe(1);
		expect(health.leads).toBe(5);
	});

	it('calls units and tasks never reported "not reported" since the first report date, apart from behind, stale and overdue', async () => {
		const { rows, tasks } = await organisationSummaries(db(), options());
		// 市科委 leads Shanghai measures (in force 2024-08-01, due with the plan in 2029) and nobody reported on them.
		const science = rows.find((r) => r.organisationId === 'sh-science')!;
		expect(science.leads).toBeGreaterThan(5);
		expect(science).toMatchObject({ behind: 0, stale: 0, overdue: 0, notReported: science.leads, notReportedSince: '2024-10-30' });
		for (const task of tasks.filter((x) => x.units[0]?.organisationId === 'sh-science')) {
			expect(task.judgement).toMatchObject({ standing: 'unreported', notReported: true, firstReportDue: '2024-10-30', stale: false, daysSinceNote: null, behind: false });
		}
		// A Pudong task past the plan's end is overdue whether reported or not, but never "stale".
		expect(tasks.find((x) => x.id === 'pd-task-1')!.judgement).toMatchObject({ overdue: true, notReported: true, firstReportDue: '2022-04-14', stale: false, behind: true });
		// Before its first report was due, a measure is neither behind nor "not reported" yet.
		const [early] = await listTasks(db(), options({ taskIds: ['sh-measure-1'], asOf: new Date('2024-10-01T12:00:00Z') }));
		expect(early.judgement).toMatchObject({ standing: 'unreported', notReported: false, behind: false });
	});

	it('flags an indicator whose next figure is overdue, and stops when a real figure arrives', async () => {
		const due = async () => (await indicatorDues(db(), { locale: 'zh', cutoff: new Date(), asOf: judgedOn })).find((i) => i.id === 'sh.trial-startup-time')!;
		const before = await due();
		// Only illustrative figures so far: the first real (annual) figure was due 120 days after 2024 ended.
		expect(before).toMatchObject({ newestPeriodEnd: null, due: { expectedBy: '2025-04-30', overdue: true, newestRealPeriod: null } });
		// The message must say why the illustrative 2025 figure the chart shows does not count.
		expect(before.due.illustrativeLeftOut).toContain('2025');
		expect(before.owner.organisationId).toBe('sh-health');
		// The published 2025 figure replaces the illustrative one, as a new version.
		const [figure] = await db()
			.select({ id: s.observations.id })
			.from(s.observations)
			.where(and(eq(s.observations.indicatorId, 'sh.trial-startup-time'), eq(s.observations.periodEnd, '2025-12-31')));
		await correctObservation(db(), {
			observationId: figure.id,
			expectedVersion: 1,
			value: 24,
			provenance: 'provisional',
			sourceId: null,
			newSource: { title: '市卫生健康委通报', publisher: '上海市卫生健康委员会', url: 'https://wsjkw.sh.gov.cn/example-2', publishedOn: '2026-03-01' },
			reason: 'published figure',
			userId: CATALOGUE_USER_ID
		});
		const after = await due();
		expect(after).toMatchObject({ newestPeriodEnd: '2025-12-31', due: { expectedBy: '2027-04-30', overdue: false, newestRealPeriod: '2025' } });
		expect(after.due.illustrativeLeftOut).not.toContain('2025');
	});
});
