import { error, fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { readCorrection, readNewObservation, type EntryContext } from '$lib/server/entry/observation-form';
import type { Role } from '$lib/domain/plan';
import { addObservation, correctObservation, ObservationConflictError, ObservationExistsError } from '$lib/server/queries/observations';
import { targetDetail } from '$lib/server/queries/target';
import { statusHistory } from '$lib/server/queries/status-history';
import { previousQuarterEnd } from '$lib/domain/history';
import { todayIn } from '$lib/domain/dates';
import { deploymentTimeZone } from '$lib/server/config';
import { env } from '$env/dynamic/private';
import { hasRole } from '$lib/domain/roles';
import { listUsers } from '$lib/server/auth/accounts';
import { readConfig } from '$lib/server/config';
import { listOrganisations, setIndicatorOwner, targetAccountability } from '$lib/server/queries/tasks';
import { isFollowing } from '$lib/server/alerts/settings';
import { readCommentary } from '$lib/domain/commentary';
import { commentHistory } from '$lib/server/queries/commentary-reads';
import { CommentConflictError, CommentNotAllowedError, recordComment, UnknownTargetError } from '$lib/server/queries/commentary';
import type { Actions, PageServerLoad } from './$types';

/** Figures listed before "show all": the newest ones. */
const FIGURES_SHOWN = 24;

/** The entry rules' view of the request: the author's role, today where the deployment is, the sources' dates. */
const entryContext = (role: Role, sources: { id: string; publishedOn: string }[]): EntryContext => ({
	role,
	today: todayIn(new Date(), deploymentTimeZone()),
	sources: new Map(sources.map((x) => [x.id, x.publishedOn]))
});

/** What the analyst sent, shown again when the correction must be confirmed or fixed. */
const correctionValues = (form: FormData) => ({
	value: String(form.get('value') ?? ''),
	provenance: String(form.get('provenance') ?? ''),
	sourceId: String(form.get('sourceId') ?? ''),
	note: String(form.get('note') ?? ''),
	reason: String(form.get('reason') ?? ''),
	flags: form.getAll('flags').map(String)
});

export const load = (async ({ params, locals, url }) => {
	const { db } = await database();
	const detail = await targetDetail(db, params.id, locals.locale, url.searchParams.get('figures') === 'all' ? null : FIGURES_SHOWN);
	if (!detail) error(404, 'target not found');
	const isAdmin = locals.user !== null && hasRole(locals.user.role, 'admin');
	// Independent reads, together: the history's judging runs while the others wait for the database.
	const [history, comments, accountability, following, ownerChoices] = await Promise.all([
		statusHistory(db, params.id),
		commentHistory(db, params.id),
		targetAccountability(db, { id: params.id, indicatorId: detail.target.indicatorId }, locals.locale, readConfig(env).taskStaleDays),
		locals.user ? isFollowing(db, locals.user.id, params.id) : null,
		// Only admins change owners, so only they get the lists to choose from.
		isAdmin
			? Promise.all([listOrganisations(db, locals.locale), listUsers(db)]).then(([organisations, users]) => ({
					organisations,
					users: users.filter((u) => u.role !== 'viewer' && !u.deactivatedAt).map((u) => ({ id: u.id, name: u.displayName }))
				}))
			: null
	]);
	const lastQuarter = history.find((p) => p.date === previousQuarterEnd(todayIn(new Date(), deploymentTimeZone())));
	return {
		...detail,
		target: { ...detail.target, previousQuarter: lastQuarter ? { date: lastQuarter.date, status: lastQuarter.status, basis: lastQuarter.basis } : null },
		history,
		/** The analysts' commentary, every version newest first, and the day its "as of" may not pass. */
		comments,
		today: todayIn(new Date(), deploymentTimeZone()),
		...accountability,
		/** Whether the signed-in person follows this target (null for visitors, who cannot). */
		following,
		ownerChoices
	};
}) satisfies PageServerLoad;

export const actions = {
	/** The next version of the target's commentary, checked against the version the author started from. */
	comment: async ({ request, params, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const form = await request.formData();
		const values = { text: String(form.get('text') ?? ''), asOf: String(form.get('asOf') ?? '') };
		const read = readCommentary(form, todayIn(new Date(), deploymentTimeZone()));
		if (!read.ok) return fail(400, { action: 'comment' as const, errors: read.errors, values });
		const { db } = await database();
		try {
			const { version } = await recordComment(db, { ...read.comment, targetId: params.id, userId: user.id });
			return { action: 'comment' as const, saved: version };
		} catch (e) {
			if (e instanceof CommentConflictError) {
				return fail(409, { action: 'comment' as const, conflict: { version: e.current?.version ?? 0, text: e.current?.text ?? '', author: e.current?.author ?? '' }, values });
			}
			if (e instanceof UnknownTargetError) error(404, 'target not found');
			if (e instanceof CommentNotAllowedError) error(403, 'this account may not write commentary');
			throw e;
		}
	},
	/** Who answers for the target's indicator: a unit and optionally an analyst. */
	owner: async ({ request, params, locals }) => {
		const user = requireRole(locals.user, 'admin');
		const { db } = await database();
		const detail = await targetDetail(db, params.id, locals.locale);
		if (!detail) error(404, 'target not found');
		const form = await request.formData();
		const organisationId = String(form.get('organisationId') ?? '') || null;
		const userId = String(form.get('userId') ?? '') || null;
		const organisations = await listOrganisations(db, locals.locale);
		const users = await listUsers(db);
		if ((organisationId && !organisations.some((o) => o.id === organisationId)) || (userId && !users.some((u) => u.id === userId))) {
			return fail(400, { action: 'owner' as const, error: 'unknown' as const });
		}
		await setIndicatorOwner(db, { indicatorId: detail.target.indicatorId, organisationId, userId, authorId: user.id });
		return { action: 'owner' as const, saved: true };
	},
	/** A figure for a period that has none yet. */
	add: async ({ request, params, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const { db } = await database();
		const detail = await targetDetail(db, params.id, locals.locale);
		if (!detail) error(404, 'target not found');
		const form = await request.formData();
		const read = readNewObservation(form, detail.indicators, entryContext(user.role, detail.sources));
		if (!read.ok) return fail(400, { action: 'add' as const, errors: read.errors, confirm: read.confirm, values: Object.fromEntries(form) as Record<string, string> });
		try {
			await addObservation(db, { ...read.entry, userId: user.id });
		} catch (e) {
			if (e instanceof ObservationExistsError) {
				return fail(409, { action: 'add' as const, exists: { value: e.currentValue, version: e.currentVersion }, values: Object.fromEntries(form) as Record<string, string> });
			}
			throw e;
		}
		return { action: 'add' as const, saved: true };
	},
	/** A new version of an existing figure, checked against the version the analyst saw. */
	correct: async ({ request, params, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const { db } = await database();
		const detail = await targetDetail(db, params.id, locals.locale);
		if (!detail) error(404, 'target not found');
		const form = await request.formData();
		const read = readCorrection(form, (id) => detail.observations.find((o) => o.id === id), entryContext(user.role, detail.sources));
		if (!read.ok) return fail(400, { action: 'correct' as const, observationId: read.observationId, errors: read.errors, confirm: read.confirm, values: correctionValues(form) });
		try {
			await correctObservation(db, { ...read.correction, userId: user.id });
		} catch (e) {
			if (e instanceof ObservationConflictError) {
				return fail(409, {
					action: 'correct' as const,
					observationId: e.observationId,
					conflict: { yours: read.correction.value, theirs: e.currentValue, version: e.currentVersion }
				});
			}
			throw e;
		}
		return { action: 'correct' as const, observationId: read.correction.observationId, saved: true };
	}
} satisfies Actions;
