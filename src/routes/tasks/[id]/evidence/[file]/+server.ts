import { error } from '@sveltejs/kit';
import { requireRoleForFile } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { evidenceDownload } from '$lib/server/evidence-download';
import { evidenceFile } from '$lib/server/queries/tasks';
import type { RequestHandler } from './$types';

/**
 * An uploaded evidence file. Logged-in readers only (files are internal papers, unlike the plans),
 * and always as a download: an uploaded HTML page must never run as part of Pacer.
 */
export const GET: RequestHandler = async ({ params, locals, url, request }) => {
	requireRoleForFile(locals.user, 'viewer', { url, request });
	const id = Number(params.file);
	if (!Number.isInteger(id)) error(404, 'no such file');
	const { db } = await database();
	const file = await evidenceFile(db, id);
	// The file must belong to a note of this task, so a task's page cannot be used to fetch another's files.
	if (!file || !file.taskIds.includes(params.id)) error(404, 'no such file');
	return evidenceDownload(file);
};
