import { translator } from '$lib/i18n';
import { database } from '$lib/server/db';
import { exploreTable } from '$lib/server/export/explore-export';
import { tableCsv } from '$lib/server/export/spreadsheet';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals }) => {
	const { db } = await database();
	const t = translator(locals.locale);
	const table = await exploreTable(db, locals.locale, url.searchParams, (key) => t(key as 'status.met'));
	return new Response(tableCsv(table), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="pacer-targets.csv"' }
	});
};
