/**
 * One-off: turns the catalogue's plan files (catalogue/plans, tasks, translations) into plan
 * bundles under catalogue/bundles, which are the seed plans' source from then on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from '../src/lib/server/catalogue/load-catalogue.ts';
import { planSourceText } from '../src/lib/server/catalogue/seed-catalogue.ts';
import { canonicalBundle, planBundle, bundleProblems, type PlanBundle } from '../src/lib/domain/intake/bundle-schema.ts';

const dir = path.resolve('catalogue');
const catalogue = loadCatalogue(dir);
fs.mkdirSync(path.join(dir, 'bundles'), { recursive: true });
for (const plan of catalogue.plans) {
	const used = new Set(plan.targets.flatMap((t) => [t.indicator, ...(t.shareOf ? [t.shareOf] : [])]));
	const lists = catalogue.tasks.filter((l) => l.plan === plan.id);
	const units = new Set(lists.flatMap((l) => l.tasks.flatMap((t) => t.units)));
	const bundle: PlanBundle = {
		schemaVersion: 1,
		plan: {
			id: plan.id,
			title: plan.title,
			issuer: plan.issuer,
			documentNumber: plan.documentNumber,
			area: plan.area,
			issuedOn: plan.issuedOn,
			effectiveFrom: plan.effectiveFrom,
			effectiveTo: plan.effectiveTo,
			sourceUrl: plan.sourceUrl,
			sourceNote: plan.sourceNote,
			sourceText: planSourceText(plan)
		},
		clauses: plan.clauses,
		targets: plan.targets,
		indicators: catalogue.indicators.filter((i) => used.has(i.id)).map(({ owner: _owner, ...i }) => i),
		organisations: catalogue.organisations.filter((o) => units.has(o.id)),
		tasks: lists.flatMap((l) => l.tasks.map((t) => ({ ...t, kind: l.kind, due: t.due ?? plan.effectiveTo }))),
		facts: plan.facts
	};
	const checked = canonicalBundle(planBundle.parse(bundle));
	const problems = bundleProblems(checked);
	if (problems.length) throw new Error(`${plan.id}: ${problems.join('; ')}`);
	fs.writeFileSync(path.join(dir, 'bundles', `${plan.id}.json`), JSON.stringify(checked, null, '\t') + '\n');
	console.log(`catalogue/bundles/${plan.id}.json: ${checked.clauses.length} clauses, ${checked.targets.length} targets, ${checked.tasks.length} tasks, ${checked.facts.length} facts`);
}
