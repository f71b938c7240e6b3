import { loadCatalogue } from '../catalogue/load-catalogue';
import { seedCatalogue, type SeedReport } from '../catalogue/seed-catalogue';
import type { PacerConfig } from '../config';
import { migrateDatabase, openDatabase, type DatabaseHandle } from './open';

/**
 * Opens the database, applies migrations and loads the catalogue, holding the start-up lock so
 * that several instances starting together on one server do this one at a time.
 */
export async function prepareDatabase(
	config: PacerConfig,
	options: { seed: boolean } = { seed: true }
): Promise<{ handle: DatabaseHandle; seeded: SeedReport | null }> {
	const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
	try {
		const seeded = await handle.exclusive(async () => {
			await migrateDatabase(handle, config.migrationsDir);
			return options.seed ? seedCatalogue(handle.db, loadCatalogue(config.catalogueDir)) : null;
		});
		return { handle, seeded };
	} catch (error) {
		await handle.close();
		throw error;
	}
}
