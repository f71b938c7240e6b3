import { error } from '@sveltejs/kit';
import { fileNavigation, requireRequestAccess } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { evidenceDownload } from '$lib/server/evidence-download';
import { requestEvidence } from '$lib/server/queries/round-reads';
import { isRowId } from '$lib/domain/rounds';
import type { RequestHandler } from './$types';

/**
 * An evidence file of a round submission, for those who may see the request (its unit's reporters
 * and the coordinators); always as a download, so an uploaded page never runs as part of Pacer.
 */
export const GET: RequestHandler = async ({ params, locals, url, request }) => {
	const { db } = await database();
	const { requestId } = await requireRequestAccess(db, locals.user, params.requestId, fileNavigation({ url, request }));
	const id = Number(params.file);
	const file = isRowId(id) ? await requestEvidence(db, requestId, id) : null;
	if (!file) error(404, 'no such file');
	return evidenceDownload(file);
};
