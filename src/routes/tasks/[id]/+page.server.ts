import { env } from '$env/dynamic/private';
import { error, fail } from '@sveltejs/kit';
import { readProgressNote, TASK_STATUSES } from '$lib/domain/tasks';
import { requireRole } from '$lib/server/auth/guard';
import { readConfig } from '$lib/server/config';
import { database } from '$lib/server/db';
import { todayIn } from '$lib/domain/dates';
import { clauseTexts, listTasks, recordTaskUpdate, taskHistory, TaskConflictError, tasksNow } from '$lib/server/queries/tasks';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const { db } = await database();
	const [task] = await listTasks(db, await tasksNow(db, locals.locale, readConfig(env).taskStaleDays, [params.id]));
	if (!task) error(404, 'task not found');
	const clauses = await clauseTexts(db, [task.clauseId, ...(task.bodyClauseId ? [task.bodyClauseId] : [])], locals.locale);
	return {
		task,
		clauses,
		history: await taskHistory(db, task.id),
		statuses: TASK_STATUSES,
		today: todayIn(new Date(), readConfig(env).timeZone)
	};
}) satisfies PageServerLoad;

export const actions = {
	/** A progress note with evidence: the task's next version, refused if someone else reported since the form was loaded. */
	update: async ({ request, params, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const form = await request.formData();
		const upload = form.get('evidenceFile');
		const file = upload instanceof File && upload.size > 0 ? upload : null;
		const read = readProgressNote(form, todayIn(new Date(), readConfig(env).timeZone), file);
		const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
		if (!read.ok) return fail(400, { errors: read.errors, values });
		const { db } = await database();
		try {
			const { version } = await recordTaskUpdate(db, {
				taskId: params.id,
				userId: user.id,
				...read.note,
				evidenceFile: file && { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }
			});
			return { saved: version };
		} catch (e) {
			if (e instanceof TaskConflictError) {
				return fail(409, { conflict: { version: e.currentVersion, status: e.currentStatus }, values });
			}
			throw e;
		}
	}
} satisfies Actions;
