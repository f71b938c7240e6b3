/**
 * Seeds a throwaway in-memory database with a catalogue and prints how much rests on published
 * figures (src/lib/server/catalogue/counts.ts). Compare two catalogues, e.g. before and after a change:
 *
 *   npx tsx scripts/catalogue-counts.ts [--catalogue DIR]
 */
import path from 'node:path';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/open.ts';
import { loadCatalogue } from '../src/lib/server/catalogue/load-catalogue.ts';
import { seedCatalogue } from '../src/lib/server/catalogue/seed-catalogue.ts';
import { catalogueCounts } from '../src/lib/server/catalogue/counts.ts';

const at = process.argv.indexOf('--catalogue');
const dir = path.resolve(at > 0 ? process.argv[at + 1] : 'catalogue');
const handle = await openDatabase({ dataDir: 'memory://' });
try {
	await migrateDatabase(handle, path.resolve('drizzle'));
	await seedCatalogue(handle.db, loadCatalogue(dir));
	console.log(JSON.stringify({ catalogue: dir, ...(await catalogueCounts(handle.db)) }, null, 2));
} finally {
	await handle.close();
}
