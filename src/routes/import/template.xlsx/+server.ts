import { templateXlsx } from '$lib/server/import/template';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) =>
	new Response(Buffer.from(await templateXlsx(locals.locale)), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': 'attachment; filename="pacer-import-template.xlsx"'
		}
	});
