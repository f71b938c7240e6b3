/**
 * Backup and restore of Pacer's database, for `npm run backup` and `npm run restore`.
 *
 * - PostgreSQL: `pg_dump --format=custom` (everything in the database: tables, sequences, the
 *   migrations journal), restored with `pg_restore` into the database in DATABASE_URL, inside one
 *   transaction with the dropping of what was there, so a failed restore changes nothing. The
 *   client tools come from PACER_PG_BIN, else PATH (Debian's postgresql-client), and must be at
 *   least as new as the server. Runs while the app serves (pg_dump reads one consistent snapshot).
 * - PGlite: the data folder as a gzipped tarball (PGlite's dumpDataDir), restored with its
 *   loadDataDir into a new folder that then takes the old one's place. The tarball is the whole
 *   folder, so it holds the book PDFs kept there as files (books/, see books/pdf-store.ts); on
 *   PostgreSQL they are the book_pdfs table, in the dump with the rest. PGlite is one process's
 *   database, so both need the server stopped; the folder's pacer.pid says who holds it.
 *
 * A restore refuses a database that already holds data unless `force` is set.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { PacerConfig } from '../config';
import { claimDataFolder } from './open';

export class BackupError extends Error {}

/** What a backup file holds, from its first bytes: pg_dump's custom format, or a gzipped PGlite tarball. */
export function backupKind(head: Uint8Array): 'postgres' | 'pglite' | null {
	if (new TextDecoder().decode(head.slice(0, 5)) === 'PGDMP') return 'postgres';
	if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
	return null;
}

/** The PostgreSQL client tool `name`: in PACER_PG_BIN when set, else found on PATH. */
function pgTool(name: 'pg_dump' | 'pg_restore' | 'psql', env: Record<string, string | undefined>): string {
	return env.PACER_PG_BIN?.trim() ? path.join(env.PACER_PG_BIN.trim(), name) : name;
}

/** Runs a command, feeding it `input` when given; rejects with its stderr when it fails. */
function run(command: string, args: string[], options: { stdin?: NodeJS.ReadableStream; prelude?: string } = {}): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: [options.stdin || options.prelude ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr!.on('data', (d) => (stderr += d));
		child.on('error', (e) =>
			reject(new BackupError((e as NodeJS.ErrnoException).code === 'ENOENT' ? `${command} not found: install postgresql-client or set PACER_PG_BIN` : e.message))
		);
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${path.basename(command)} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`))));
		if (options.prelude !== undefined) child.stdin!.write(options.prelude);
		if (options.stdin) options.stdin.pipe(child.stdin!);
		else if (child.stdin) child.stdin.end();
	});
}

/** Writes a file whole or not at all: a failed backup leaves no truncated file behind. */
async function writeAtomically(out: string, write: (partial: string) => Promise<void>) {
	const partial = `${out}.partial-${process.pid}`;
	try {
		await write(partial);
		fs.renameSync(partial, out);
	} finally {
		fs.rmSync(partial, { force: true });
	}
}

export async function backupDatabase(config: PacerConfig, out: string, env: Record<string, string | undefined> = process.env): Promise<{ bytes: number }> {
	if (config.databaseUrl) {
		await writeAtomically(out, (partial) =>
			run(pgTool('pg_dump', env), ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${config.databaseUrl}`])
		);
	} else {
		if (!fs.existsSync(path.join(config.dataDir, 'PG_VERSION'))) throw new BackupError(`no PGlite database in ${config.dataDir} (PACER_DATA_DIR): nothing to back up`);
		const release = claimFolder(config.dataDir, 'back it up');
		try {
			const db = new PGlite(config.dataDir);
			try {
				await db.waitReady;
				const dump = await db.dumpDataDir('gzip');
				const bytes = new Uint8Array(await dump.arrayBuffer());
				await writeAtomically(out, async (partial) => fs.writeFileSync(partial, bytes));
			} finally {
				await db.close();
			}
		} finally {
			release();
		}
	}
	return { bytes: fs.statSync(out).size };
}

export async function restoreDatabase(
	config: PacerConfig,
	input: string,
	options: { force: boolean },
	env: Record<string, string | undefined> = process.env
): Promise<void> {
	if (!fs.existsSync(input)) throw new BackupError(`${input}: no such file`);
	const head = new Uint8Array(8);
	const fd = fs.openSync(input, 'r');
	fs.readSync(fd, head, 0, 8, 0);
	fs.closeSync(fd);
	const kind = backupKind(head);
	const target = config.databaseUrl ? 'postgres' : 'pglite';
	if (kind === null) throw new BackupError(`${input} is not a Pacer backup (neither a pg_dump custom archive nor a PGlite tarball)`);
	if (kind !== target) {
		throw new BackupError(
			kind === 'postgres'
				? `${input} is a PostgreSQL backup (pg_dump), but DATABASE_URL is not set: set it to the PostgreSQL database to restore into`
				: `${input} is a PGlite backup (data-folder tarball), but DATABASE_URL is set: unset it and set PACER_DATA_DIR to restore into an embedded folder`
		);
	}
	if (config.databaseUrl) await restorePostgres(config.databaseUrl, input, options, env);
	else await restorePglite(config.dataDir, input, options);
}

async function restorePostgres(url: string, input: string, options: { force: boolean }, env: Record<string, string | undefined>) {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const [{ tables }] = await sql<{ tables: number }[]>`
			select count(*)::int as tables from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`;
		if (tables > 0 && !options.force) {
			throw new BackupError(`the database in DATABASE_URL is not empty (${tables} tables): pass --force to replace everything in it with the backup`);
		}
		const [{ others }] = await sql<{ others: number }[]>`
			select count(*)::int as others from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
		if (others > 0) console.warn(`restore: ${others} other sessions use this database (running Pacer instances?): stop them first, their caches would outlive the restore`);
	} finally {
		await sql.end();
	}
	// pg_restore writes the backup as SQL; psql runs it after dropping what is there, all in one
	// transaction: a restore that fails half-way leaves the database as it was.
	const restore = spawn(pgTool('pg_restore', env), ['--no-owner', '--no-privileges', '--file=-', input], { stdio: ['ignore', 'pipe', 'pipe'] });
	let restoreErrors = '';
	restore.stderr.on('data', (d) => (restoreErrors += d));
	const restored = new Promise<void>((resolve, reject) => {
		restore.on('error', (e) => reject(new BackupError((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'pg_restore not found: install postgresql-client or set PACER_PG_BIN' : e.message)));
		restore.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`pg_restore failed (exit ${code}): ${restoreErrors.trim().slice(0, 2000)}`))));
	});
	const prelude = 'drop schema if exists drizzle cascade;\ndrop schema if exists public cascade;\ncreate schema public;\n';
	await Promise.all([
		restored,
		run(pgTool('psql', env), ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', `--dbname=${url}`], { stdin: restore.stdout, prelude })
	]);
}

async function restorePglite(dataDir: string, input: string, options: { force: boolean }) {
	const occupied = fs.existsSync(dataDir) && fs.readdirSync(dataDir).some((f) => f !== 'pacer.pid');
	if (occupied && !options.force) {
		throw new BackupError(`the data folder ${dataDir} is not empty: pass --force to replace it with the backup`);
	}
	const release = fs.existsSync(dataDir) ? claimFolder(dataDir, 'restore into it') : () => {};
	const incoming = `${dataDir}.restoring-${process.pid}`;
	const outgoing = `${dataDir}.replaced-${process.pid}`;
	try {
		fs.rmSync(incoming, { recursive: true, force: true });
		// Loaded and checked in a folder of its own first: the old folder stays until the new one opens.
		const db = new PGlite(incoming, { loadDataDir: new Blob([fs.readFileSync(input)]) });
		try {
			await db.query('select count(*) from pg_catalog.pg_class');
		} finally {
			await db.close();
		}
		if (fs.existsSync(dataDir)) fs.renameSync(dataDir, outgoing);
		fs.renameSync(incoming, dataDir);
		fs.rmSync(outgoing, { recursive: true, force: true });
	} catch (e) {
		fs.rmSync(incoming, { recursive: true, force: true });
		if (!fs.existsSync(dataDir) && fs.existsSync(outgoing)) fs.renameSync(outgoing, dataDir);
		throw e;
	} finally {
		// The old folder, and its pacer.pid, are gone when the restore went through.
		if (fs.existsSync(path.join(dataDir, 'pacer.pid'))) release();
	}
}

/** Holds the PGlite folder for the command, or says plainly that the server has it. */
function claimFolder(dataDir: string, purpose: string): () => void {
	try {
		return claimDataFolder(dataDir);
	} catch (e) {
		throw new BackupError(
			`${e instanceof Error ? e.message : e}. PGlite's folder belongs to one process: stop the server to ${purpose} (or run Pacer on PostgreSQL, whose backups run while it serves)`
		);
	}
}
