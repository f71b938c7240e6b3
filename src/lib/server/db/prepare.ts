import { sql } from 'drizzle-orm';
import { loadCatalogue } from '../catalogue/load-catalogue';
import { seedCatalogue, type SeedReport } from '../catalogue/seed-catalogue';
import type { PacerConfig } from '../config';
import { BookPdfFiles, bookPdfStore, moveBookPdfsToFiles } from '../books/pdf-store';
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
			// A SQL migration cannot write files: the PDFs 0011 took out of the books rows become files here.
			const pdfs = bookPdfStore(handle);
			if (pdfs instanceof BookPdfFiles) {
				const moved = await moveBookPdfsToFiles(handle.db, pdfs);
				if (moved) {
					// PGlite runs no autovacuum: the space the PDFs held in the database is made reusable here.
					await handle.db.execute(sql`vacuum books, book_pdfs`);
					console.log(`books: moved ${moved} book PDFs out of the database into ${pdfs.folder}`);
				}
			}
			return options.seed ? seedCatalogue(handle.db, loadCatalogue(config.catalogueDir)) : null;
		});
		return { handle, seeded };
	} catch (error) {
		await handle.close();
		throw error;
	}
}
