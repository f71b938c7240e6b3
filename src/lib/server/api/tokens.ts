/**
 * Personal access tokens for the read API. An admin makes one for a person; it reads with that
 * person's role, the same rules as their pages. The secret is 32 random bytes shown once; the table
 * keeps its SHA-256 (as sessions do), so a leaked table lets no one in. Creating and revoking are
 * audited; a use only moves `last_used_at` (at most once a minute), not one audit row per request.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import type { ApiTokenForm } from '../../domain/api';

/** Recognisable in logs and secret scanners; the rest is the secret. */
export const TOKEN_PREFIX = 'pacer_';

/** A use within this long of the last recorded one is not written again. */
const LAST_USED_RESOLUTION_MS = 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ApiTokenRow {
	id: string;
	name: string;
	owner: { id: string; username: string; displayName: string; role: SessionUser['role']; deactivated: boolean };
	createdBy: string;
	createdAt: Date;
	lastUsedAt: Date | null;
	expiresAt: Date | null;
	revokedAt: Date | null;
}

export type CreateTokenOutcome = { ok: true; id: string; token: string } | { ok: false; error: 'unknown_user' };

/** Makes a token for `form.userId`; the plain token is in the answer and nowhere else. */
export async function createApiToken(db: Database, authorId: string, form: ApiTokenForm): Promise<CreateTokenOutcome> {
	return db.transaction(async (tx) => {
		const [owner] = await tx
			.select({ id: s.users.id })
			.from(s.users)
			.where(and(eq(s.users.id, form.userId), eq(s.users.isSystem, false), isNull(s.users.deactivatedAt)));
		if (!owner) return { ok: false as const, error: 'unknown_user' as const };
		const id = randomUUID();
		const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
		await tx.insert(s.apiTokens).values({ id, userId: owner.id, name: form.name, tokenHash: digest(token), createdBy: authorId, expiresAt: form.expiresAt });
		await tx.insert(s.auditLog).values({
			userId: authorId,
			action: 'api_token.create',
			entity: 'api_token',
			entityId: id,
			detail: { owner: owner.id, name: form.name, expiresAt: form.expiresAt?.toISOString() ?? null }
		});
		return { ok: true as const, id, token };
	});
}

/** Revokes a token at once, on every instance (the next request reads the row). */
export async function revokeApiToken(db: Database, authorId: string, tokenId: string, now = new Date()): Promise<'ok' | 'not_found'> {
	return db.transaction(async (tx) => {
		const [revoked] = await tx
			.update(s.apiTokens)
			.set({ revokedAt: now, revokedBy: authorId })
			.where(and(eq(s.apiTokens.id, tokenId), isNull(s.apiTokens.revokedAt)))
			.returning({ id: s.apiTokens.id, name: s.apiTokens.name, owner: s.apiTokens.userId });
		if (!revoked) return 'not_found' as const;
		await tx.insert(s.auditLog).values({ userId: authorId, action: 'api_token.revoke', entity: 'api_token', entityId: revoked.id, detail: { owner: revoked.owner, name: revoked.name } });
		return 'ok' as const;
	});
}

/** Every token, newest first, with its owner: for the admins' page. Never the secret or its hash. */
export async function listApiTokens(db: Database): Promise<ApiTokenRow[]> {
	const t = s.apiTokens;
	const author = sql<string>`(select username from users a where a.id = ${t.createdBy})`;
	const rows = await db
		.select({
			id: t.id,
			name: t.name,
			ownerId: s.users.id,
			username: s.users.username,
			displayName: s.users.displayName,
			role: s.users.role,
			deactivatedAt: s.users.deactivatedAt,
			createdBy: author,
			createdAt: t.createdAt,
			lastUsedAt: t.lastUsedAt,
			expiresAt: t.expiresAt,
			revokedAt: t.revokedAt
		})
		.from(t)
		.innerJoin(s.users, eq(s.users.id, t.userId))
		.orderBy(desc(t.createdAt), t.id);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		owner: { id: r.ownerId, username: r.username, displayName: r.displayName, role: r.role, deactivated: r.deactivatedAt !== null },
		createdBy: r.createdBy,
		createdAt: r.createdAt,
		lastUsedAt: r.lastUsedAt,
		expiresAt: r.expiresAt,
		revokedAt: r.revokedAt
	}));
}

/** The person a token reads as, and the token's id (the rate limit's key); null when unknown, revoked, expired or its owner deactivated. */
export async function tokenUser(db: Database, token: string, now = new Date()): Promise<{ tokenId: string; user: SessionUser } | null> {
	if (!token.startsWith(TOKEN_PREFIX)) return null;
	const t = s.apiTokens;
	const [row] = await db
		.select({
			tokenId: t.id,
			lastUsedAt: t.lastUsedAt,
			id: s.users.id,
			username: s.users.username,
			displayName: s.users.displayName,
			role: s.users.role,
			organisationId: s.users.organisationId
		})
		.from(t)
		.innerJoin(s.users, eq(s.users.id, t.userId))
		.where(
			and(
				eq(t.tokenHash, digest(token)),
				isNull(t.revokedAt),
				sql`(${t.expiresAt} is null or ${t.expiresAt} > ${now.toISOString()})`,
				isNull(s.users.deactivatedAt),
				eq(s.users.isSystem, false)
			)
		);
	if (!row) return null;
	if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
		await db.update(t).set({ lastUsedAt: now }).where(eq(t.id, row.tokenId));
	}
	const { tokenId, id, username, displayName, role, organisationId } = row;
	// A token is not a password: the owner's pending password change does not stop it.
	return { tokenId, user: { id, username, displayName, role, organisationId, mustChangePassword: false } };
}
