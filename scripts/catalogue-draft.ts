/**
 * Refreshes the Chinese clauses of catalogue/plans/*.json from ../shared/seeds. English texts
 * (catalogue/translations), targets, facts and plan metadata are kept: only clause ids, paths,
 * headings and zh texts come from the seed.
 *
 *   npx tsx scripts/catalogue-draft.ts [seedDir]
 */
import fs from 'node:fs';
import path from 'node:path';
import { draftClauses, SEED_LAYOUTS } from '../src/lib/server/catalogue/draft-clauses.ts';

const seedDir = process.argv[2] ?? path.resolve('../shared/seeds');

for (const layout of SEED_LAYOUTS) {
	const clauses = draftClauses(seedDir, layout);
	const file = path.resolve('catalogue/plans', layout.planFile);
	const plan = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
	plan.clauses = clauses.map((c) => ({
		id: c.id,
		path: c.path,
		heading: c.heading === null ? null : { zh: c.heading, en: '' },
		text: { zh: c.text, en: '' }
	}));
	plan.targets ??= [];
	plan.facts ??= [];
	fs.writeFileSync(file, JSON.stringify(plan, null, '\t') + '\n');
	console.log(`${layout.planFile}: ${clauses.length} clauses`);
}
