import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { exportPlanBundle } from '$lib/server/plans/bundle';
import type { RequestHandler } from './$types';

/** A published plan as one bundle file, to import into another Pacer. */
export const GET: RequestHandler = async ({ locals, params }) => {
	requireRole(locals.user, 'analyst');
	const { db } = await database();
	const bundle = await exportPlanBundle(db, params.planId);
	if (!bundle) error(404, 'no such plan');
	return new Response(JSON.stringify(bundle, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${params.planId}.bundle.json"`
		}
	});
};
