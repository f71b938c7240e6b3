import { env } from '$env/dynamic/private';
import { error, fail } from '@sveltejs/kit';
import { readConfig, deploymentTimeZone } from '$lib/server/config';
import { database } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { listUsers } from '$lib/server/auth/accounts';
import { hasRole } from '$lib/domain/roles';
import { todayIn } from '$lib/domain/dates';
import { organisationSummaries, tasksNow } from '$lib/server/queries/tasks';
import { organisationHead, setOrganisationHead, unitRequests } from '$lib/server/queries/rounds';
import type { Actions, PageServerLoad } from './$types';

/** One unit: the tasks it leads and supports in every plan, its indicators, its round requests and what is overdue or late. */
export const load = (async ({ params, locals }) => {
	const { db } = await database();
	const { rows, tasks, indicators } = await organisationSummaries(db, await tasksNow(db, locals.locale, readConfig(env).taskStaleDays));
	const summary = rows.find((r) => r.organisationId === params.id);
	if (!summary) error(404, 'organisation not found');
	const role = (task: (typeof tasks)[number]) => task.units.find((u) => u.organisationId === params.id)?.role;
	// Open rounds' requests not yet approved: what the unit still owes (late ones counted on the wall too).
	const requests = (await unitRequests(db, params.id, locals.locale, todayIn(new Date(), deploymentTimeZone()))).filter((r) => r.roundStatus === 'open' && r.status !== 'approved');
	const isAdmin = locals.user !== null && hasRole(locals.user.role, 'admin');
	return {
		summary,
		leads: tasks.filter((t) => role(t) === 'lead'),
		supports: tasks.filter((t) => role(t) === 'support'),
		indicators: indicators.filter((i) => i.owner.organisationId === params.id),
		rounds: { open: requests, late: requests.filter((r) => r.late).length },
		head: await organisationHead(db, params.id),
		// Only admins set the head, so only they get the people to choose from.
		headChoices: isAdmin ? (await listUsers(db)).map((u) => ({ id: u.id, name: `${u.displayName} (${u.username})` })) : null
	};
}) satisfies PageServerLoad;

export const actions = {
	/** The unit's head, to whom reminders about its late requests escalate. */
	head: async ({ request, params, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const { db } = await database();
		const outcome = await setOrganisationHead(db, params.id, String(form.get('headUserId') ?? '') || null, admin.id);
		return outcome === 'ok' ? { action: 'head' as const, saved: true } : fail(404, { action: 'head' as const, error: outcome });
	}
} satisfies Actions;
