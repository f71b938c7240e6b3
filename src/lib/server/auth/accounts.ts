/** Accounts: creating users, logging in with slow-down after failures, changing passwords. Every change is audited. */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '../../domain/plan';
import { LOGIN_FAILURE_MEMORY_SECONDS, loginDelaySeconds, MIN_PASSWORD_LENGTH } from '../../domain/roles';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { hashPassword, verifyPassword } from './passwords';

/** The author of changes made with `npm run user` on the server's own console. */
export const CONSOLE_USER_ID = 'console';

export class AccountError extends Error {
	constructor(
		readonly code: 'username_taken' | 'password_too_short' | 'bad_username' | 'reporter_needs_unit',
		message: string
	) {
		super(message);
	}
}

export async function ensureConsoleUser(db: Database) {
	await db
		.insert(s.users)
		.values({ id: CONSOLE_USER_ID, username: 'console', displayName: 'Server console (npm run user)', role: 'admin', isSystem: true })
		.onConflictDoNothing();
}

export async function createUser(
	db: Database,
	account: { username: string; displayName?: string; role: Role; password: string; mustChangePassword: boolean; organisationId?: string | null },
	authorId: string
): Promise<string> {
	// A reporter answers for one unit's requests: without a unit they could see none.
	if (account.role === 'reporter' && !account.organisationId) throw new AccountError('reporter_needs_unit', 'a reporter needs a unit');
	if (!/^[\p{L}\p{N}._-]{2,40}$/u.test(account.username)) {
		throw new AccountError('bad_username', 'a username has 2-40 letters, digits, dots, dashes or underscores');
	}
	if (account.password.length < MIN_PASSWORD_LENGTH) {
		throw new AccountError('password_too_short', `a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
	}
	const passwordHash = await hashPassword(account.password);
	return db.transaction(async (tx) => {
		const [taken] = await tx.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, account.username));
		if (taken) throw new AccountError('username_taken', `the username "${account.username}" is taken`);
		const id = randomUUID();
		await tx.insert(s.users).values({
			id,
			username: account.username,
			displayName: account.displayName ?? account.username,
			role: account.role,
			passwordHash,
			mustChangePassword: account.mustChangePassword,
			organisationId: account.organisationId ?? null
		});
		await tx.insert(s.auditLog).values({ userId: authorId, action: 'create', entity: 'user', entityId: id, detail: { username: account.username, role: account.role, organisationId: account.organisationId ?? null } });
		return id;
	});
}

export type LoginOutcome =
	| { ok: true; userId: string; mustChangePassword: boolean }
	| { ok: false; reason: 'wrong_credentials' | 'deactivated' }
	| { ok: false; reason: 'wait'; seconds: number };

/**
 * Checks a username and password. Failures are counted per username and address; after a few,
 * each attempt must wait longer (see loginDelaySeconds), on every instance alike.
 */
export async function logIn(db: Database, username: string, password: string, address: string): Promise<LoginOutcome> {
	const key = `${username.toLowerCase()}|${address}`;
	const admitted = await countAttempt(db, key, Date.now());
	if (!admitted.ok) return admitted;
	const [user] = await db.select().from(s.users).where(eq(s.users.username, username));
	// A hash is checked even for an unknown user, so timing does not tell which usernames exist.
	const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
	// Said whatever password was typed: the answer must not tell whether it was right.
	if (user && !user.isSystem && user.deactivatedAt) return { ok: false, reason: 'deactivated' };
	if (!user || user.isSystem || !user.passwordHash || !valid) {
		const seconds = loginDelaySeconds(admitted.failures);
		return seconds > 0 ? { ok: false, reason: 'wait', seconds } : { ok: false, reason: 'wrong_credentials' };
	}
	await db.delete(s.loginFailures).where(eq(s.loginFailures.key, key));
	await db.insert(s.auditLog).values({ userId: user.id, action: 'login', entity: 'user', entityId: user.id, detail: { address } });
	return { ok: true, userId: user.id, mustChangePassword: user.mustChangePassword };
}

/**
 * Counts an attempt as a failure before its password is checked, under a row lock, so attempts sent
 * at once are counted one after another: when 40 arrive together, only the free ones are checked
 * and the rest must wait. A right password then clears the count. Answers how many failures the
 * key now has, or how long to wait (an attempt refused for waiting is not counted).
 */
async function countAttempt(db: Database, key: string, now: number): Promise<{ ok: true; failures: number } | { ok: false; reason: 'wait'; seconds: number }> {
	return db.transaction(async (tx) => {
		await tx.insert(s.loginFailures).values({ key, failures: 0, lastFailureAt: new Date(now) }).onConflictDoNothing();
		const [row] = await tx.select().from(s.loginFailures).where(eq(s.loginFailures.key, key)).for('update');
		const remembered = now - row.lastFailureAt.getTime() < LOGIN_FAILURE_MEMORY_SECONDS * 1000 ? row.failures : 0;
		if (remembered > 0) {
			const waitUntil = row.lastFailureAt.getTime() + loginDelaySeconds(remembered) * 1000;
			if (waitUntil > now) return { ok: false as const, reason: 'wait' as const, seconds: Math.ceil((waitUntil - now) / 1000) };
		}
		const [counted] = await tx
			.update(s.loginFailures)
			.set({ failures: remembered + 1, lastFailureAt: new Date(now) })
			.where(eq(s.loginFailures.key, key))
			.returning({ failures: s.loginFailures.failures });
		return { ok: true as const, failures: counted.failures };
	});
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpg';

export async function changePassword(db: Database, userId: string, current: string, next: string): Promise<'ok' | 'wrong_current' | 'too_short'> {
	const [user] = await db.select().from(s.users).where(eq(s.users.id, userId));
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) return 'wrong_current';
	if (next.length < MIN_PASSWORD_LENGTH) return 'too_short';
	const passwordHash = await hashPassword(next);
	await db.transaction(async (tx) => {
		await tx.update(s.users).set({ passwordHash, mustChangePassword: false }).where(eq(s.users.id, userId));
		// Other sessions of this user end: a changed password should lock out whoever knew the old one.
		await tx.execute(sql`delete from sessions where user_id = ${userId}`);
		await tx.insert(s.auditLog).values({ userId, action: 'change_password', entity: 'user', entityId: userId, detail: {} });
	});
	return 'ok';
}

export async function listUsers(db: Database) {
	return db
		.select({
			id: s.users.id,
			username: s.users.username,
			displayName: s.users.displayName,
			role: s.users.role,
			organisationId: s.users.organisationId,
			email: s.users.email,
			mustChangePassword: s.users.mustChangePassword,
			deactivatedAt: s.users.deactivatedAt,
			createdAt: s.users.createdAt
		})
		.from(s.users)
		.where(eq(s.users.isSystem, false))
		.orderBy(s.users.username);
}

/** Changes a role; the last admin cannot be demoted, or no one could manage users any more. */
export async function setRole(db: Database, userId: string, role: Role, authorId: string): Promise<'ok' | 'last_admin' | 'not_found' | 'reporter_needs_unit'> {
	return db.transaction(async (tx) => {
		const [user] = await tx.select().from(s.users).where(eq(s.users.id, userId)).for('update');
		if (!user || user.isSystem) return 'not_found';
		if (role === 'reporter' && !user.organisationId) return 'reporter_needs_unit';
		if (user.role === 'admin' && role !== 'admin' && !user.deactivatedAt && (await activeAdminCount(tx)) <= 1) return 'last_admin';
		await tx.update(s.users).set({ role }).where(eq(s.users.id, userId));
		await tx.insert(s.auditLog).values({ userId: authorId, action: 'set_role', entity: 'user', entityId: userId, detail: { from: user.role, to: role } });
		return 'ok';
	});
}

/** Admins who can still log in: one must always remain, or no one could manage users any more. */
async function activeAdminCount(tx: Transaction): Promise<number> {
	const admins = await tx.select({ id: s.users.id }).from(s.users).where(and(eq(s.users.role, 'admin'), eq(s.users.isSystem, false), isNull(s.users.deactivatedAt)));
	return admins.length;
}

export type ActivationOutcome = 'ok' | 'not_found' | 'self' | 'last_admin';

/**
 * Deactivates an account (its sessions end in the same transaction, so its next request is a
 * visitor's) or reactivates it. Nothing of its history is touched: figures and the audit log keep its name.
 */
export async function setUserActive(db: Database, userId: string, active: boolean, authorId: string): Promise<ActivationOutcome> {
	if (!active && userId === authorId) return 'self';
	return db.transaction(async (tx) => {
		const [user] = await tx.select().from(s.users).where(eq(s.users.id, userId)).for('update');
		if (!user || user.isSystem) return 'not_found';
		if (active === !user.deactivatedAt) return 'ok';
		if (!active && user.role === 'admin' && (await activeAdminCount(tx)) <= 1) return 'last_admin';
		await tx.update(s.users).set({ deactivatedAt: active ? null : new Date() }).where(eq(s.users.id, userId));
		if (!active) await tx.delete(s.sessions).where(eq(s.sessions.userId, userId));
		await tx.insert(s.auditLog).values({ userId: authorId, action: active ? 'user.reactivate' : 'user.deactivate', entity: 'user', entityId: userId, detail: { username: user.username } });
		return 'ok';
	});
}

/** Issues a new one-time password: the old one and every session stop working. */
export async function resetPassword(db: Database, userId: string, password: string, authorId: string): Promise<boolean> {
	const passwordHash = await hashPassword(password);
	return db.transaction(async (tx) => {
		const [user] = await tx.select().from(s.users).where(eq(s.users.id, userId));
		if (!user || user.isSystem) return false;
		await tx.update(s.users).set({ passwordHash, mustChangePassword: true }).where(eq(s.users.id, userId));
		await tx.execute(sql`delete from sessions where user_id = ${userId}`);
		await tx.insert(s.auditLog).values({ userId: authorId, action: 'reset_password', entity: 'user', entityId: userId, detail: {} });
		return true;
	});
}

/** Sets the unit a person works for (null: none), audited. */
export async function setUserOrganisation(db: Database, userId: string, organisationId: string | null, authorId: string): Promise<'ok' | 'not_found' | 'reporter_needs_unit'> {
	return db.transaction(async (tx) => {
		const [user] = await tx.select().from(s.users).where(eq(s.users.id, userId)).for('update');
		if (!user || user.isSystem) return 'not_found';
		if (user.role === 'reporter' && organisationId === null) return 'reporter_needs_unit';
		if (organisationId !== null) {
			const [unit] = await tx.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.id, organisationId));
			if (!unit) return 'not_found';
		}
		await tx.update(s.users).set({ organisationId }).where(eq(s.users.id, userId));
		await tx.insert(s.auditLog).values({
			userId: authorId,
			action: 'user.organisation',
			entity: 'user',
			entityId: userId,
			detail: { from: user.organisationId, to: organisationId }
		});
		return 'ok';
	});
}
