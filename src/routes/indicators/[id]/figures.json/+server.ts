import { error, json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { indicatorFiguresJson } from '$lib/server/export/figures-export';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const { db } = await database();
	const body = await indicatorFiguresJson(db, params.id, locals.locale);
	if (!body) error(404, 'indicator not found');
	return json(body, { headers: { 'content-disposition': `attachment; filename="pacer-${params.id}-figures.json"` } });
};
