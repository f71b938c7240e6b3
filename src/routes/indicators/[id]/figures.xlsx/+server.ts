import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { database } from '$lib/server/db';
import { tableXlsx } from '$lib/server/export/spreadsheet';
import { indicatorFiguresTable } from '$lib/server/export/figures-export';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const { db } = await database();
	const t = translator(locals.locale);
	const table = await indicatorFiguresTable(db, params.id, locals.locale, (key) => t(key as 'status.met'));
	if (!table) error(404, 'indicator not found');
	return new Response(Buffer.from(await tableXlsx(table, 'figures')), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="pacer-${params.id}-figures.xlsx"`
		}
	});
};
