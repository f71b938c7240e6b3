/** Wall-screen boards: created, edited, their display tokens rotated and revoked. Every write is audited. */
import { headlineCandidate, type BoardChoicePlan } from '../../domain/board';
import { listPlansWithTargets } from './plans';
import { randomBytes, randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { BoardSettings } from '../../domain/board';
import type { Database } from '../db/open';
import * as s from '../db/schema';

export type Board = typeof s.boards.$inferSelect;

/** 24 random bytes: the URL is the only secret between the display and the board. */
export const newBoardToken = () => randomBytes(24).toString('base64url');

export function listBoards(db: Database): Promise<Board[]> {
	return db.select().from(s.boards).orderBy(asc(s.boards.name), asc(s.boards.createdAt));
}

export async function boardById(db: Database, id: string): Promise<Board | null> {
	const [board] = await db.select().from(s.boards).where(eq(s.boards.id, id));
	return board ?? null;
}

/** The board a display's token opens; null for an unknown or revoked token. */
export async function boardByToken(db: Database, token: string): Promise<Board | null> {
	// Tokens are base64url; anything else cannot be one, and never reaches the database.
	if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
	const [board] = await db.select().from(s.boards).where(eq(s.boards.token, token));
	return board ?? null;
}

export async function createBoard(db: Database, settings: BoardSettings, authorId: string): Promise<Board> {
	return db.transaction(async (tx) => {
		const [board] = await tx
			.insert(s.boards)
			.values({ id: randomUUID(), ...settings, token: newBoardToken(), createdBy: authorId, updatedBy: authorId })
			.returning();
		await tx.insert(s.auditLog).values({ userId: authorId, action: 'board.create', entity: 'board', entityId: board.id, detail: { ...settings } });
		return board;
	});
}

export async function updateBoard(db: Database, id: string, settings: BoardSettings, authorId: string): Promise<Board | null> {
	return db.transaction(async (tx) => {
		const [board] = await tx
			.update(s.boards)
			.set({ ...settings, updatedBy: authorId, updatedAt: new Date() })
			.where(eq(s.boards.id, id))
			.returning();
		if (!board) return null;
		await tx.insert(s.auditLog).values({ userId: authorId, action: 'board.update', entity: 'board', entityId: id, detail: { ...settings } });
		return board;
	});
}

/**
 * Gives the board a new token (also after a revoke): the old URL stops working at once, on every
 * instance, since each request and each live stream looks the token up again.
 */
export async function rotateBoardToken(db: Database, id: string, authorId: string): Promise<Board | null> {
	return setToken(db, id, newBoardToken(), 'board.rotate_token', authorId);
}

/** Takes the board off every display: its URL is refused until a new token is issued. */
export async function revokeBoardToken(db: Database, id: string, authorId: string): Promise<Board | null> {
	return setToken(db, id, null, 'board.revoke_token', authorId);
}

async function setToken(db: Database, id: string, token: string | null, action: string, authorId: string) {
	return db.transaction(async (tx) => {
		const [board] = await tx.update(s.boards).set({ token, updatedBy: authorId, updatedAt: new Date() }).where(eq(s.boards.id, id)).returning();
		if (!board) return null;
		// The token itself is not written to the log: the log is readable by more people than the URL should be.
		await tx.insert(s.auditLog).values({ userId: authorId, action, entity: 'board', entityId: id, detail: {} });
		return board;
	});
}


export type { BoardChoicePlan } from '../../domain/board';

/** The plans and targets an admin can put on a board, in the reader's language, judged as the wall judges them. */
export async function boardChoices(db: Database, locale: 'zh' | 'en'): Promise<BoardChoicePlan[]> {
	const plans = await listPlansWithTargets(db, locale);
	return plans.map((p) => ({
		id: p.id,
		title: p.title,
		targets: p.targets.map((t) => ({ ...headlineCandidate(t), title: t.title, status: t.evaluation.verdict.status }))
	}));
}

/** What readBoardSettings checks choices against. */
export function choiceSets(plans: BoardChoicePlan[]) {
	return { planIds: plans.map((p) => p.id), targetPlan: new Map(plans.flatMap((p) => p.targets.map((t) => [t.id, p.id] as const))) };
}
