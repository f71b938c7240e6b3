import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { boardByToken } from '$lib/server/queries/boards';
import { loadBoardPayload } from '$lib/server/screen/live';
import type { PageServerLoad } from './$types';

/** A display opens its board without a login; an unknown or revoked token gets the plain refusal (+error.svelte). */
export const load = (async ({ params, setHeaders }) => {
	const { db } = await database();
	const board = await boardByToken(db, params.token);
	if (!board) error(404, 'screen link not valid');
	// The secret is in the URL: no caches, no referrer to other sites.
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	return { token: params.token, payload: await loadBoardPayload(db, board) };
}) satisfies PageServerLoad;
