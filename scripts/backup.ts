/**
 * npm run backup -- --out FILE
 * Backs up the database named by the environment: DATABASE_URL (pg_dump custom format, while the
 * app runs) or the PGlite folder PACER_DATA_DIR (a gzipped tarball; stop the server first).
 * See src/lib/server/db/backup.ts.
 */
import { readConfig } from '../src/lib/server/config.ts';
import { backupDatabase, BackupError } from '../src/lib/server/db/backup.ts';

function fail(message: string): never {
	process.stderr.write(`backup: ${message}\n`);
	process.exit(1);
}

const args = process.argv.slice(2);
let out: string | undefined;
for (let i = 0; i < args.length; i++) {
	if (args[i] === '--out') out = args[++i];
	else fail(`unknown argument ${args[i]} (usage: npm run backup -- --out FILE)`);
}
if (!out) fail('usage: npm run backup -- --out FILE');

try {
	const config = readConfig(process.env);
	const { bytes } = await backupDatabase(config, out);
	console.log(`backup: ${config.databaseUrl ? 'PostgreSQL database' : `PGlite folder ${config.dataDir}`} written to ${out} (${bytes} bytes)`);
} catch (e) {
	fail(e instanceof BackupError ? e.message : String(e instanceof Error ? e.stack : e));
}
