/**
 * Plan bundles in and out of the database (the format: domain/intake/bundle-schema.ts).
 * Importing upserts the plan, its clauses, targets, facts and tasks, and the indicators and
 * organisations it names (by id); the same bundle twice changes nothing, a changed bundle for a
 * published plan is a new revision. The seed plans are loaded this way.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, notInArray, sql, getTableColumns, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { refreshJudgements } from '../queries/judgements';
import { bundleProblems, canonicalBundle, canonicalJson, planBundle, type PlanBundle } from '../../domain/intake/bundle-schema';
import { clauseRow, indicatorRow, organisationRow, planRow, targetRow } from './bundle-rows';

export type { PlanBundle } from '../../domain/intake/bundle-schema';

type Db = Database | Transaction;

/** A bundle that does not parse or does not hold together; the message lists the first problems. */
export class BundleError extends Error {
	constructor(readonly problems: string[]) {
		super(`not a valid plan bundle:\n${problems.slice(0, 8).map((p) => `  - ${p}`).join('\n')}${problems.length > 8 ? `\n  … and ${problems.length - 8} more` : ''}`);
	}
}

/** sha256 of the bundle's canonical JSON: equal hashes, equal plans. */
export function bundleHash(bundle: PlanBundle): string {
	return createHash('sha256').update(canonicalJson(canonicalBundle(bundle))).digest('hex');
}

/** Checks a bundle read from a file: its shape, then whether its references hold. Throws BundleError. */
export function parsePlanBundle(value: unknown): PlanBundle {
	const parsed = planBundle.safeParse(value);
	if (!parsed.success) throw new BundleError(parsed.error.issues.map((i) => `${i.path.join('.') || '(bundle)'}: ${i.message}`));
	const problems = bundleProblems(parsed.data);
	if (problems.length) throw new BundleError(problems);
	return canonicalBundle(parsed.data);
}

/** `set` for an upsert that takes every column but the key from the proposed row. */
export function excludedColumns<T extends PgTable>(table: T, key: string, except: string[] = []): Record<string, SQL> {
	const set: Record<string, SQL> = {};
	for (const [name, column] of Object.entries(getTableColumns(table))) {
		if (name !== key && !except.includes(name)) set[name] = sql.raw(`excluded."${column.name}"`);
	}
	return set;
}

const both = (zh: string | null, en: string | null) => (zh === null ? null : { zh, en: en ?? '' });

/** The plan as it stands in the database, as a bundle (targets as published; a draft's proposals are not in it). */
export async function exportPlanBundle(db: Db, planId: string): Promise<PlanBundle | null> {
	const [plan] = await db.select().from(s.plans).where(eq(s.plans.id, planId));
	if (!plan) return null;
	const clauses = await db.select().from(s.clauses).where(eq(s.clauses.planId, planId)).orderBy(asc(s.clauses.position));
	const targets = await db.select().from(s.targets).where(eq(s.targets.planId, planId)).orderBy(asc(s.targets.position));
	const indicatorIds = [...new Set(targets.flatMap((t) => [t.indicatorId, ...(t.shareOfIndicatorId ? [t.shareOfIndicatorId] : [])]))];
	const indicators = indicatorIds.length ? await db.select().from(s.indicators).where(inArray(s.indicators.id, indicatorIds)) : [];
	const tasks = await db.select().from(s.tasks).where(eq(s.tasks.planId, planId));
	const taskIds = tasks.map((t) => t.id);
	const units = taskIds.length ? await db.select().from(s.taskUnits).where(inArray(s.taskUnits.taskId, taskIds)).orderBy(asc(s.taskUnits.position)) : [];
	const links = taskIds.length ? await db.select().from(s.taskTargets).where(inArray(s.taskTargets.taskId, taskIds)) : [];
	const organisationIds = [...new Set(units.map((u) => u.organisationId))];
	const organisations = organisationIds.length ? await db.select().from(s.organisations).where(inArray(s.organisations.id, organisationIds)) : [];
	const clauseIds = clauses.map((c) => c.id);
	const facts = clauseIds.length ? await db.select().from(s.clauseFacts).where(inArray(s.clauseFacts.clauseId, clauseIds)).orderBy(asc(s.clauseFacts.id)) : [];
	const targetOrder = new Map(targets.map((t, i) => [t.id, i]));
	return canonicalBundle({
		schemaVersion: 1,
		plan: {
			id: plan.id,
			title: { zh: plan.titleZh, en: plan.titleEn },
			issuer: { zh: plan.issuerZh, en: plan.issuerEn },
			documentNumber: plan.documentNumber,
			area: { zh: plan.areaZh, en: plan.areaEn },
			issuedOn: plan.issuedOn,
			effectiveFrom: plan.effectiveFrom,
			effectiveTo: plan.effectiveTo,
			sourceUrl: plan.sourceUrl,
			sourceNote: { zh: plan.sourceNoteZh, en: plan.sourceNoteEn },
			sourceText: plan.sourceText
		},
		clauses: clauses.map((c) => ({ id: c.id, path: c.path, heading: both(c.headingZh, c.headingEn), text: { zh: c.textZh, en: c.textEn } })),
		targets: targets.map((t) => ({
			id: t.id,
			clause: t.clauseId,
			quote: t.quote,
			title: { zh: t.titleZh, en: t.titleEn },
			indicator: t.indicatorId,
			comparator: t.comparator,
			value: t.value,
			max: t.maxValue,
			unit: t.unit,
			kind: t.kind,
			baseline: t.baselineValue !== null && t.baselineDate !== null ? { value: t.baselineValue, date: t.baselineDate, implied: t.baselineImplied } : null,
			deadline: t.deadline,
			deadlineBasis: t.deadlineBasis,
			shareOf: t.shareOfIndicatorId,
			note: both(t.noteZh, t.noteEn)
		})),
		indicators: indicators.map((i) => ({
			id: i.id,
			name: { zh: i.nameZh, en: i.nameEn },
			unit: i.unit,
			frequency: i.frequency,
			measure: i.measure,
			area: { zh: i.areaZh, en: i.areaEn },
			definition: { zh: i.definitionZh, en: i.definitionEn },
			direction: i.direction
		})),
		organisations: organisations.map((o) => ({ id: o.id, name: { zh: o.nameZh, en: o.nameEn }, level: o.level, aliases: o.aliases })),
		tasks: tasks.map((t) => ({
			id: t.id,
			kind: t.kind,
			number: t.number,
			clause: t.clauseId,
			bodyClause: t.bodyClauseId,
			title: { zh: t.titleZh, en: t.titleEn },
			text: { zh: t.textZh, en: t.textEn },
			units: units.filter((u) => u.taskId === t.id).map((u) => u.organisationId),
			unitsOpenEnded: t.unitsOpenEnded,
			due: t.due,
			targets: links
				.filter((l) => l.taskId === t.id)
				.sort((a, b) => (targetOrder.get(a.targetId) ?? 0) - (targetOrder.get(b.targetId) ?? 0) || a.quote.localeCompare(b.quote))
				.map((l) => ({ target: l.targetId, basis: l.basis, quote: l.quote }))
		})),
		facts: facts.map((f) => ({ clause: f.clauseId, quote: f.quote, kind: f.kind, value: f.value, unit: f.unit, description: { zh: f.descriptionZh, en: f.descriptionEn } }))
	});
}

/** Removes targets (with their judgements and task links) that the plan no longer has. */
export async function dropTargetsExcept(tx: Transaction, planId: string, keep: string[]) {
	await tx.delete(s.targets).where(keep.length ? and(eq(s.targets.planId, planId), notInArray(s.targets.id, keep)) : eq(s.targets.planId, planId));
}

/** Upserts indicators by id. */
export async function upsertIndicators(tx: Transaction, indicators: PlanBundle['indicators']) {
	if (indicators.length === 0) return;
	// What an indicator sits beside is the catalogue's to say (seed-catalogue.ts), never a bundle's.
	await tx
		.insert(s.indicators)
		.values(indicators.map(indicatorRow))
		.onConflictDoUpdate({ target: s.indicators.id, set: excludedColumns(s.indicators, 'id', ['contextOf', 'shareIn']) });
}

/** Upserts organisations (responsible units) by id; their short names are the catalogue's (seed-catalogue.ts), never a bundle's. */
export async function upsertOrganisations(tx: Transaction, organisations: PlanBundle['organisations']) {
	if (organisations.length === 0) return;
	await tx
		.insert(s.organisations)
		.values(organisations.map(organisationRow))
		.onConflictDoUpdate({ target: s.organisations.id, set: excludedColumns(s.organisations, 'id', ['shortNameZh', 'shortNameEn']) });
}

/** Writes a bundle's rows over the plan's (status and revision are the caller's). */
async function writeBundle(tx: Transaction, b: PlanBundle) {
	const planId = b.plan.id;
	await upsertOrganisations(tx, b.organisations);
	await upsertIndicators(tx, b.indicators);
	const p = b.plan;
	await tx
		.insert(s.plans)
		.values(planRow(p))
		.onConflictDoUpdate({
			target: s.plans.id,
			set: excludedColumns(s.plans, 'id', ['status', 'revision', 'publishedAt', 'createdBy', 'createdAt'])
		});

	const targetIds = b.targets.map((t) => t.id);
	const clauseIds = b.clauses.map((c) => c.id);
	const taskIds = b.tasks.map((t) => t.id);
	// What the bundle no longer has goes first: tasks and targets before the clauses they quote.
	// A task somebody reported on stays (progress notes are never deleted by an import).
	await tx
		.delete(s.tasks)
		.where(
			and(
				eq(s.tasks.planId, planId),
				taskIds.length ? notInArray(s.tasks.id, taskIds) : undefined,
				sql`not exists (select 1 from ${s.taskUpdates} u where u.task_id = ${s.tasks.id})`
			)
		);
	await tx.delete(s.targetProposals).where(eq(s.targetProposals.planId, planId));
	await dropTargetsExcept(tx, planId, targetIds);
	await tx.delete(s.clauses).where(and(eq(s.clauses.planId, planId), notInArray(s.clauses.id, clauseIds)));
	// Positions are unique per plan: move existing rows out of the way before renumbering.
	await tx.update(s.clauses).set({ position: sql`-${s.clauses.position} - 1` }).where(eq(s.clauses.planId, planId));
	await tx
		.insert(s.clauses)
		.values(
			b.clauses.map((c, position) => clauseRow(c, planId, position))
		)
		.onConflictDoUpdate({ target: s.clauses.id, set: excludedColumns(s.clauses, 'id') });

	if (b.targets.length) {
		await tx
			.insert(s.targets)
			.values(
				b.targets.map((t, position) => targetRow(t, planId, position))
			)
			.onConflictDoUpdate({ target: s.targets.id, set: excludedColumns(s.targets, 'id') });
		// The published targets are the plan's accepted proposals, so that review can edit them into the next revision.
		await tx.insert(s.targetProposals).values(
			b.targets.map((t, position) => ({
				planId,
				clauseId: t.clause,
				position,
				quote: t.quote,
				indicatorName: b.indicators.find((i) => i.id === t.indicator)?.name.zh ?? t.title.zh,
				comparator: t.comparator,
				value: t.value,
				maxValue: t.max,
				unit: t.unit,
				deadline: t.deadline,
				deadlineBasis: t.deadlineBasis,
				kind: t.kind,
				baselineValue: t.baseline?.value ?? null,
				baselineDate: t.baseline?.date ?? null,
				shareOfName: null,
				confidence: 1,
				decision: 'accepted' as const,
				indicatorId: t.indicator,
				shareOfIndicatorId: t.shareOf,
				titleZh: t.title.zh,
				titleEn: t.title.en,
				targetId: t.id
			}))
		);
	}

	// Facts have no identity of their own: the bundle's list replaces the stored one.
	await tx.delete(s.clauseFacts).where(inArray(s.clauseFacts.clauseId, clauseIds));
	if (b.facts.length) {
		await tx.insert(s.clauseFacts).values(
			b.facts.map((f) => ({ clauseId: f.clause, kind: f.kind, quote: f.quote, value: f.value, unit: f.unit, descriptionZh: f.description.zh, descriptionEn: f.description.en }))
		);
	}

	if (b.tasks.length) {
		// (plan, kind, number) is unique: move existing rows out of the way before renumbering.
		await tx.update(s.tasks).set({ number: sql`-${s.tasks.number}` }).where(eq(s.tasks.planId, planId));
		await tx
			.insert(s.tasks)
			.values(
				b.tasks.map((t) => ({
					id: t.id,
					planId,
					kind: t.kind,
					number: t.number,
					clauseId: t.clause,
					bodyClauseId: t.bodyClause,
					titleZh: t.title.zh,
					titleEn: t.title.en,
					textZh: t.text.zh,
					textEn: t.text.en,
					unitsOpenEnded: t.unitsOpenEnded,
					due: t.due
				}))
			)
			.onConflictDoUpdate({ target: s.tasks.id, set: excludedColumns(s.tasks, 'id') });
		await tx.delete(s.taskUnits).where(inArray(s.taskUnits.taskId, taskIds));
		const units = b.tasks.flatMap((t) =>
			t.units.map((organisationId, position) => ({ taskId: t.id, organisationId, role: position === 0 ? ('lead' as const) : ('support' as const), position }))
		);
		if (units.length) await tx.insert(s.taskUnits).values(units);
		await tx.delete(s.taskTargets).where(inArray(s.taskTargets.taskId, taskIds));
		const links = b.tasks.flatMap((t) => t.targets.map((l) => ({ taskId: t.id, targetId: l.target, basis: l.basis, quote: l.quote })));
		if (links.length) await tx.insert(s.taskTargets).values(links);
	}
}

/** Records the plan as it now stands as revision `revision` (the bundle exported from the rows just written). */
export async function recordRevision(
	tx: Transaction,
	planId: string,
	revision: number,
	by: string,
	publishedAt: Date,
	note: string | null
): Promise<PlanBundle> {
	const bundle = (await exportPlanBundle(tx, planId))!;
	await tx.insert(s.planRevisions).values({ planId, revision, publishedAt, publishedBy: by, bundle: bundle as unknown as Record<string, unknown>, sha256: bundleHash(bundle), note });
	return bundle;
}

/** The bundle's clause, target and task ids that another plan already holds, as problems. */
async function idsOfOtherPlans(tx: Transaction, planId: string, b: PlanBundle): Promise<string[]> {
	const problems: string[] = [];
	const check = async (what: string, table: typeof s.clauses | typeof s.targets | typeof s.tasks, ids: string[]) => {
		if (ids.length === 0) return;
		const rows = await tx.select({ id: table.id, planId: table.planId }).from(table).where(and(inArray(table.id, ids), sql`${table.planId} <> ${planId}`));
		for (const row of rows) problems.push(`${what} id "${row.id}" belongs to plan "${row.planId}"`);
	};
	await check('clause', s.clauses, b.clauses.map((c) => c.id));
	await check('target', s.targets, b.targets.map((t) => t.id));
	await check('task', s.tasks, b.tasks.map((t) => t.id));
	return problems;
}

export interface ImportOptions {
	/** When revision 1 counts as published (the seed dates its plans on their issue day); later revisions are dated now. */
	firstPublishedAt?: Date;
	note?: string;
	/** Judge the plan's targets after the import (the seed judges everything once at its end instead). */
	judge?: boolean;
}

/**
 * Imports a bundle: validates it (BundleError listing the first problems), then upserts the plan
 * and what it names. Nothing is written when the plan already stands exactly as the bundle says.
 * @example await importPlanBundle(db, 'catalogue', JSON.parse(file)) // { planId: 'pudong-…', changed: true, revision: 1 }
 */
export async function importPlanBundle(
	db: Db,
	userId: string,
	bundle: unknown,
	options: ImportOptions = {}
): Promise<{ planId: string; changed: boolean; revision: number }> {
	const b = parsePlanBundle(bundle);
	const hash = bundleHash(b);
	const planId = b.plan.id;
	return db.transaction(async (tx) => {
		const [existing] = await tx.select().from(s.plans).where(eq(s.plans.id, planId)).for('update');
		// Ids are global: a bundle must not take over another plan's clauses, targets or tasks.
		const taken = await idsOfOtherPlans(tx, planId, b);
		if (taken.length > 0) throw new BundleError(taken);
		const published = existing?.status === 'published';
		const [revisionCount] = await tx.select({ n: sql<number>`count(*)` }).from(s.planRevisions).where(eq(s.planRevisions.planId, planId));
		const recorded = Number(revisionCount.n) > 0;
		// Compared with the rows as they stand, not the file last imported: an export imported back is no change either.
		if (published && recorded && bundleHash((await exportPlanBundle(tx, planId))!) === hash) {
			return { planId, changed: false, revision: existing.revision };
		}
		const revision = published && recorded ? existing.revision + 1 : 1;
		await writeBundle(tx, b);
		const publishedAt = revision === 1 && options.firstPublishedAt ? options.firstPublishedAt : new Date();
		await tx.update(s.plans).set({ status: 'published', revision, publishedAt, createdBy: existing?.createdBy ?? userId }).where(eq(s.plans.id, planId));
		// Revision numbers restart at 1 only for a plan never published.
		if (revision === 1) await tx.delete(s.planRevisions).where(eq(s.planRevisions.planId, planId));
		await recordRevision(tx, planId, revision, userId, publishedAt, options.note ?? null);
		await tx.insert(s.auditLog).values({
			userId,
			action: 'plan.import',
			entity: 'plan',
			entityId: planId,
			detail: { revision, sha256: hash, targets: b.targets.length, clauses: b.clauses.length, tasks: b.tasks.length }
		});
		if (options.judge ?? true) await refreshJudgements(tx, { planIds: [planId], force: true });
		return { planId, changed: true, revision };
	});
}
