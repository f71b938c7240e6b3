/**
 * Loads the catalogue into the database. Safe to re-run: indicators, organisations and sources are
 * upserted by their stable ids, the plans imported from their bundles (plans/bundle.ts); an observation gets a new version only
 * when the catalogue's figure changed and no person has edited it since, so seeding never
 * overwrites an analyst's correction.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { CATALOGUE_REASONS } from '../../domain/provenance';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { refreshJudgements } from '../queries/judgements';
import { bundleHash, excludedColumns, importPlanBundle, upsertIndicators, upsertOrganisations } from '../plans/bundle';
import { startOfLocalDay } from '../../domain/dates';
import { deploymentTimeZone } from '../config';
import type { Catalogue } from './load-catalogue';
import type { CataloguePlan } from './catalogue-schema';

export const CATALOGUE_USER_ID = 'catalogue';
/** The note of a plan revision the seed imported. */
const SEED_NOTE = CATALOGUE_REASONS.loaded;

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
	/** Plans whose bundle differed from the database (imported as a new revision). */
	plansChanged: number;
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

		const report: SeedReport = { plans: 0, clauses: 0, targets: 0, facts: 0, indicators: 0, observationsAdded: 0, versionsAdded: 0, organisations: 0, tasks: 0, plansChanged: 0 };

		await upsertOrganisations(tx, catalogue.organisations);
		// Short names (the wall's one-line names) are the catalogue's alone: bundles carry none.
		for (const o of catalogue.organisations) {
			await tx
				.update(s.organisations)
				.set({ shortNameZh: o.shortName?.zh ?? null, shortNameEn: o.shortName?.en ?? null })
				.where(eq(s.organisations.id, o.id));
		}
		report.organisations = catalogue.organisations.length;
		await upsertIndicators(tx, catalogue.indicators);
		report.indicators = catalogue.indicators.length;
		// Bundles know nothing of context indicators: the catalogue alone sets what sits beside what.
		for (const i of catalogue.indicators) {
			await tx.update(s.indicators).set({ contextOf: i.contextOf, shareIn: i.shareIn }).where(eq(s.indicators.id, i.id));
		}
		// Owners are the catalogue's first guess; once a person changes one, seeding leaves it alone.
		const owned = catalogue.indicators.filter((i) => i.owner !== null);
		if (owned.length > 0) {
			await tx
				.insert(s.indicatorOwners)
				.values(owned.map((i) => ({ indicatorId: i.id, organisationId: i.owner, updatedBy: CATALOGUE_USER_ID })))
				.onConflictDoNothing();
		}

		const countPlan = (bundle: Catalogue['bundles'][number]) => {
			report.plans += 1;
			report.clauses += bundle.clauses.length;
			report.targets += bundle.targets.length;
			report.facts += bundle.facts.length;
			report.tasks += bundle.tasks.length;
		};
		// The plans come as bundles: an unchanged bundle writes nothing; revision 1 dates from the
		// plan's issue day, so books as of past days show the plan as it was published.
		for (const bundle of catalogue.bundles) {
			// A plan people revised since (review and publish, npm run plan -- import) keeps their
			// revision until the catalogue's own bundle changes.
			const [lastSeeded] = await tx
				.select({ sha256: s.planRevisions.sha256 })
				.from(s.planRevisions)
				.where(and(eq(s.planRevisions.planId, bundle.plan.id), eq(s.planRevisions.note, SEED_NOTE)))
				.orderBy(desc(s.planRevisions.revision))
				.limit(1);
			if (lastSeeded?.sha256 === bundleHash(bundle)) {
				countPlan(bundle);
				continue;
			}
			const imported = await importPlanBundle(tx, CATALOGUE_USER_ID, bundle, {
				firstPublishedAt: startOfLocalDay(bundle.plan.issuedOn, deploymentTimeZone()),
				note: SEED_NOTE,
				judge: false
			});
			if (imported.changed) report.plansChanged += 1;
			countPlan(bundle);
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
			let reason: string = CATALOGUE_REASONS.loaded;
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
				// A published figure takes an illustrative one's place as its next version: the
				// illustrative value stays in the history, and views as of earlier days still show it.
				reason = latest?.provenance === 'illustrative' && figure.provenance !== 'illustrative' ? CATALOGUE_REASONS.replacesIllustrative : CATALOGUE_REASONS.updated;
			}
			await tx.insert(s.observationVersions).values({
				observationId: observation.id,
				version: nextVersion,
				value: figure.value,
				provenance: figure.provenance,
				sourceId: figure.source,
				flags: figure.flags,
				note: figure.note,
				reason,
				recordedBy: CATALOGUE_USER_ID,
				// The first version dates from publication; a later catalogue change is known from now.
				recordedAt: nextVersion === 1 ? new Date(`${figure.recordedAt}T00:00:00Z`) : new Date()
			});
			await tx.insert(s.auditLog).values({
				userId: CATALOGUE_USER_ID,
				action: nextVersion === 1 ? 'observation.create' : 'observation.version',
				entity: 'observation',
				entityId: String(observation.id),
				detail: { indicator: figure.indicator, period: figure.period, version: nextVersion, value: figure.value, provenance: figure.provenance, reason }
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
