/**
 * Sessions in the database: the browser holds a random token in an httpOnly cookie, the table holds
 * its SHA-256. Any instance on the same PostgreSQL server can check any session.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Role } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';

export const SESSION_COOKIE = 'pacer_session';
export const SESSION_DAYS = 30;

export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	/** The unit the person works for: a reporter sees only its round requests. */
	organisationId: string | null;
	mustChangePassword: boolean;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Database, userId: string): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
	await db.insert(s.sessions).values({ tokenHash: digest(token), userId, expiresAt });
	// Expired sessions of this user are of no use to anyone.
	await db.delete(s.sessions).where(and(eq(s.sessions.userId, userId), lt(s.sessions.expiresAt, new Date())));
	return { token, expiresAt };
}

/** The user a session token belongs to, or null when it is unknown or expired. */
export async function sessionUser(db: Database, token: string | undefined): Promise<SessionUser | null> {
	if (!token) return null;
	const [row] = await db
		.select({
			id: s.users.id,
			username: s.users.username,
			displayName: s.users.displayName,
			role: s.users.role,
			organisationId: s.users.organisationId,
			mustChangePassword: s.users.mustChangePassword
		})
		.from(s.sessions)
		.innerJoin(s.users, eq(s.users.id, s.sessions.userId))
		// A deactivated account's sessions are deleted with it; the check here also covers a race with that delete.
		.where(and(eq(s.sessions.tokenHash, digest(token)), gt(s.sessions.expiresAt, new Date()), isNull(s.users.deactivatedAt)));
	return row ?? null;
}

export async function deleteSession(db: Database, token: string | undefined): Promise<void> {
	if (token) await db.delete(s.sessions).where(eq(s.sessions.tokenHash, digest(token)));
}
