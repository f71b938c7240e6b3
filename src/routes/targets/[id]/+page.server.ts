import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { targetDetail } from '$lib/server/queries/target';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const { db } = await database();
	const detail = await targetDetail(db, params.id, locals.locale);
	if (!detail) error(404, 'target not found');
	return detail;
}) satisfies PageServerLoad;
