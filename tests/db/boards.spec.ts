import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { CATALOGUE_USER_ID } from '../../src/lib/server/catalogue/seed-catalogue';
import * as s from '../../src/lib/server/db/schema';
import { boardById, boardByToken, createBoard, revokeBoardToken, rotateBoardToken, updateBoard } from '../../src/lib/server/queries/boards';
import { exportPlanBundle, importPlanBundle } from '../../src/lib/server/plans/bundle';
import { correctObservation, recentVersions } from '../../src/lib/server/queries/observations';
import { loadBoardPayload, screenVersion } from '../../src/lib/server/screen/live';
import { backend, createSeededDatabase, type TestDatabase } from './test-database';

const PLAN = 'shanghai-biomedicine-full-chain-2024';
const settings = { name: '简报室', locale: 'zh' as const, planIds: [PLAN], headlineTargetIds: [], pages: ['headline' as const, 'changes' as const], rotationSeconds: 20 };

describe(`wall-screen boards on ${backend}`, () => {
	let t: TestDatabase;
	const db = () => t.handle.db;
	beforeAll(async () => {
		t = await createSeededDatabase();
	});
	afterAll(async () => t?.drop());

	it('creates, edits, rotates and revokes a board, each audited, the token never written to the log', async () => {
		const board = await createBoard(db(), settings, CATALOGUE_USER_ID);
		expect(board.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect((await boardByToken(db(), board.token!))?.id).toBe(board.id);
		expect(await boardByToken(db(), 'not a token')).toBeNull();

		await updateBoard(db(), board.id, { ...settings, rotationSeconds: 45 }, CATALOGUE_USER_ID);
		expect((await boardById(db(), board.id))?.rotationSeconds).toBe(45);

		const rotated = await rotateBoardToken(db(), board.id, CATALOGUE_USER_ID);
		expect(rotated?.token).not.toBe(board.token);
		expect(await boardByToken(db(), board.token!)).toBeNull();
		await revokeBoardToken(db(), board.id, CATALOGUE_USER_ID);
		expect(await boardByToken(db(), rotated!.token!)).toBeNull();
		expect((await boardById(db(), board.id))?.token).toBeNull();

		const audit = await db().select().from(s.auditLog).where(eq(s.auditLog.entityId, board.id)).orderBy(s.auditLog.id);
		expect(audit.map((a) => a.action)).toEqual(['board.create', 'board.update', 'board.rotate_token', 'board.revoke_token']);
		expect(JSON.stringify(audit)).not.toContain(board.token!);
		await expect(db().insert(s.boards).values({ ...settings, id: 'x', rotationSeconds: 2, createdBy: CATALOGUE_USER_ID, updatedBy: CATALOGUE_USER_ID })).rejects.toThrow();
	});

	it("builds the payload from the board's plan only, and a correction moves its version and shows in the changes", async () => {
		const board = await createBoard(db(), settings, CATALOGUE_USER_ID);
		const before = await loadBoardPayload(db(), board);
		expect(before.plans.map((p) => p.id)).toEqual([PLAN]);
		expect(JSON.stringify(before)).not.toContain('pudong-biomedicine');
		expect(before.version).toBe(await screenVersion(db()));

		const [target] = await db().select().from(s.targets).where(eq(s.targets.id, 'sh-research-beds'));
		const [latest] = await recentVersions(db(), [target.indicatorId], 1);
		await correctObservation(db(), { observationId: latest.observationId, expectedVersion: latest.version, value: 7.7, provenance: 'illustrative', sourceId: null, reason: 'test', userId: CATALOGUE_USER_ID });
		const [corrected] = await recentVersions(db(), [target.indicatorId], 1);
		expect(corrected).toMatchObject({ value: 7.7, previousValue: latest.value, version: latest.version + 1, unit: '%' });

		const after = await loadBoardPayload(db(), board);
		expect(after.version).not.toBe(before.version);
		expect(after.changes[0]).toMatchObject({ id: corrected.id, value: 7.7, previousValue: latest.value });
		expect(after.headline.find((h) => h.id === 'sh-research-beds')?.latest?.value).toBe(7.7);
	});

	it('names units by their short names on the wall, the full name kept, and a bundle import leaves them alone', async () => {
		const [science] = await db().select().from(s.organisations).where(eq(s.organisations.id, 'sh-science'));
		expect([science.nameEn, science.shortNameZh, science.shortNameEn]).toEqual(['Shanghai Science and Technology Commission', '市科委', 'Shanghai Sci. & Tech.']);
		// A bundle names units without short names; importing the plan again must not erase them.
		const bundle = (await exportPlanBundle(db(), PLAN))!;
		await importPlanBundle(db(), CATALOGUE_USER_ID, bundle);
		const [again] = await db().select().from(s.organisations).where(eq(s.organisations.id, 'sh-science'));
		expect(again.shortNameEn).toBe('Shanghai Sci. & Tech.');

		const board = await createBoard(db(), { ...settings, locale: 'en', pages: ['behind'] }, CATALOGUE_USER_ID);
		const payload = await loadBoardPayload(db(), board);
		const unit = payload.behind.find((u) => u.id === 'sh-science')!;
		expect([unit.name, unit.shortName]).toEqual(['Shanghai Science and Technology Commission', 'Shanghai Sci. & Tech.']);
	});

	it('by default puts real figures of each plan on the headline page, Pudong 4000亿 among them, with short links', async () => {
		const board = await createBoard(db(), { ...settings, planIds: ['pudong-biomedicine-2022-2024', PLAN], pages: ['headline', 'at_risk'] }, CATALOGUE_USER_ID);
		const payload = await loadBoardPayload(db(), board);
		const ids = payload.headline.map((t) => t.id);
		expect(ids).toHaveLength(6);
		expect(ids).toContain('pd-industry-scale');
		expect(ids.filter((id) => id.startsWith('pd-')).length).toBeGreaterThanOrEqual(2);
		expect(ids.filter((id) => id.startsWith('sh-')).length).toBeGreaterThanOrEqual(2);
		expect(payload.headline.find((t) => t.id === 'pd-industry-scale')?.basis).not.toBe('illustrative');
		expect(payload.headline[0].link.path).toBe(`/t/${ids[0]}`);
		expect(payload.atRiskCount).toBe(payload.atRisk.length);
	});
});
