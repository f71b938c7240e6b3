/**
 * The read API's server side on the backend under test: personal access tokens (stored only as a
 * hash, revocable, expiring, dead with their deactivated owner, audited) and the as-of reads (a
 * figure corrected today is not in an answer as of yesterday; plans not yet published are absent).
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { CONSOLE_USER_ID, createUser, ensureConsoleUser, setUserActive } from '../../src/lib/server/auth/accounts';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import * as s from '../../src/lib/server/db/schema';
import { createApiToken, listApiTokens, revokeApiToken, tokenUser } from '../../src/lib/server/api/tokens';
import { figuresAsOf, planAsOf, plansAsOf, sourcesAsOf, targetAsOf, targetsAsOf, type AsOf } from '../../src/lib/server/api/reads';
import { correctObservation, latestVersions } from '../../src/lib/server/queries/observations';
import { judgePlans } from '../../src/lib/server/queries/plans';
import { addDays, endOfLocalDay, todayIn } from '../../src/lib/domain/dates';
import { deploymentTimeZone } from '../../src/lib/server/config';
import { apiPlanDetail, apiTarget, apiFigure } from '../../src/lib/domain/api';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe(`read API on ${backend}`, () => {
	let t: TestDatabase;
	let analyst: string;
	let viewer: string;
	beforeAll(async () => {
		t = await createMigratedDatabase();
		await seedCatalogue(t.handle.db, loadCatalogue(path.resolve('catalogue')));
		await ensureConsoleUser(t.handle.db);
		analyst = await createUser(t.handle.db, { username: 'api-analyst', role: 'analyst', password: 'analyst password', mustChangePassword: false }, CONSOLE_USER_ID);
		viewer = await createUser(t.handle.db, { username: 'api-viewer', role: 'viewer', password: 'viewer password', mustChangePassword: false }, CONSOLE_USER_ID);
	});
	afterAll(async () => t?.drop());

	it('stores a token only as its SHA-256, reads as its owner, and records the use without an audit row per request', async () => {
		const db = t.handle.db;
		const made = await createApiToken(db, CONSOLE_USER_ID, { userId: viewer, name: 'statistics bureau', expiresAt: null });
		if (!made.ok) throw new Error(made.error);
		expect(made.token).toMatch(/^pacer_[A-Za-z0-9_-]{43}$/);
		const [row] = await db.select().from(s.apiTokens).where(eq(s.apiTokens.id, made.id));
		expect(row.tokenHash).toBe(sha256(made.token));
		// The plain token is nowhere in the database.
		const dump = JSON.stringify(await db.execute(sql`select * from api_tokens`)) + JSON.stringify(await db.select().from(s.auditLog));
		expect(dump).not.toContain(made.token);
		expect(dump).not.toContain(made.token.slice(6));

		const first = new Date('2030-01-01T00:00:00Z');
		expect(await tokenUser(db, made.token, first)).toMatchObject({ tokenId: made.id, user: { id: viewer, role: 'viewer' } });
		const auditBefore = (await db.select().from(s.auditLog)).length;
		await tokenUser(db, made.token, new Date(first.getTime() + 10_000));
		const [used] = await db.select().from(s.apiTokens).where(eq(s.apiTokens.id, made.id));
		// Within a minute of the recorded use: not written again.
		expect(used.lastUsedAt?.toISOString()).toBe(first.toISOString());
		await tokenUser(db, made.token, new Date(first.getTime() + 61_000));
		const [later] = await db.select().from(s.apiTokens).where(eq(s.apiTokens.id, made.id));
		expect(later.lastUsedAt?.toISOString()).toBe(new Date(first.getTime() + 61_000).toISOString());
		expect((await db.select().from(s.auditLog)).length).toBe(auditBefore);

		expect(await tokenUser(db, made.token.slice(0, -1) + (made.token.endsWith('A') ? 'B' : 'A'))).toBeNull();
		expect(await tokenUser(db, 'not-a-token')).toBeNull();
		expect(await tokenUser(db, row.tokenHash)).toBeNull();
	});

	it('revokes at once, audits creation and revocation, and refuses expired tokens and deactivated owners', async () => {
		const db = t.handle.db;
		const made = await createApiToken(db, CONSOLE_USER_ID, { userId: analyst, name: 'dashboard', expiresAt: null });
		if (!made.ok) throw new Error(made.error);
		expect(await tokenUser(db, made.token)).not.toBeNull();
		expect(await revokeApiToken(db, CONSOLE_USER_ID, made.id)).toBe('ok');
		expect(await tokenUser(db, made.token)).toBeNull();
		expect(await revokeApiToken(db, CONSOLE_USER_ID, made.id)).toBe('not_found');
		const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.entityId, made.id));
		expect(audit.map((a) => [a.action, a.userId])).toEqual([
			['api_token.create', CONSOLE_USER_ID],
			['api_token.revoke', CONSOLE_USER_ID]
		]);

		const expiring = await createApiToken(db, CONSOLE_USER_ID, { userId: analyst, name: 'until 2030', expiresAt: new Date('2030-01-01T00:00:00Z') });
		if (!expiring.ok) throw new Error(expiring.error);
		expect(await tokenUser(db, expiring.token, new Date('2029-12-31T23:59:59Z'))).not.toBeNull();
		expect(await tokenUser(db, expiring.token, new Date('2030-01-01T00:00:01Z'))).toBeNull();

		const owner = await createUser(db, { username: 'api-leaver', role: 'analyst', password: 'leaver password', mustChangePassword: false }, CONSOLE_USER_ID);
		const leaver = await createApiToken(db, CONSOLE_USER_ID, { userId: owner, name: 'leaver', expiresAt: null });
		if (!leaver.ok) throw new Error(leaver.error);
		expect(await tokenUser(db, leaver.token)).not.toBeNull();
		expect(await setUserActive(db, owner, false, CONSOLE_USER_ID)).toBe('ok');
		expect(await tokenUser(db, leaver.token)).toBeNull();
		// A deactivated person, a system account or an unknown id gets no new token.
		expect(await createApiToken(db, CONSOLE_USER_ID, { userId: owner, name: 'x', expiresAt: null })).toEqual({ ok: false, error: 'unknown_user' });
		expect(await createApiToken(db, CONSOLE_USER_ID, { userId: CONSOLE_USER_ID, name: 'x', expiresAt: null })).toEqual({ ok: false, error: 'unknown_user' });
		expect(await createApiToken(db, CONSOLE_USER_ID, { userId: 'nobody', name: 'x', expiresAt: null })).toEqual({ ok: false, error: 'unknown_user' });

		const listed = await listApiTokens(db);
		expect(listed.find((x) => x.id === made.id)).toMatchObject({ name: 'dashboard', owner: { username: 'api-analyst' }, createdBy: 'console' });
		expect(listed.find((x) => x.id === made.id)!.revokedAt).not.toBeNull();
		expect(JSON.stringify(listed)).not.toContain(made.token);
	});

	it('answers as of a day: a figure corrected today is absent yesterday, and the verdicts are the books’ judgement of that day', async () => {
		const db = t.handle.db;
		const zone = deploymentTimeZone();
		const today = todayIn(new Date(), zone);
		const yesterday = addDays(today, -1);
		const past: AsOf = { day: yesterday, cutoff: endOfLocalDay(yesterday, zone), past: true };

		const [target] = await db.select().from(s.targets).where(eq(s.targets.id, 'pd-industry-scale'));
		const [figure] = (await latestVersions(db, [target.indicatorId])).filter((f) => f.value !== null).sort((a, b) => b.periodEnd.localeCompare(a.periodEnd));
		await correctObservation(db, {
			observationId: figure.observationId,
			expectedVersion: figure.version,
			value: figure.value! + 1,
			provenance: figure.provenance,
			sourceId: figure.sourceId,
			reason: 'API as-of test',
			userId: CONSOLE_USER_ID
		});
		const now: AsOf = { day: today, cutoff: new Date(), past: false };
		const before = (await figuresAsOf(db, past, target.indicatorId, target.unit)).find((f) => f.observationId === figure.observationId)!;
		const after = (await figuresAsOf(db, now, target.indicatorId, target.unit)).find((f) => f.observationId === figure.observationId)!;
		expect([before.value, before.version]).toEqual([figure.value, figure.version]);
		expect([after.value, after.version]).toEqual([figure.value! + 1, figure.version + 1]);
		expect(apiFigure.parse(after).source?.id ?? null).toBe(figure.sourceId);

		// The verdict as of a past day is the one judgePlans (books, past overview) gives for it.
		const day = '2024-12-31';
		const at: AsOf = { day, cutoff: endOfLocalDay(day, zone), past: true };
		const [book] = await judgePlans(db, 'en', at.cutoff, [target.planId]);
		const fromBook = book.targets.find((x) => x.id === target.id)!.evaluation.verdict;
		const viaApi = apiTarget.parse(await targetAsOf(db, at, 'en', target.id));
		expect(viaApi.verdict).toEqual({ status: fromBook.status, basis: fromBook.basis, probability: fromBook.probability, pace: fromBook.pace });
		const plan = apiPlanDetail.parse(await planAsOf(db, at, 'en', target.planId, false));
		expect(plan.targets.map((x) => x.id)).toEqual(book.targets.map((x) => x.id));
		expect(plan.summary.total).toBe(book.targets.length);

		// Paging today counts every match and reads one page.
		const all = await targetsAsOf(db, now, 'zh', {}, { limit: 500, offset: 0 });
		const second = await targetsAsOf(db, now, 'zh', {}, { limit: 5, offset: 5 });
		expect(second.total).toBe(all.total);
		expect(second.items.map((x) => x.id)).toEqual(all.items.slice(5, 10).map((x) => x.id));
		const illustrative = await targetsAsOf(db, now, 'zh', { basis: 'illustrative' }, { limit: 500, offset: 0 });
		expect(illustrative.items.every((x) => x.verdict.basis === 'illustrative')).toBe(true);
		expect(illustrative.total).toBe(all.items.filter((x) => x.verdict.basis === 'illustrative').length);
	});

	it('leaves out plans not yet published and sources not yet cited as of a day; drafts only for those who may read them', async () => {
		const db = t.handle.db;
		const zone = deploymentTimeZone();
		const plans = await plansAsOf(db, { day: todayIn(new Date(), zone), cutoff: new Date(), past: false }, 'zh', 'published');
		expect(plans.length).toBeGreaterThanOrEqual(2);
		const early = '2022-01-01';
		const then = await plansAsOf(db, { day: early, cutoff: endOfLocalDay(early, zone), past: true }, 'zh', 'published');
		expect(then.every((p) => p.issuedOn <= early)).toBe(true);
		expect(then.length).toBeLessThan(plans.length);
		const sourcesThen = await sourcesAsOf(db, { day: early, cutoff: endOfLocalDay(early, zone), past: true });
		const sourcesNow = await sourcesAsOf(db, { day: todayIn(new Date(), zone), cutoff: new Date(), past: false });
		expect(sourcesThen.length).toBeLessThan(sourcesNow.length);
		expect(sourcesThen.every((x) => x.figureCount > 0)).toBe(true);

		await db.insert(s.plans).values({
			id: 'api-draft',
			titleZh: '草案',
			titleEn: 'A draft',
			issuerZh: '某部门',
			issuerEn: 'Some office',
			areaZh: '上海',
			areaEn: 'Shanghai',
			issuedOn: '2026-01-01',
			effectiveFrom: '2026-01-01',
			sourceNoteZh: '测试',
			sourceNoteEn: 'test',
			sourceText: '草案',
			status: 'draft'
		});
		const at: AsOf = { day: todayIn(new Date(), zone), cutoff: new Date(), past: false };
		expect((await plansAsOf(db, at, 'en', 'published')).some((p) => p.id === 'api-draft')).toBe(false);
		expect((await plansAsOf(db, at, 'en', 'draft')).map((p) => p.id)).toEqual(['api-draft']);
		expect(await planAsOf(db, at, 'en', 'api-draft', false)).toBeNull();
		expect(await planAsOf(db, at, 'en', 'api-draft', true)).toMatchObject({ id: 'api-draft', status: 'draft', targets: [] });
	});
});
