import { fail } from '@sveltejs/kit';
import { ROLES, type Role } from '$lib/domain/plan';
import { AccountError, createUser, listUsers, resetPassword, setRole, setUserActive, setUserOrganisation } from '$lib/server/auth/accounts';
import { listOrganisations } from '$lib/server/queries/tasks';
import { requireRole } from '$lib/server/auth/guard';
import { generatePassword } from '$lib/server/auth/passwords';
import { database } from '$lib/server/db';
import { emailField } from '$lib/domain/alerts';
import { setUserEmail } from '$lib/server/alerts/settings';
import type { Actions, PageServerLoad } from './$types';

const roleOf = (value: FormDataEntryValue | null): Role | null => (ROLES.includes(value as Role) ? (value as Role) : null);

export const load = (async ({ locals, url }) => {
	requireRole(locals.user, 'admin', url);
	const { db } = await database();
	return { users: await listUsers(db), organisations: await listOrganisations(db, locals.locale) };
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const role = roleOf(form.get('role'));
		if (!role) return fail(400, { action: 'create' as const, error: 'bad_role' as const, username });
		const password = generatePassword();
		const { db } = await database();
		const organisationId = String(form.get('organisationId') ?? '') || null;
		if (organisationId && !(await listOrganisations(db, locals.locale)).some((o) => o.id === organisationId)) {
			return fail(400, { action: 'create' as const, error: 'not_found' as const, username });
		}
		try {
			await createUser(db, { username, displayName: String(form.get('displayName') ?? '').trim() || username, role, password, mustChangePassword: true, organisationId }, admin.id);
		} catch (e) {
			if (e instanceof AccountError) return fail(400, { action: 'create' as const, error: e.code, username });
			throw e;
		}
		return { action: 'create' as const, username, password };
	},
	role: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const role = roleOf(form.get('role'));
		if (!role) return fail(400, { action: 'role' as const, error: 'bad_role' as const });
		const { db } = await database();
		const outcome = await setRole(db, String(form.get('userId')), role, admin.id);
		return outcome === 'ok' ? { action: 'role' as const, saved: true } : fail(400, { action: 'role' as const, error: outcome });
	},
	/** The unit a person works for: its behind tasks and overdue indicators become theirs. */
	unit: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const { db } = await database();
		const outcome = await setUserOrganisation(db, String(form.get('userId')), String(form.get('organisationId') ?? '') || null, admin.id);
		return outcome === 'ok' ? { action: 'unit' as const, saved: true } : fail(400, { action: 'unit' as const, error: outcome });
	},
	/** Deactivates (active=false) or reactivates an account; its sessions end at once when deactivated. */
	active: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const active = String(form.get('active') ?? '');
		if (active !== 'true' && active !== 'false') return fail(400, { action: 'active' as const, error: 'not_found' as const });
		const { db } = await database();
		const outcome = await setUserActive(db, String(form.get('userId') ?? ''), active === 'true', admin.id);
		return outcome === 'ok' ? { action: 'active' as const, saved: true } : fail(400, { action: 'active' as const, error: outcome });
	},
	/** The address alerts and books are mailed to. */
	email: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const parsed = emailField.safeParse(String(form.get('email') ?? ''));
		if (!parsed.success) return fail(400, { action: 'email' as const, error: 'email' as const, userId: String(form.get('userId')) });
		const { db } = await database();
		const outcome = await setUserEmail(db, String(form.get('userId')), parsed.data, admin.id);
		return outcome === 'ok' ? { action: 'email' as const, saved: true } : fail(400, { action: 'email' as const, error: outcome });
	},
	reset: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const password = generatePassword();
		const { db } = await database();
		const ok = await resetPassword(db, String(form.get('userId')), password, admin.id);
		if (!ok) return fail(400, { action: 'reset' as const, error: 'not_found' as const });
		return { action: 'reset' as const, username: String(form.get('username') ?? ''), password };
	}
} satisfies Actions;
