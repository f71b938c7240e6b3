/**
 * Reads and checks the catalogue: the seed plans as plan bundles (catalogue/bundles/*.json, see
 * domain/intake/bundle-schema.ts), and indicators.json, organisations.json and observations.json
 * for every indicator, unit and figure. Throws with the file and path of the first problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
	catalogueIndicators,
	catalogueObservations,
	catalogueOrganisations,
	type CatalogueIndicator,
	type CatalogueObservations,
	type CatalogueOrganisation,
	type CataloguePlan,
	type CatalogueTaskList
} from './catalogue-schema';
import { BundleError, parsePlanBundle, type PlanBundle } from '../plans/bundle';

export interface Catalogue {
	/** The seed plans, as imported (plans/bundle.ts). */
	bundles: PlanBundle[];
	/** The same plans read as plan, clauses, targets and facts. */
	plans: CataloguePlan[];
	indicators: CatalogueIndicator[];
	observations: CatalogueObservations;
	/** Departments and units named as responsible (catalogue/organisations.json). */
	organisations: CatalogueOrganisation[];
	/** Each plan's tasks or measures, from its bundle; a plan without any has none. */
	tasks: CatalogueTaskList[];
}

export const defaultCatalogueDir = () => path.resolve(process.cwd(), 'catalogue');

function readJson(file: string): unknown {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
	const result = schema.safeParse(value);
	if (!result.success) {
		const issue = result.error.issues[0];
		throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
	}
	return result.data;
}

/** A bundle read as the catalogue's plan shape. */
function planOf(b: PlanBundle): CataloguePlan {
	return { ...b.plan, clauses: b.clauses, targets: b.targets, facts: b.facts };
}

/** A bundle's tasks as one list per kind. */
function taskListsOf(b: PlanBundle): CatalogueTaskList[] {
	const kinds = [...new Set(b.tasks.map((t) => t.kind))];
	return kinds.map((kind) => ({ plan: b.plan.id, kind, tasks: b.tasks.filter((t) => t.kind === kind).map(({ kind: _kind, ...t }) => t) }));
}

/** Loads the catalogue and checks that it holds together (references, quotes, unique ids). */
export function loadCatalogue(dir = defaultCatalogueDir()): Catalogue {
	const bundleDir = path.join(dir, 'bundles');
	const bundles = fs
		.readdirSync(bundleDir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const file = path.join(bundleDir, f);
			try {
				return parsePlanBundle(readJson(file));
			} catch (error) {
				throw error instanceof BundleError ? new Error(`${file}: ${error.message}`) : error;
			}
		});
	const plans = bundles.map(planOf);
	const indicatorsFile = path.join(dir, 'indicators.json');
	const indicators = parseOrThrow(catalogueIndicators, readJson(indicatorsFile), indicatorsFile);
	const observationsFile = path.join(dir, 'observations.json');
	const observations = parseOrThrow(catalogueObservations, readJson(observationsFile), observationsFile);
	const organisationsFile = path.join(dir, 'organisations.json');
	const organisations = fs.existsSync(organisationsFile)
		? parseOrThrow(catalogueOrganisations, readJson(organisationsFile), organisationsFile)
		: [];
	const tasks = bundles.flatMap(taskListsOf);
	const catalogue = { bundles, plans, indicators, observations, organisations, tasks };
	checkIntegrity(catalogue);
	return catalogue;
}

function assertUnique(ids: string[], what: string) {
	const seen = new Set<string>();
	for (const id of ids) {
		if (seen.has(id)) throw new Error(`catalogue: duplicate ${what} id "${id}"`);
		seen.add(id);
	}
}

function checkIntegrity({ plans, indicators, observations, organisations, tasks }: Catalogue) {
	const indicatorIds = new Set(indicators.map((i) => i.id));
	const sourceIds = new Set(observations.sources.map((s) => s.id));
	assertUnique(plans.map((p) => p.id), 'plan');
	assertUnique(plans.flatMap((p) => p.clauses.map((c) => c.id)), 'clause');
	assertUnique(plans.flatMap((p) => p.targets.map((t) => t.id)), 'target');
	assertUnique([...indicatorIds], 'indicator');
	assertUnique(observations.sources.map((s) => s.id), 'source');
	for (const plan of plans) {
		const clauseText = new Map(plan.clauses.map((c) => [c.id, c.text.zh]));
		for (const target of plan.targets) {
			const text = clauseText.get(target.clause);
			if (text === undefined) throw new Error(`target ${target.id}: no clause ${target.clause} in ${plan.id}`);
			if (!text.includes(target.quote)) throw new Error(`target ${target.id}: quote not found in clause ${target.clause}`);
			for (const ref of [target.indicator, target.shareOf]) {
				if (ref !== null && !indicatorIds.has(ref)) throw new Error(`target ${target.id}: unknown indicator ${ref}`);
			}
		}
		for (const fact of plan.facts) {
			const text = clauseText.get(fact.clause);
			if (text === undefined || !text.includes(fact.quote)) {
				throw new Error(`fact "${fact.quote}": not found in clause ${fact.clause} of ${plan.id}`);
			}
		}
	}
	const organisationIds = new Set(organisations.map((o) => o.id));
	assertUnique([...organisations.map((o) => o.id)], 'organisation');
	assertUnique(tasks.flatMap((list) => list.tasks.map((t) => t.id)), 'task');
	for (const indicator of indicators) {
		if (indicator.owner !== null && !organisationIds.has(indicator.owner)) {
			throw new Error(`indicator ${indicator.id}: unknown owner organisation ${indicator.owner}`);
		}
		for (const ref of [indicator.contextOf, indicator.shareIn]) {
			if (ref !== null && !indicatorIds.has(ref)) throw new Error(`indicator ${indicator.id}: unknown indicator ${ref}`);
		}
		if (indicator.shareIn !== null && (indicator.contextOf === null || indicator.unit !== '%')) {
			throw new Error(`indicator ${indicator.id}: a stated share names the indicator it is a share of and is in %`);
		}
	}
	for (const list of tasks) {
		const plan = plans.find((p) => p.id === list.plan);
		if (!plan) throw new Error(`tasks: unknown plan ${list.plan}`);
		const clauseText = new Map(plan.clauses.map((c) => [c.id, c.text.zh]));
		const targetClause = new Map(plan.targets.map((t) => [t.id, t.clause]));
		for (const task of list.tasks) {
			for (const ref of [task.clause, task.bodyClause]) {
				if (ref !== null && !clauseText.has(ref)) throw new Error(`task ${task.id}: no clause ${ref} in ${plan.id}`);
			}
			for (const unit of task.units) {
				if (!organisationIds.has(unit)) throw new Error(`task ${task.id}: unknown organisation ${unit}`);
			}
			assertUnique(task.units, `unit of task ${task.id}`);
			for (const link of task.targets) {
				const clause = targetClause.get(link.target);
				if (clause === undefined) throw new Error(`task ${task.id}: unknown target ${link.target} in ${plan.id}`);
				// A link is only as good as the words that make it: they must be in the task or its clause.
				const words = [task.title.zh, task.text.zh, clauseText.get(task.clause), task.bodyClause && clauseText.get(task.bodyClause)];
				if (link.basis === 'clause' && clause !== task.clause) {
					throw new Error(`task ${task.id}: target ${link.target} is not in the task's clause`);
				}
				if (!words.some((w) => w?.includes(link.quote))) throw new Error(`task ${task.id}: link quote "${link.quote}" not found`);
			}
		}
	}
	// One figure per indicator, span and basis: a published figure replaces an illustrative one, never sits beside it.
	assertUnique(observations.observations.map((o) => `${o.indicator} ${o.periodStart}..${o.periodEnd} ${o.basis}`), 'observation');
	for (const o of observations.observations) {
		if (!indicatorIds.has(o.indicator)) throw new Error(`observation ${o.indicator} ${o.period}: unknown indicator`);
		if (o.source !== null && !sourceIds.has(o.source)) throw new Error(`observation ${o.indicator} ${o.period}: unknown source ${o.source}`);
		if (o.provenance === 'illustrative' ? o.source !== null : o.source === null) {
			throw new Error(`observation ${o.indicator} ${o.period}: published figures need a source, illustrative ones have none`);
		}
	}
}
