/** The board's payload as JSON: what the screen fetches to check that a (new) server answers before it reloads. */
import { json } from '@sveltejs/kit';
import { version as appVersion } from '$app/environment';
import { database } from '$lib/server/db';
import { boardByToken } from '$lib/server/queries/boards';
import { loadBoardPayload } from '$lib/server/screen/live';
import type { RequestHandler } from './$types';

export const GET = (async ({ params }) => {
	const { db } = await database();
	const board = await boardByToken(db, params.token);
	if (!board) return json({ error: 'not_found' }, { status: 404 });
	return json({ appVersion, payload: await loadBoardPayload(db, board) }, { headers: { 'cache-control': 'no-store' } });
}) satisfies RequestHandler;
