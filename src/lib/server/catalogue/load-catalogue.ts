/**
 * Reads and checks the catalogue files: catalogue/plans/*.json (clauses, targets, facts),
 * catalogue/translations/*.en.json (English clause texts) and *.facts.json, indicators.json and
 * observations.json. Throws with the file and path of the first problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
	catalogueFact,
	catalogueIndicators,
	catalogueObservations,
	cataloguePlan,
	type CatalogueIndicator,
	type CatalogueObservations,
	type CataloguePlan
} from './catalogue-schema';

export interface Catalogue {
	plans: CataloguePlan[];
	indicators: CatalogueIndicator[];
	observations: CatalogueObservations;
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

type ClauseTranslation = Record<string, { heading: string | null; text: string }>;

/** Puts the English of the translation file into the plan's clauses and adds its facts. */
function withTranslations(raw: Record<string, unknown>, dir: string, planFile: string) {
	const base = planFile.replace(/\.json$/, '');
	const translationFile = path.join(dir, 'translations', `${base}.en.json`);
	const factsFile = path.join(dir, 'translations', `${base}.facts.json`);
	const english = fs.existsSync(translationFile) ? (readJson(translationFile) as ClauseTranslation) : {};
	const clauses = (raw.clauses as Array<{ id: string; heading: { zh: string; en: string } | null; text: { zh: string; en: string } }>).map(
		(clause) => {
			const en = english[clause.id];
			return {
				...clause,
				heading: clause.heading && { zh: clause.heading.zh, en: en?.heading ?? clause.heading.en },
				text: { zh: clause.text.zh, en: en?.text ?? clause.text.en }
			};
		}
	);
	const facts = fs.existsSync(factsFile) ? parseOrThrow(catalogueFact.array(), readJson(factsFile), factsFile) : [];
	return { ...raw, clauses, facts: [...((raw.facts as unknown[]) ?? []), ...facts] };
}

/** Loads the catalogue and checks that it holds together (references, quotes, unique ids). */
export function loadCatalogue(dir = defaultCatalogueDir()): Catalogue {
	const planDir = path.join(dir, 'plans');
	const plans = fs
		.readdirSync(planDir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const file = path.join(planDir, f);
			return parseOrThrow(cataloguePlan, withTranslations(readJson(file) as Record<string, unknown>, dir, f), file);
		});
	const indicatorsFile = path.join(dir, 'indicators.json');
	const indicators = parseOrThrow(catalogueIndicators, readJson(indicatorsFile), indicatorsFile);
	const observationsFile = path.join(dir, 'observations.json');
	const observations = parseOrThrow(catalogueObservations, readJson(observationsFile), observationsFile);
	checkIntegrity({ plans, indicators, observations });
	return { plans, indicators, observations };
}

function assertUnique(ids: string[], what: string) {
	const seen = new Set<string>();
	for (const id of ids) {
		if (seen.has(id)) throw new Error(`catalogue: duplicate ${what} id "${id}"`);
		seen.add(id);
	}
}

function checkIntegrity({ plans, indicators, observations }: Catalogue) {
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
	for (const o of observations.observations) {
		if (!indicatorIds.has(o.indicator)) throw new Error(`observation ${o.indicator} ${o.period}: unknown indicator`);
		if (o.source !== null && !sourceIds.has(o.source)) throw new Error(`observation ${o.indicator} ${o.period}: unknown source ${o.source}`);
		if (o.provenance === 'illustrative' ? o.source !== null : o.source === null) {
			throw new Error(`observation ${o.indicator} ${o.period}: published figures need a source, illustrative ones have none`);
		}
	}
}
