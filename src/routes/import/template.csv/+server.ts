import { templateCsv } from '$lib/server/import/template';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	new Response(templateCsv(locals.locale), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="pacer-import-template.csv"' }
	});
