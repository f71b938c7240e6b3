import { fail } from '@sveltejs/kit';
import { DELIVERY_STATUSES, webhookForm, type DeliveryStatus } from '$lib/domain/alerts';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { acknowledgeDelivery, countFailedDeliveries, listDeliveries, retryDelivery } from '$lib/server/alerts/outbox';
import { createWebhook, deleteWebhook, listWebhooks } from '$lib/server/alerts/settings';
import { kickDeliveries } from '$lib/server/alerts/worker';
import { internalBaseUrl } from '$lib/server/books/worker';
import { readMailConfig } from '$lib/server/config';
import { planTitles } from '$lib/server/queries/plans';
import { env } from '$env/dynamic/private';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	requireRole(locals.user, 'admin', url);
	const { db } = await database();
	const asked = url.searchParams.get('status');
	const status = DELIVERY_STATUSES.includes(asked as DeliveryStatus) ? (asked as DeliveryStatus) : undefined;
	const mail = readMailConfig(env, internalBaseUrl(env));
	return {
		status: status ?? null,
		deliveries: await listDeliveries(db, { status }),
		failed: await countFailedDeliveries(db),
		// Where mail goes, without the credentials in the URL.
		mail: { host: mail.smtpUrl ? new URL(mail.smtpUrl).host : null, from: mail.from, base: mail.publicBaseUrl },
		webhooks: (await listWebhooks(db)).map((w) => ({ ...w, url: w.url.replace(/([?&]key=|access_token=)[^&]+/, '$1…') })),
		plans: await planTitles(db, locals.locale)
	};
}) satisfies PageServerLoad;

export const actions = {
	retry: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const { db } = await database();
		if (!(await retryDelivery(db, Number(form.get('deliveryId')), admin.id))) return fail(400, { action: 'retry' as const, error: 'notFailed' as const });
		kickDeliveries();
		return { action: 'retry' as const, saved: true };
	},
	acknowledge: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const { db } = await database();
		if (!(await acknowledgeDelivery(db, Number(form.get('deliveryId')), admin.id))) return fail(400, { action: 'acknowledge' as const, error: 'notFailed' as const });
		return { action: 'acknowledge' as const, saved: true };
	},
	webhook: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const values = {
			name: String(form.get('name') ?? ''),
			url: String(form.get('url') ?? '').trim(),
			format: String(form.get('format') ?? ''),
			planIds: form.getAll('plans').map(String),
			kinds: form.getAll('kinds').map(String),
			locale: String(form.get('lang') ?? 'zh')
		};
		const parsed = webhookForm.safeParse(values);
		if (!parsed.success) return fail(400, { action: 'webhook' as const, error: 'invalid' as const, values });
		const { db } = await database();
		await createWebhook(db, parsed.data, admin.id);
		return { action: 'webhook' as const, saved: true };
	},
	deleteWebhook: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const { db } = await database();
		await deleteWebhook(db, Number(form.get('webhookId')), admin.id);
		return { action: 'deleteWebhook' as const, saved: true };
	}
} satisfies Actions;
