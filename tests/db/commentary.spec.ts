import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_USER_ID, createUser, ensureConsoleUser, setUserActive } from '../../src/lib/server/auth/accounts';
import { bookContent } from '../../src/lib/server/books/content';
import * as s from '../../src/lib/server/db/schema';
import { createBoard } from '../../src/lib/server/queries/boards';
import { correctObservation, latestVersions } from '../../src/lib/server/queries/observations';
import { CommentConflictError, CommentNotAllowedError, recordComment, UnknownTargetError } from '../../src/lib/server/queries/commentary';
import { commentHistory, currentComments } from '../../src/lib/server/queries/commentary-reads';
import { loadBoardPayload, screenVersion } from '../../src/lib/server/screen/live';
import { endOfDay } from '../../src/lib/domain/schedule';
import { readCommentary } from '../../src/lib/domain/commentary';
import { backend, createSeededDatabase, type TestDatabase } from './test-database';

const TARGET = 'pd-industry-scale';
const PLAN = 'pudong-biomedicine-2022-2024';
const ZONE = 'Asia/Shanghai';

describe(`commentary per target on ${backend}`, () => {
	let t: TestDatabase;
	let analyst: string;
	let admin: string;
	let viewer: string;
	const db = () => t.handle.db;
	const audits = async () => (await db().select().from(s.auditLog).where(and(eq(s.auditLog.action, 'target.comment'), eq(s.auditLog.entityId, TARGET)))).length;
	/** Moves a version's recording time into the past, as if it had been written then. */
	const backdate = (version: number, at: string) =>
		db().update(s.targetComments).set({ recordedAt: new Date(at) }).where(and(eq(s.targetComments.targetId, TARGET), eq(s.targetComments.version, version)));

	beforeAll(async () => {
		t = await createSeededDatabase();
		await ensureConsoleUser(db());
		analyst = await createUser(db(), { username: 'cm-analyst', displayName: '分析员甲', role: 'analyst', password: 'commentary analyst', mustChangePassword: false }, CONSOLE_USER_ID);
		admin = await createUser(db(), { username: 'cm-admin', displayName: 'Admin B', role: 'admin', password: 'commentary admin 1', mustChangePassword: false }, CONSOLE_USER_ID);
		viewer = await createUser(db(), { username: 'cm-viewer', role: 'viewer', password: 'commentary viewer', mustChangePassword: false }, CONSOLE_USER_ID);
	});
	afterAll(async () => t?.drop());

	it('keeps every edit as a new version with its author, time and as-of day, and audits each', async () => {
		expect(await commentHistory(db(), TARGET)).toEqual([]);
		await recordComment(db(), { targetId: TARGET, userId: analyst, expectedVersion: 0, text: '2023年口径调整，\n规模增速低于预期。', asOf: '2025-06-30' });
		await recordComment(db(), { targetId: TARGET, userId: admin, expectedVersion: 1, text: '2024年已达4000亿元以上。', asOf: null });
		const history = await commentHistory(db(), TARGET);
		expect(history.map((c) => [c.version, c.author, c.asOf, c.text])).toEqual([
			[2, 'Admin B', null, '2024年已达4000亿元以上。'],
			[1, '分析员甲', '2025-06-30', '2023年口径调整，\n规模增速低于预期。']
		]);
		expect(Date.parse(history[0].recordedAt)).toBeGreaterThanOrEqual(Date.parse(history[1].recordedAt));
		expect((await currentComments(db(), [TARGET, 'pd-clinical-trials'])).get(TARGET)?.version).toBe(2);
		expect((await currentComments(db(), [TARGET, 'pd-clinical-trials'])).has('pd-clinical-trials')).toBe(false);
		expect(await audits()).toBe(2);
	});

	it('refuses an edit started from an older version, naming the newer one, and writes nothing', async () => {
		const attempt = recordComment(db(), { targetId: TARGET, userId: analyst, expectedVersion: 1, text: '覆盖？', asOf: null });
		await expect(attempt).rejects.toBeInstanceOf(CommentConflictError);
		const error = (await attempt.catch((e) => e)) as CommentConflictError;
		expect(error.current).toEqual({ version: 2, text: '2024年已达4000亿元以上。', author: 'Admin B' });
		expect((await commentHistory(db(), TARGET)).length).toBe(2);
		expect(await audits()).toBe(2);
	});

	it('lets exactly one of two edits sent at once from the same version through', async () => {
		const results = await Promise.allSettled([
			recordComment(db(), { targetId: TARGET, userId: analyst, expectedVersion: 2, text: 'A 的说明', asOf: null }),
			recordComment(db(), { targetId: TARGET, userId: admin, expectedVersion: 2, text: 'B 的说明', asOf: null })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(CommentConflictError);
		const history = await commentHistory(db(), TARGET);
		expect(history.map((c) => c.version)).toEqual([3, 2, 1]);
		expect(['A 的说明', 'B 的说明']).toContain(history[0].text);
	});

	it('refuses viewers, deactivated analysts, unknown targets and over-long text', async () => {
		await expect(recordComment(db(), { targetId: TARGET, userId: viewer, expectedVersion: 3, text: '我只能看', asOf: null })).rejects.toBeInstanceOf(CommentNotAllowedError);
		const leaver = await createUser(db(), { username: 'cm-leaver', role: 'analyst', password: 'commentary leaver', mustChangePassword: false }, CONSOLE_USER_ID);
		expect(await setUserActive(db(), leaver, false, admin)).toBe('ok');
		await expect(recordComment(db(), { targetId: TARGET, userId: leaver, expectedVersion: 3, text: '已离职', asOf: null })).rejects.toBeInstanceOf(CommentNotAllowedError);
		await expect(recordComment(db(), { targetId: 'no-such-target', userId: analyst, expectedVersion: 0, text: '无', asOf: null })).rejects.toBeInstanceOf(UnknownTargetError);
		// The form refuses 1,001 characters; the database holds the same limit for any other writer.
		const long = '字'.repeat(1001);
		const form = new FormData();
		form.set('text', long);
		form.set('asOf', '');
		form.set('expectedVersion', '3');
		expect(readCommentary(form, '2026-12-01')).toEqual({ ok: false, errors: { text: 'too_long' } });
		await expect(recordComment(db(), { targetId: TARGET, userId: analyst, expectedVersion: 3, text: long, asOf: null })).rejects.toThrow();
		expect((await commentHistory(db(), TARGET)).map((c) => c.version)).toEqual([3, 2, 1]);
		expect(await audits()).toBe(3);
	});

	it('gives a book the version current at its cutoff: an earlier book shows the older note, re-made it says the same', async () => {
		// Version 1 written in mid-2025, version 2 at the start of 2026, version 3 now.
		await backdate(1, '2025-06-15T02:00:00Z');
		await backdate(2, '2026-01-10T02:00:00Z');
		const book = (asOf: string, cutoff = endOfDay(asOf, ZONE)) => bookContent(db(), { asOf, dataCutoff: cutoff, planIds: [PLAN], locale: 'zh' });
		expect((await book('2025-06-14')).comments[TARGET]).toBeUndefined();
		const midYear = await book('2025-06-30');
		expect(midYear.comments[TARGET]).toMatchObject({ version: 1, author: '分析员甲', asOf: '2025-06-30' });
		expect((await book('2026-06-30')).comments[TARGET]).toMatchObject({ version: 2, text: '2024年已达4000亿元以上。' });
		expect((await book('2026-06-30', new Date())).comments[TARGET]?.version).toBe(3);
		// A later version changes nothing in a book as of an earlier day.
		await recordComment(db(), { targetId: TARGET, userId: analyst, expectedVersion: 3, text: '第四版', asOf: null });
		expect((await book('2025-06-30')).comments).toEqual(midYear.comments);
		// The cutoff is the end of the as-of day in the deployment's zone: 16:00 UTC in Shanghai.
		await backdate(1, '2025-06-30T15:59:59Z');
		expect((await book('2025-06-30')).comments[TARGET]?.version).toBe(1);
		await backdate(1, '2025-06-30T16:00:00Z');
		expect((await book('2025-06-30')).comments[TARGET]).toBeUndefined();
	});

	it('puts the current note on the wall beside an at-risk target and moves the screens’ version when it changes', async () => {
		const board = await createBoard(db(), { name: 'cm', locale: 'en', planIds: [PLAN, 'shanghai-biomedicine-full-chain-2024'], headlineTargetIds: [], pages: ['at_risk'], rotationSeconds: 20 }, admin);
		// No catalogue target is at risk today: a (labelled illustrative) 2025 figure far below its path puts the research-bed share behind.
		const [figure] = (await latestVersions(db(), ['sh.research-bed-share'])).filter((o) => o.period === '2025');
		await correctObservation(db(), { observationId: figure.observationId, expectedVersion: figure.version, value: 4.1, provenance: 'illustrative', sourceId: null, reason: 'commentary test: behind', userId: admin });
		const before = await loadBoardPayload(db(), board);
		const target = before.atRisk.find((x) => x.id === 'sh-research-beds')!;
		expect(target).toBeDefined();
		expect(target.comment).toBeNull();
		const text = `Behind because the second batch of approvals slipped to 2027; the office meets the applicants monthly. ${'Details follow. '.repeat(20)}`;
		await recordComment(db(), { targetId: target.id, userId: analyst, expectedVersion: 0, text, asOf: null });
		const after = await loadBoardPayload(db(), board);
		expect(after.version).not.toBe(before.version);
		expect(await screenVersion(db())).toBe(after.version);
		const shown = after.atRisk.find((x) => x.id === target.id)!.comment!;
		expect(shown).toMatchObject({ author: '分析员甲', cut: true, asOf: null });
		expect(shown.text.startsWith('Behind because the second batch of approvals slipped')).toBe(true);
		expect(shown.text.length).toBeLessThan(text.length);
	});
});
