/**
 * npm run export -- --format json|csv
 * Prints the catalogue (every plan and its quantified targets) to stdout; messages go to stderr.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../src/lib/server/config.ts';
import { prepareDatabase } from '../src/lib/server/db/prepare.ts';
import { catalogueToCsv, exportCatalogue } from '../src/lib/server/export/catalogue-export.ts';

const { values } = parseArgs({ options: { format: { type: 'string', default: 'json' } } });
if (values.format !== 'json' && values.format !== 'csv') {
	console.error(`--format must be json or csv (got "${values.format}")`);
	process.exit(2);
}
const { handle } = await prepareDatabase(readConfig(process.env));
try {
	const catalogue = await exportCatalogue(handle.db);
	process.stdout.write(values.format === 'json' ? JSON.stringify(catalogue, null, 2) + '\n' : catalogueToCsv(catalogue));
} finally {
	await handle.close();
}
