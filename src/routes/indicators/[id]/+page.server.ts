import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { indicatorDetail } from '$lib/server/queries/indicators';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const { db } = await database();
	const detail = await indicatorDetail(db, params.id, locals.locale);
	if (!detail) error(404, 'indicator not found');
	return detail;
}) satisfies PageServerLoad;
