/**
 * npm run restore -- --in FILE [--force]
 * Restores a backup made by `npm run backup` into the database named by the environment
 * (DATABASE_URL, or the PGlite folder PACER_DATA_DIR). Refuses a database that holds data unless
 * --force is given; stop the app first. See src/lib/server/db/backup.ts.
 */
import { readConfig } from '../src/lib/server/config.ts';
import { BackupError, restoreDatabase } from '../src/lib/server/db/backup.ts';

function fail(message: string): never {
	process.stderr.write(`restore: ${message}\n`);
	process.exit(1);
}

const args = process.argv.slice(2);
let input: string | undefined;
let force = false;
for (let i = 0; i < args.length; i++) {
	if (args[i] === '--in') input = args[++i];
	else if (args[i] === '--force') force = true;
	else fail(`unknown argument ${args[i]} (usage: npm run restore -- --in FILE [--force])`);
}
if (!input) fail('usage: npm run restore -- --in FILE [--force]');

try {
	const config = readConfig(process.env);
	await restoreDatabase(config, input, { force });
	console.log(`restore: ${input} restored into ${config.databaseUrl ? 'the PostgreSQL database' : `the PGlite folder ${config.dataDir}`}`);
} catch (e) {
	fail(e instanceof BackupError ? e.message : String(e instanceof Error ? e.stack : e));
}
