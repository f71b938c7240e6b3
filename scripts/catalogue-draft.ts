/**
 * Refreshes the Chinese clauses of the seed plans' bundles (catalogue/bundles/*.json) from
 * ../shared/seeds. English texts, targets, facts, tasks and plan metadata are kept: only clause
 * ids, paths, headings and zh texts come from the seed (a clause's English stays when its id does).
 *
 *   npx tsx scripts/catalogue-draft.ts [seedDir]
 */
import fs from 'node:fs';
import path from 'node:path';
import { draftClauses, SEED_LAYOUTS } from '../src/lib/server/catalogue/draft-clauses.ts';

const seedDir = process.argv[2] ?? path.resolve('../shared/seeds');

for (const layout of SEED_LAYOUTS) {
	const clauses = draftClauses(seedDir, layout);
	const file = path.resolve('catalogue/bundles', layout.planFile);
	const plan = JSON.parse(fs.readFileSync(file, 'utf8'));
	const english = new Map<string, { heading: { en: string } | null; text: { en: string } }>(plan.clauses.map((c: { id: string }) => [c.id, c]));
	plan.clauses = clauses.map((c) => ({
		id: c.id,
		path: c.path,
		heading: c.heading === null ? null : { zh: c.heading, en: english.get(c.id)?.heading?.en ?? '' },
		text: { zh: c.text, en: english.get(c.id)?.text.en ?? '' }
	}));
	fs.writeFileSync(file, JSON.stringify(plan, null, '\t') + '\n');
	console.log(`${layout.planFile}: ${clauses.length} clauses`);
}
