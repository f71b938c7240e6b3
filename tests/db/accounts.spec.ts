import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { changePassword, CONSOLE_USER_ID, createUser, ensureConsoleUser, listUsers, logIn, resetPassword, setRole, setUserActive } from '../../src/lib/server/auth/accounts';
import { createSession, deleteSession, sessionUser } from '../../src/lib/server/auth/sessions';
import { migrateDatabase } from '../../src/lib/server/db/open';
import * as s from '../../src/lib/server/db/schema';
import { backend, createTestDatabase, migrationsDir, type TestDatabase } from './test-database';

describe(`accounts on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase();
		await migrateDatabase(t.handle, migrationsDir);
		await ensureConsoleUser(t.handle.db);
	});
	afterAll(async () => t?.drop());

	it('creates a user with an argon2id hash and audits who did it', async () => {
		const id = await createUser(t.handle.db, { username: 'lin', role: 'analyst', password: 'correct horse', mustChangePassword: false }, CONSOLE_USER_ID);
		const [user] = await t.handle.db.select().from(s.users).where(eq(s.users.id, id));
		expect(user.passwordHash).toMatch(/^\$argon2id\$/);
		const audit = await t.handle.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, id));
		expect(audit.map((a) => [a.userId, a.action])).toEqual([[CONSOLE_USER_ID, 'create']]);
		await expect(createUser(t.handle.db, { username: 'lin', role: 'viewer', password: 'another password', mustChangePassword: false }, CONSOLE_USER_ID)).rejects.toThrow(/taken/);
		await expect(createUser(t.handle.db, { username: 'short', role: 'viewer', password: 'tiny', mustChangePassword: false }, CONSOLE_USER_ID)).rejects.toThrow(/at least 10/);
	});

	it('logs in with the right password only, and slows down repeated failures', async () => {
		expect(await logIn(t.handle.db, 'lin', 'correct horse', '10.0.0.1')).toMatchObject({ ok: true });
		expect(await logIn(t.handle.db, 'lin', 'wrong', '10.0.0.2')).toEqual({ ok: false, reason: 'wrong_credentials' });
		expect(await logIn(t.handle.db, 'lin', 'wrong', '10.0.0.2')).toEqual({ ok: false, reason: 'wrong_credentials' });
		expect(await logIn(t.handle.db, 'lin', 'wrong', '10.0.0.2')).toEqual({ ok: false, reason: 'wrong_credentials' });
		// The fourth failure must wait; even the right password is refused until the wait is over.
		expect(await logIn(t.handle.db, 'lin', 'wrong', '10.0.0.2')).toEqual({ ok: false, reason: 'wait', seconds: 2 });
		expect(await logIn(t.handle.db, 'lin', 'correct horse', '10.0.0.2')).toMatchObject({ ok: false, reason: 'wait' });
		// Another address is not held up by someone else's guessing.
		expect(await logIn(t.handle.db, 'lin', 'correct horse', '10.0.0.3')).toMatchObject({ ok: true });
		expect(await logIn(t.handle.db, 'nobody', 'whatever', '10.0.0.3')).toEqual({ ok: false, reason: 'wrong_credentials' });
		expect(await logIn(t.handle.db, 'console', '', '10.0.0.3')).toEqual({ ok: false, reason: 'wrong_credentials' });
	});

	it('keeps sessions by token hash, ends them on logout and on a password change', async () => {
		const [lin] = await t.handle.db.select().from(s.users).where(eq(s.users.username, 'lin'));
		const first = await createSession(t.handle.db, lin.id);
		const second = await createSession(t.handle.db, lin.id);
		expect(await sessionUser(t.handle.db, first.token)).toMatchObject({ username: 'lin', role: 'analyst' });
		const stored = await t.handle.db.select().from(s.sessions).where(eq(s.sessions.userId, lin.id));
		expect(stored.some((row) => row.tokenHash === first.token)).toBe(false);
		await deleteSession(t.handle.db, first.token);
		expect(await sessionUser(t.handle.db, first.token)).toBeNull();
		expect(await changePassword(t.handle.db, lin.id, 'wrong', 'a new password')).toBe('wrong_current');
		expect(await changePassword(t.handle.db, lin.id, 'correct horse', 'short')).toBe('too_short');
		expect(await changePassword(t.handle.db, lin.id, 'correct horse', 'a new password')).toBe('ok');
		expect(await sessionUser(t.handle.db, second.token)).toBeNull();
		expect(await logIn(t.handle.db, 'lin', 'a new password', '10.0.0.9')).toMatchObject({ ok: true });
		expect(await sessionUser(t.handle.db, 'not-a-token')).toBeNull();
	});

	it('keeps at least one admin, and a reset issues a one-time password that ends old sessions', async () => {
		const boss = await createUser(t.handle.db, { username: 'boss', role: 'admin', password: 'boss password', mustChangePassword: false }, CONSOLE_USER_ID);
		expect(await setRole(t.handle.db, boss, 'viewer', boss)).toBe('last_admin');
		const [lin] = await t.handle.db.select().from(s.users).where(eq(s.users.username, 'lin'));
		expect(await setRole(t.handle.db, lin.id, 'admin', boss)).toBe('ok');
		expect(await setRole(t.handle.db, boss, 'viewer', boss)).toBe('ok');
		const session = await createSession(t.handle.db, lin.id);
		expect(await resetPassword(t.handle.db, lin.id, 'fresh one-time', boss)).toBe(true);
		expect(await sessionUser(t.handle.db, session.token)).toBeNull();
		expect(await logIn(t.handle.db, 'lin', 'fresh one-time', '10.0.0.20')).toMatchObject({ ok: true, mustChangePassword: true });
		const audit = await t.handle.db.select().from(s.auditLog).where(eq(s.auditLog.userId, boss));
		expect(audit.map((a) => a.action).sort()).toEqual(['reset_password', 'set_role', 'set_role']);
	});

	it('deactivates a user: sessions end at once, login refused whatever the password, history kept; reactivation lets them in again', async () => {
		const db = t.handle.db;
		const [lin] = await db.select().from(s.users).where(eq(s.users.username, 'lin'));
		const mei = await createUser(db, { username: 'mei', role: 'analyst', password: 'mei password 1', mustChangePassword: false }, CONSOLE_USER_ID);
		const session = await createSession(db, mei);
		// lin is now the only admin: cannot deactivate themselves, nor be deactivated as the last active admin.
		expect(await setUserActive(db, lin.id, false, lin.id)).toBe('self');
		expect(await setUserActive(db, lin.id, false, CONSOLE_USER_ID)).toBe('last_admin');
		expect(await setUserActive(db, 'no-such-user', false, lin.id)).toBe('not_found');

		expect(await setUserActive(db, mei, false, lin.id)).toBe('ok');
		expect(await sessionUser(db, session.token)).toBeNull();
		expect(await db.select().from(s.sessions).where(eq(s.sessions.userId, mei))).toEqual([]);
		// The same answer for the right and a wrong password: it tells nothing about the password.
		expect(await logIn(db, 'mei', 'mei password 1', '10.0.0.30')).toEqual({ ok: false, reason: 'deactivated' });
		expect(await logIn(db, 'mei', 'not her password', '10.0.0.31')).toEqual({ ok: false, reason: 'deactivated' });
		// A session created some other way is still refused while the account is deactivated.
		const stray = await createSession(db, mei);
		expect(await sessionUser(db, stray.token)).toBeNull();
		const listed = (await listUsers(db)).find((u) => u.id === mei)!;
		expect(listed.displayName).toBe('mei');
		expect(listed.deactivatedAt).toBeInstanceOf(Date);

		expect(await setUserActive(db, mei, true, lin.id)).toBe('ok');
		expect(await logIn(db, 'mei', 'mei password 1', '10.0.0.32')).toMatchObject({ ok: true });
		expect(await sessionUser(db, stray.token)).toMatchObject({ username: 'mei' });

		// A second active admin makes deactivating an admin possible; a deactivated admin does not count as one.
		expect(await setRole(db, mei, 'admin', lin.id)).toBe('ok');
		expect(await setUserActive(db, mei, false, lin.id)).toBe('ok');
		expect(await setRole(db, lin.id, 'viewer', lin.id)).toBe('last_admin');
		expect(await setUserActive(db, lin.id, false, CONSOLE_USER_ID)).toBe('last_admin');
		expect(await setUserActive(db, mei, true, lin.id)).toBe('ok');

		const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.entityId, mei)).orderBy(s.auditLog.id);
		expect(audit.filter((a) => a.action.startsWith('user.')).map((a) => [a.userId, a.action])).toEqual([
			[lin.id, 'user.deactivate'],
			[lin.id, 'user.reactivate'],
			[lin.id, 'user.deactivate'],
			[lin.id, 'user.reactivate']
		]);
	});
});
