/**
 * Loads the catalogue into the database. Safe to re-run: catalogue rows (plans, clauses, targets,
 * indicators, sources) are upserted by their stable ids; an observation gets a new version only
 * when the catalogue's figure changed and no person has edited it since, so seeding never
 * overwrites an analyst's correction.
 */
import { and, eq, getTableColumns, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { refreshJudgements } from '../queries/judgements';
import type { Catalogue } from './load-catalogue';
import type { CataloguePlan, CatalogueTaskList } from './catalogue-schema';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Upserts a plan's tasks with their units and target links. A task the catalogue dropped goes
 * only if nobody has reported on it: progress notes are never deleted by a seed.
 */
async function seedTasks(tx: Transaction, list: CatalogueTaskList, plan: CataloguePlan): Promise<number> {
	const ids = list.tasks.map((t) => t.id);
	await tx
		.delete(s.tasks)
		.where(
			and(
				eq(s.tasks.planId, list.plan),
				notInArray(s.tasks.id, ids),
				sql`not exists (select 1 from ${s.taskUpdates} u where u.task_id = ${s.tasks.id})`
			)
		);
	// (plan, kind, number) is unique: move existing rows out of the way before renumbering.
	await tx.update(s.tasks).set({ number: sql`-${s.tasks.number}` }).where(eq(s.tasks.planId, list.plan));
	await tx
		.insert(s.tasks)
		.values(
			list.tasks.map((t) => ({
				id: t.id,
				planId: list.plan,
				kind: list.kind,
				number: t.number,
				clauseId: t.clause,
				bodyClauseId: t.bodyClause,
				titleZh: t.title.zh,
				titleEn: t.title.en,
				textZh: t.text.zh,
				textEn: t.text.en,
				unitsOpenEnded: t.unitsOpenEnded,
				due: t.due ?? plan.effectiveTo
			}))
		)
		.onConflictDoUpdate({ target: s.tasks.id, set: excludedColumns(s.tasks, 'id') });
	await tx.delete(s.taskUnits).where(inArray(s.taskUnits.taskId, ids));
	await tx.insert(s.taskUnits).values(
		list.tasks.flatMap((t) =>
			t.units.map((organisationId, position) => ({
				taskId: t.id,
				organisationId,
				role: position === 0 ? ('lead' as const) : ('support' as const),
				position
			}))
		)
	);
	await tx.delete(s.taskTargets).where(inArray(s.taskTargets.taskId, ids));
	const links = list.tasks.flatMap((t) => t.targets.map((l) => ({ taskId: t.id, targetId: l.target, basis: l.basis, quote: l.quote })));
	if (links.length > 0) await tx.insert(s.taskTargets).values(links);
	return list.tasks.length;
}

export const CATALOGUE_USER_ID = 'catalogue';

export interface SeedReport {
	plans: number;
	clauses: number;
	targets: number;
	facts: number;
	indicators: number;
	observationsAdded: number;
	versionsAdded: number;
	organisations: number;
	tasks: number;
}

/** `set` for an upsert that takes every column but the key from the proposed row. */
function excludedColumns<T extends PgTable>(table: T, key: string): Record<string, SQL> {
	const set: Record<string, SQL> = {};
	for (const [name, column] of Object.entries(getTableColumns(table))) {
		if (name !== key) set[name] = sql.raw(`excluded."${column.name}"`);
	}
	return set;
}

/** The plan's cleaned text, clause by clause, as it reads in the document. */
export function planSourceText(plan: CataloguePlan): string {
	return plan.clauses
		.map((c) => [c.path.join(''), c.heading?.zh, c.text.zh].filter(Boolean).join(' '))
		.join('\n');
}

function sameFigure(
	current: typeof s.observationVersions.$inferSelect,
	next: Catalogue['observations']['observations'][number]
) {
	return (
		current.value === next.value &&
		current.provenance === next.provenance &&
		current.sourceId === next.source &&
		current.note === next.note &&
		[...current.flags].sort().join() === [...next.flags].sort().join()
	);
}

export async function seedCatalogue(db: Database, catalogue: Catalogue): Promise<SeedReport> {
	return db.transaction(async (tx) => {
		await tx
			.insert(s.users)
			.values({ id: CATALOGUE_USER_ID, username: 'catalogue', displayName: 'Catalogue loader', role: 'admin', isSystem: true })
			.onConflictDoNothing();

		const report: SeedReport = { plans: 0, clauses: 0, targets: 0, facts: 0, indicators: 0, observationsAdded: 0, versionsAdded: 0, organisations: 0, tasks: 0 };

		if (catalogue.organisations.length > 0) {
			await tx
				.insert(s.organisations)
				.values(catalogue.organisations.map((o) => ({ id: o.id, nameZh: o.name.zh, nameEn: o.name.en, level: o.level, aliases: o.aliases })))
				.onConflictDoUpdate({ target: s.organisations.id, set: excludedColumns(s.organisations, 'id') });
			report.organisations = catalogue.organisations.length;
		}

		await tx
			.insert(s.indicators)
			.values(
				catalogue.indicators.map((i) => ({
					id: i.id,
					nameZh: i.name.zh,
					nameEn: i.name.en,
					unit: i.unit,
					frequency: i.frequency,
					measure: i.measure,
					areaZh: i.area.zh,
					areaEn: i.area.en,
					definitionZh: i.definition.zh,
					definitionEn: i.definition.en,
					direction: i.direction
				}))
			)
			.onConflictDoUpdate({ target: s.indicators.id, set: excludedColumns(s.indicators, 'id') });
		report.indicators = catalogue.indicators.length;
		// Owners are the catalogue's first guess; once a person changes one, seeding leaves it alone.
		const owned = catalogue.indicators.filter((i) => i.owner !== null);
		if (owned.length > 0) {
			await tx
				.insert(s.indicatorOwners)
				.values(owned.map((i) => ({ indicatorId: i.id, organisationId: i.owner, updatedBy: CATALOGUE_USER_ID })))
				.onConflictDoNothing();
		}

		for (const plan of catalogue.plans) {
			await tx
				.insert(s.plans)
				.values({
					id: plan.id,
					titleZh: plan.title.zh,
					titleEn: plan.title.en,
					issuerZh: plan.issuer.zh,
					issuerEn: plan.issuer.en,
					documentNumber: plan.documentNumber,
					areaZh: plan.area.zh,
					areaEn: plan.area.en,
					issuedOn: plan.issuedOn,
					effectiveFrom: plan.effectiveFrom,
					effectiveTo: plan.effectiveTo,
					sourceUrl: plan.sourceUrl,
					sourceNoteZh: plan.sourceNote.zh,
					sourceNoteEn: plan.sourceNote.en,
					sourceText: planSourceText(plan)
				})
				.onConflictDoUpdate({ target: s.plans.id, set: excludedColumns(s.plans, 'id') });

			// Targets and clauses the catalogue no longer has go first, targets before their clauses.
			const targetIds = plan.targets.map((t) => t.id);
			const clauseIds = plan.clauses.map((c) => c.id);
			await tx.delete(s.targets).where(and(eq(s.targets.planId, plan.id), notInArray(s.targets.id, targetIds)));
			await tx.delete(s.clauses).where(and(eq(s.clauses.planId, plan.id), notInArray(s.clauses.id, clauseIds)));
			// Positions are unique per plan: move existing rows out of the way before renumbering.
			await tx.update(s.clauses).set({ position: sql`-${s.clauses.position} - 1` }).where(eq(s.clauses.planId, plan.id));

			await tx
				.insert(s.clauses)
				.values(
					plan.clauses.map((c, position) => ({
						id: c.id,
						planId: plan.id,
						position,
						path: c.path,
						headingZh: c.heading?.zh ?? null,
						headingEn: c.heading?.en ?? null,
						textZh: c.text.zh,
						textEn: c.text.en
					}))
				)
				.onConflictDoUpdate({ target: s.clauses.id, set: excludedColumns(s.clauses, 'id') });

			if (plan.targets.length > 0) {
				await tx
					.insert(s.targets)
					.values(
						plan.targets.map((t, position) => ({
							id: t.id,
							planId: plan.id,
							clauseId: t.clause,
							position,
							quote: t.quote,
							titleZh: t.title.zh,
							titleEn: t.title.en,
							indicatorId: t.indicator,
							comparator: t.comparator,
							value: t.value,
							maxValue: t.max,
							unit: t.unit,
							kind: t.kind,
							baselineValue: t.baseline?.value ?? null,
							baselineDate: t.baseline?.date ?? null,
							baselineImplied: t.baseline?.implied ?? false,
							deadline: t.deadline,
							deadlineBasis: t.deadlineBasis,
							shareOfIndicatorId: t.shareOf,
							noteZh: t.note?.zh ?? null,
							noteEn: t.note?.en ?? null
						}))
					)
					.onConflictDoUpdate({ target: s.targets.id, set: excludedColumns(s.targets, 'id') });
			}

			// Facts have no identity of their own: the catalogue's list replaces the stored one.
			await tx.delete(s.clauseFacts).where(inArray(s.clauseFacts.clauseId, clauseIds));
			if (plan.facts.length > 0) {
				await tx.insert(s.clauseFacts).values(
					plan.facts.map((f) => ({
						clauseId: f.clause,
						kind: f.kind,
						quote: f.quote,
						value: f.value,
						unit: f.unit,
						descriptionZh: f.description.zh,
						descriptionEn: f.description.en
					}))
				);
			}
			report.plans += 1;
			report.clauses += plan.clauses.length;
			report.targets += plan.targets.length;
			report.facts += plan.facts.length;
		}

		for (const list of catalogue.tasks) {
			report.tasks += await seedTasks(tx, list, catalogue.plans.find((p) => p.id === list.plan)!);
		}

		if (catalogue.observations.sources.length > 0) {
			await tx
				.insert(s.sources)
				.values(catalogue.observations.sources)
				.onConflictDoUpdate({ target: s.sources.id, set: excludedColumns(s.sources, 'id') });
		}

		for (const figure of catalogue.observations.observations) {
			const key = and(
				eq(s.observations.indicatorId, figure.indicator),
				eq(s.observations.periodStart, figure.periodStart),
				eq(s.observations.periodEnd, figure.periodEnd),
				eq(s.observations.basis, figure.basis)
			);
			let [observation] = await tx.select().from(s.observations).where(key);
			let nextVersion = 1;
			if (!observation) {
				[observation] = await tx
					.insert(s.observations)
					.values({
						indicatorId: figure.indicator,
						period: figure.period,
						periodStart: figure.periodStart,
						periodEnd: figure.periodEnd,
						basis: figure.basis
					})
					.returning();
				report.observationsAdded += 1;
			} else {
				const [latest] = await tx
					.select()
					.from(s.observationVersions)
					.where(eq(s.observationVersions.observationId, observation.id))
					.orderBy(sql`${s.observationVersions.version} desc`)
					.limit(1);
				if (latest && (latest.recordedBy !== CATALOGUE_USER_ID || sameFigure(latest, figure))) continue;
				nextVersion = (latest?.version ?? 0) + 1;
			}
			await tx.insert(s.observationVersions).values({
				observationId: observation.id,
				version: nextVersion,
				value: figure.value,
				provenance: figure.provenance,
				sourceId: figure.source,
				flags: figure.flags,
				note: figure.note,
				reason: nextVersion === 1 ? 'catalogue' : 'catalogue updated',
				recordedBy: CATALOGUE_USER_ID,
				// The first version dates from publication; a later catalogue change is known from now.
				recordedAt: nextVersion === 1 ? new Date(`${figure.recordedAt}T00:00:00Z`) : new Date()
			});
			await tx.insert(s.auditLog).values({
				userId: CATALOGUE_USER_ID,
				action: nextVersion === 1 ? 'observation.create' : 'observation.version',
				entity: 'observation',
				entityId: String(observation.id),
				detail: { indicator: figure.indicator, period: figure.period, version: nextVersion, value: figure.value }
			});
			report.versionsAdded += 1;
		}

		await tx.insert(s.auditLog).values({
			userId: CATALOGUE_USER_ID,
			action: 'catalogue.seed',
			entity: 'catalogue',
			entityId: 'catalogue',
			detail: { ...report }
		});
		// Target definitions may have changed: the catalogue's targets are judged again (a few dozen).
		await refreshJudgements(tx, { planIds: catalogue.plans.map((p) => p.id), force: true });
		return report;
	});
}
