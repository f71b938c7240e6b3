/**
 * Pacer's configuration, read from the environment once. The app passes `$env/dynamic/private`,
 * scripts pass process.env: both end here, so the rules live in one place.
 */
import path from 'node:path';

export interface PacerConfig {
	/** postgres://…; absent means the embedded PGlite database in dataDir. */
	databaseUrl: string | undefined;
	dataDir: string;
	catalogueDir: string;
	migrationsDir: string;
}

export function readConfig(env: Record<string, string | undefined>): PacerConfig {
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
		throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${databaseUrl.slice(0, 20)}…")`);
	}
	return {
		databaseUrl,
		dataDir: path.resolve(env.PACER_DATA_DIR?.trim() || 'data'),
		catalogueDir: path.resolve(env.PACER_CATALOGUE_DIR?.trim() || 'catalogue'),
		migrationsDir: path.resolve(env.PACER_MIGRATIONS_DIR?.trim() || 'drizzle')
	};
}
