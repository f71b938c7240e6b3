import { fail, redirect } from '@sveltejs/kit';
import { readBoardSettings } from '$lib/domain/board';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { boardChoices, choiceSets, createBoard, listBoards } from '$lib/server/queries/boards';
import { route } from '$lib/route';
import { formValues } from './board-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	requireRole(locals.user, 'admin', url);
	const { db } = await database();
	const boards = await listBoards(db);
	return {
		choices: await boardChoices(db, locals.locale),
		boards: boards.map((b) => ({
			id: b.id,
			name: b.name,
			locale: b.locale,
			planIds: b.planIds,
			pages: b.pages,
			rotationSeconds: b.rotationSeconds,
			screenUrl: b.token ? url.origin + route.screen(b.token) : null,
			updatedAt: b.updatedAt
		}))
	};
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ request, locals }) => {
		const admin = requireRole(locals.user, 'admin');
		const { db } = await database();
		const form = await request.formData();
		const read = readBoardSettings(form, choiceSets(await boardChoices(db, locals.locale)));
		if (!read.ok) return fail(400, { errors: read.errors, values: formValues(form) });
		const board = await createBoard(db, read.settings, admin.id);
		redirect(303, route.board(board.id));
	}
} satisfies Actions;
