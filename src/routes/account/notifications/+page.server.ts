import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { notificationSettings } from '$lib/domain/alerts';
import { database } from '$lib/server/db';
import { follow, listSubscriptions, readNotificationSettings, saveNotificationSettings, unfollow, type Subject } from '$lib/server/alerts/settings';
import { planTitles } from '$lib/server/queries/plans';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const user = requireRole(locals.user, 'viewer', url);
	const { db } = await database();
	return {
		settings: await readNotificationSettings(db, user.id),
		subscriptions: await listSubscriptions(db, user.id, locals.locale),
		plans: await planTitles(db, locals.locale)
	};
}) satisfies PageServerLoad;

/** The plan or target a follow form names. */
function subjectOf(form: FormData): Subject | null {
	const planId = String(form.get('planId') ?? '');
	const targetId = String(form.get('targetId') ?? '');
	return planId ? { planId } : targetId ? { targetId } : null;
}

/** Back to the page the button was on (a target's page), never to another site. */
function backTo(form: FormData): string | null {
	const back = String(form.get('back') ?? '');
	return back.startsWith('/') && !back.startsWith('//') ? back : null;
}

// Any signed-in person, viewers included, chooses what they themselves receive.
export const actions = {
	settings: async ({ request, locals }) => {
		const user = requireRole(locals.user, 'viewer');
		const form = await request.formData();
		const values = { email: String(form.get('email') ?? ''), locale: String(form.get('locale') ?? ''), kinds: form.getAll('kinds').map(String) };
		const parsed = notificationSettings.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'settings' as const, errors: { email: 'alerts.account.error.email' as const }, values });
		const { db } = await database();
		await saveNotificationSettings(db, user.id, parsed.data);
		return { action: 'settings' as const, saved: true };
	},
	follow: async ({ request, locals }) => {
		const user = requireRole(locals.user, 'viewer');
		const form = await request.formData();
		const subject = subjectOf(form);
		const { db } = await database();
		if (!subject || !(await follow(db, user.id, subject))) return fail(400, { action: 'follow' as const, errors: { subject: 'alerts.account.error.subject' as const } });
		const back = backTo(form);
		if (back) redirect(303, back);
		return { action: 'follow' as const, saved: true };
	},
	unfollow: async ({ request, locals }) => {
		const user = requireRole(locals.user, 'viewer');
		const form = await request.formData();
		const subject = subjectOf(form);
		if (!subject) return fail(400, { action: 'unfollow' as const, errors: { subject: 'alerts.account.error.subject' as const } });
		const { db } = await database();
		await unfollow(db, user.id, subject);
		const back = backTo(form);
		if (back) redirect(303, back);
		return { action: 'unfollow' as const, saved: true };
	}
} satisfies Actions;
