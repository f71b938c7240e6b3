/**
 * Writes commentary on a target: each edit is the target's next version, checked against the
 * version the author started from (as corrections and task notes are), and audited in the same
 * transaction, which also tells live wall screens (the audit log's NOTIFY) and keys the page caches.
 */
import { and, desc, eq } from 'drizzle-orm';
import { mayComment, type CommentaryInput } from '../../domain/commentary';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { inPublishedPlan } from './published';

export class CommentConflictError extends Error {
	constructor(
		readonly targetId: string,
		readonly expectedVersion: number,
		readonly current: { version: number; text: string; author: string } | null
	) {
		super(`target ${targetId}'s commentary is at version ${current?.version ?? 0}, not ${expectedVersion}: someone else edited it`);
	}
}

/** The author may not write commentary (a viewer or reporter, or a deactivated account). */
export class CommentNotAllowedError extends Error {
	constructor(readonly userId: string) {
		super(`user ${userId} may not write commentary`);
	}
}

/** No such target in a published plan. */
export class UnknownTargetError extends Error {
	constructor(readonly targetId: string) {
		super(`no target ${targetId}`);
	}
}

/** Adds the note as the target's next commentary version and audits it; refused if another version was added since. */
export async function recordComment(db: Database, input: CommentaryInput & { targetId: string; userId: string }): Promise<{ version: number }> {
	return db.transaction(async (tx) => {
		// The route checks the role too; this keeps every other caller (tools, tests) to the same rule.
		const [author] = await tx.select({ role: s.users.role, deactivatedAt: s.users.deactivatedAt }).from(s.users).where(eq(s.users.id, input.userId));
		if (!author || author.deactivatedAt || !mayComment(author.role)) throw new CommentNotAllowedError(input.userId);
		// Lock the target, so two edits sent at once get one version and one conflict. A draft's target is nobody's to comment on yet.
		const [target] = await tx
			.select({ id: s.targets.id })
			.from(s.targets)
			.where(and(eq(s.targets.id, input.targetId), inPublishedPlan(s.targets.planId)))
			.for('update');
		if (!target) throw new UnknownTargetError(input.targetId);
		const [latest] = await tx
			.select({ version: s.targetComments.version, text: s.targetComments.text, author: s.users.displayName })
			.from(s.targetComments)
			.innerJoin(s.users, eq(s.users.id, s.targetComments.recordedBy))
			.where(eq(s.targetComments.targetId, input.targetId))
			.orderBy(desc(s.targetComments.version))
			.limit(1);
		const current = latest?.version ?? 0;
		if (current !== input.expectedVersion) throw new CommentConflictError(input.targetId, input.expectedVersion, latest ?? null);
		const version = current + 1;
		await tx.insert(s.targetComments).values({ targetId: input.targetId, version, text: input.text, asOf: input.asOf, recordedBy: input.userId });
		await tx.insert(s.auditLog).values({
			userId: input.userId,
			action: 'target.comment',
			entity: 'target',
			entityId: input.targetId,
			detail: { version, asOf: input.asOf, characters: [...input.text].length }
		});
		return { version };
	});
}
