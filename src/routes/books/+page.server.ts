import { fail } from '@sveltejs/kit';
import { parseAsOf } from '$lib/domain/book';
import { checkCron, nextTicks, type CronProblem } from '$lib/domain/schedule';
import type { Locale } from '$lib/domain/plan';
import { requireRole } from '$lib/server/auth/guard';
import { kickBooks } from '$lib/server/books';
import { createSchedule, deleteSchedule, listBooks, listSchedules, requestBook, retryBook, setScheduleEnabled } from '$lib/server/books/archive';
import { database } from '$lib/server/db';
import { deploymentTimeZone } from '$lib/server/config';
import { todayIn } from '$lib/domain/dates';
import { planTitles } from '$lib/server/queries/plans';
import { splitRecipients } from '$lib/domain/alerts';
import { setScheduleRecipients, usernamesOf } from '$lib/server/alerts/settings';
import type { Actions, PageServerLoad } from './$types';

const localeOf = (value: FormDataEntryValue | null): Locale | null => (value === 'zh' || value === 'en' ? value : null);

export const load = (async ({ locals, url }) => {
	requireRole(locals.user, 'viewer', url);
	const { db } = await database();
	const plans = await planTitles(db, locals.locale);
	const now = new Date();
	const listed = await listSchedules(db);
	const usernames = await usernamesOf(db, listed.flatMap((schedule) => schedule.recipientUserIds));
	const schedules = listed.map((schedule) => ({
		...schedule,
		// Users by username, then addresses: the text the recipients form shows and takes back.
		recipients: [...schedule.recipientUserIds.map((id) => usernames.get(id) ?? id), ...schedule.recipientEmails].join(', '),
		next: schedule.enabled ? nextTicks(schedule.cron, schedule.timeZone, now, 3).map((d) => d.toISOString()) : []
	}));
	return { books: await listBooks(db), schedules, plans, today: todayIn(now, deploymentTimeZone()) };
}) satisfies PageServerLoad;

export const actions = {
	request: async ({ request, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const form = await request.formData();
		const asOf = parseAsOf(String(form.get('asOf') ?? ''), new Date(), deploymentTimeZone());
		const locale = localeOf(form.get('lang'));
		if (!asOf.ok) return fail(400, { action: 'request' as const, error: 'asOf' as const });
		if (!locale) return fail(400, { action: 'request' as const, error: 'lang' as const });
		const { db } = await database();
		const id = await requestBook(db, { asOf: asOf.value, planIds: form.getAll('plans').map(String), locale }, user.id);
		kickBooks();
		return { action: 'request' as const, requested: id };
	},
	retry: async ({ request, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const form = await request.formData();
		const { db } = await database();
		const ok = await retryBook(db, Number(form.get('bookId')), user.id);
		if (!ok) return fail(400, { action: 'retry' as const, error: 'notFailed' as const });
		kickBooks();
		return { action: 'retry' as const, saved: true };
	},
	schedule: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const values = {
			name: String(form.get('name') ?? '').trim(),
			cron: String(form.get('cron') ?? '').trim().replace(/\s+/g, ' '),
			timeZone: String(form.get('timeZone') ?? '').trim() || deploymentTimeZone(),
			planIds: form.getAll('plans').map(String),
			locale: localeOf(form.get('lang')) ?? 'zh'
		};
		if (!values.name) return fail(400, { action: 'schedule' as const, error: 'name' as const, values });
		const check = checkCron(values.cron, values.timeZone);
		if (!check.ok) return fail(400, { action: 'schedule' as const, error: `cron.${check.reason}` as `cron.${CronProblem}`, values });
		const { db } = await database();
		await createSchedule(db, values, admin.id);
		return { action: 'schedule' as const, saved: true };
	},
	/** Who gets the schedule's books by mail: addresses and usernames. */
	recipients: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const scheduleId = Number(form.get('scheduleId'));
		const recipients = splitRecipients(String(form.get('recipients') ?? ''));
		if (recipients.bad.length) return fail(400, { action: 'recipients' as const, scheduleId, unknown: recipients.bad });
		const { db } = await database();
		const outcome = await setScheduleRecipients(db, scheduleId, recipients, admin.id);
		if (outcome === 'not_found') return fail(400, { action: 'recipients' as const, scheduleId, unknown: [String(scheduleId)] });
		if (outcome.unknown.length) return fail(400, { action: 'recipients' as const, scheduleId, unknown: outcome.unknown });
		return { action: 'recipients' as const, scheduleId, saved: true };
	},
	toggle: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const { db } = await database();
		await setScheduleEnabled(db, Number(form.get('scheduleId')), form.get('enabled') === 'true', admin.id);
		return { action: 'toggle' as const, saved: true };
	},
	delete: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const { db } = await database();
		await deleteSchedule(db, Number(form.get('scheduleId')), admin.id);
		return { action: 'delete' as const, saved: true };
	}
} satisfies Actions;
