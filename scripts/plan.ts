/**
 * npm run plan -- export ID [--out FILE]   prints (or writes) a plan's bundle
 * npm run plan -- import FILE              imports a bundle: a new plan, a new revision, or nothing
 * Uses the database of the configuration (DATABASE_URL or PACER_DATA_DIR), migrated and seeded
 * like `npm run seed`. Messages go to stderr, the bundle to stdout.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/lib/server/config.ts';
import { prepareDatabase } from '../src/lib/server/db/prepare.ts';
import { CATALOGUE_USER_ID } from '../src/lib/server/catalogue/seed-catalogue.ts';
import * as s from '../src/lib/server/db/schema.ts';
import { BundleError, exportPlanBundle, importPlanBundle } from '../src/lib/server/plans/bundle.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
const [command, argument] = positionals;
if (!['export', 'import'].includes(command) || !argument) {
	console.error('usage: npm run plan -- export ID [--out FILE] | npm run plan -- import FILE');
	process.exit(2);
}

const { handle } = await prepareDatabase(readConfig(process.env));
let status = 0;
try {
	if (command === 'export') {
		const bundle = await exportPlanBundle(handle.db, argument);
		if (!bundle) {
			console.error(`no plan with id "${argument}"`);
			status = 1;
		} else {
			const json = JSON.stringify(bundle, null, '\t') + '\n';
			if (values.out) {
				fs.writeFileSync(values.out, json);
				console.error(`${argument}: ${bundle.targets.length} targets, ${bundle.clauses.length} clauses written to ${values.out}`);
			} else process.stdout.write(json);
		}
	} else {
		const bundle = JSON.parse(fs.readFileSync(argument, 'utf8'));
		await handle.db
			.insert(s.users)
			.values({ id: CATALOGUE_USER_ID, username: 'catalogue', displayName: 'Catalogue loader', role: 'admin', isSystem: true })
			.onConflictDoNothing();
		// Imports from the command line are the system's, like the catalogue's.
		const result = await importPlanBundle(handle.db, CATALOGUE_USER_ID, bundle, { note: `npm run plan -- import ${argument}` });
		console.log(
			result.changed
				? `${result.planId}: imported as revision ${result.revision}`
				: `${result.planId}: unchanged (revision ${result.revision} already says the same)`
		);
	}
} catch (error) {
	if (error instanceof BundleError || error instanceof SyntaxError) {
		console.error(`${argument}: ${error.message}`);
		status = 1;
	} else throw error;
} finally {
	await handle.close();
}
process.exitCode = status;
