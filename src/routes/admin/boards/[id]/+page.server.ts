import { error, fail } from '@sveltejs/kit';
import { readBoardSettings } from '$lib/domain/board';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { boardById, boardChoices, choiceSets, revokeBoardToken, rotateBoardToken, updateBoard } from '$lib/server/queries/boards';
import { route } from '$lib/route';
import { formValues } from '../board-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	requireRole(locals.user, 'admin', url);
	const { db } = await database();
	const board = await boardById(db, params.id);
	if (!board) error(404, 'board not found');
	return {
		choices: await boardChoices(db, locals.locale),
		board: {
			id: board.id,
			name: board.name,
			locale: board.locale,
			planIds: board.planIds,
			headlineTargetIds: board.headlineTargetIds,
			pages: board.pages,
			rotationSeconds: String(board.rotationSeconds),
			updatedAt: board.updatedAt
		},
		screenUrl: board.token ? url.origin + route.screen(board.token) : null
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ request, locals, params }) => {
		const admin = requireRole(locals.user, 'admin');
		const { db } = await database();
		const form = await request.formData();
		const read = readBoardSettings(form, choiceSets(await boardChoices(db, locals.locale)));
		if (!read.ok) return fail(400, { action: 'save' as const, errors: read.errors, values: formValues(form) });
		if (!(await updateBoard(db, params.id, read.settings, admin.id))) return fail(404, { action: 'save' as const, notFound: true });
		return { action: 'save' as const, saved: true };
	},
	rotate: async ({ locals, params }) => {
		const admin = requireRole(locals.user, 'admin');
		const { db } = await database();
		if (!(await rotateBoardToken(db, params.id, admin.id))) return fail(404, { action: 'rotate' as const, notFound: true });
		return { action: 'rotate' as const, saved: true };
	},
	revoke: async ({ locals, params }) => {
		const admin = requireRole(locals.user, 'admin');
		const { db } = await database();
		if (!(await revokeBoardToken(db, params.id, admin.id))) return fail(404, { action: 'revoke' as const, notFound: true });
		return { action: 'revoke' as const, saved: true };
	}
} satisfies Actions;
