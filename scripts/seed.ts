/** npm run seed: migrates the database and loads the catalogue (safe to re-run). */
import { readConfig } from '../src/lib/server/config.ts';
import { prepareDatabase } from '../src/lib/server/db/prepare.ts';

const config = readConfig(process.env);
const { handle, seeded } = await prepareDatabase(config);
await handle.close();
console.log(`${handle.backend === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'}: catalogue loaded`, seeded);
