/**
 * Imports of figures from CSV or XLSX: preview (nothing written but the file), commit (all rows or
 * none, in one transaction, as one recorded import), revert (new versions that restore what the
 * import replaced). Importing the same file again finds every row unchanged and changes nothing.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { todayIn } from '../../domain/dates';
import { checkRows, figureKey, importVocabulary, indicatorIdOf, readHeader, type CheckedRow, type CurrentFigure, type ImportIssue } from '../../domain/import-rows';
import type { Role } from '../../domain/plan';
import { mayRecordProvenance } from '../../domain/roles';
import { deploymentTimeZone } from '../config';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { refreshJudgements } from '../queries/judgements';
import { latestVersions } from '../queries/observation-reads';
import { importLabels } from './labels';
import { readTable, type ProblemDetail, type TableProblem } from './read-table';
import { rowsOf } from '../db/rows';

/** Rows written per INSERT statement. */
const CHUNK = 5000;

export interface ImportCheck {
	format: 'csv' | 'xlsx';
	encoding: 'utf-8' | 'gbk' | null;
	headerIssues: ImportIssue[];
	rows: CheckedRow[];
	counts: { rows: number; new: number; correction: number; unchanged: number; error: number };
}

export type ImportPreview =
	| { ok: true; importId: number; fileName: string; sha256: string; check: ImportCheck; alreadyImported: { id: number; committedAt: Date } | null }
	| { ok: false; problem: TableProblem; detail?: ProblemDetail };

/** A preview nobody committed is deleted after this long, file and all. */
export const PREVIEW_TTL_HOURS = 24;

export class ImportRefusedError extends Error {
	constructor(
		readonly reason: 'not_found' | 'not_previewed' | 'has_errors' | 'changed_since_preview' | 'not_committed' | 'changed_since_import',
		readonly rows: number[] = []
	) {
		super(`import refused: ${reason}${rows.length ? ` (rows ${rows.slice(0, 20).join(', ')})` : ''}`);
	}
}

/** Reads and checks a file against the database's current figures, for the user who imports it. */
async function checkFile(db: Database | Transaction, fileName: string, bytes: Uint8Array, userId: string): Promise<{ ok: true; check: ImportCheck } | { ok: false; problem: TableProblem; detail?: ProblemDetail }> {
	const table = await readTable(fileName, bytes);
	if (!table.ok) return table;
	const [header = [], ...data] = table.rows;
	const { columns, issues: headerIssues } = readHeader(header);
	const indicatorRows = await db
		.select({ id: s.indicators.id, nameZh: s.indicators.nameZh, nameEn: s.indicators.nameEn, unit: s.indicators.unit, frequency: s.indicators.frequency })
		.from(s.indicators);
	const sourceRows = await db.select({ id: s.sources.id, publisher: s.sources.publisher, title: s.sources.title, publishedOn: s.sources.publishedOn, url: s.sources.url }).from(s.sources);
	const vocabulary = importVocabulary(indicatorRows, sourceRows, importLabels());
	// The role as stored now, not as the session remembered it: illustrative rows are for admins only.
	const [author] = await db.select({ role: s.users.role }).from(s.users).where(eq(s.users.id, userId));
	const role: Role = author?.role ?? 'viewer';
	const indicatorIndex = columns.indexOf('indicator');
	const known = [...new Set(data.map((r) => indicatorIdOf(vocabulary, r[indicatorIndex] ?? '')).filter((id): id is string => id !== null))];
	const current = new Map<string, CurrentFigure>();
	// Withdrawn figures count too: re-importing after a revert adds a version, not a second observation.
	for (const o of await latestVersions(db as Database, known)) {
		current.set(figureKey(o.indicatorId, o.periodStart, o.periodEnd, o.basis), {
			observationId: o.observationId,
			version: o.version,
			value: o.value,
			provenance: o.provenance,
			sourceId: o.sourceId,
			flags: o.flags,
			note: o.note
		});
	}
	const rows = headerIssues.length
		? []
		: checkRows(data, columns, {
				vocabulary,
				current: (key) => current.get(key),
				mayRecord: (provenance) => mayRecordProvenance(role, provenance),
				today: todayIn(new Date(), deploymentTimeZone())
			});
	// Formula cells of a spreadsheet are errors at their own row and column (rows looked up by number:
	// a search per cell made 60,000 formula rows take half a minute).
	const byNumber = new Map(rows.map((r) => [r.row, r]));
	for (const cell of table.formulaCells) {
		const row = byNumber.get(cell.row);
		const issue: ImportIssue = { row: cell.row, column: columns[cell.column - 1] ?? String(cell.column), code: 'formula' };
		if (row) {
			row.status = 'error';
			if (!row.issues.some((i) => i.column === issue.column && i.code === 'formula')) row.issues.push(issue);
		}
	}
	if (!headerIssues.length && rows.length === 0) headerIssues.push({ row: 0, column: null, code: 'no_rows' });
	const count = (status: CheckedRow['status']) => rows.filter((r) => r.status === status).length;
	return {
		ok: true,
		check: {
			format: table.format,
			encoding: table.encoding,
			headerIssues,
			rows,
			counts: { rows: rows.length, new: count('new'), correction: count('correction'), unchanged: count('unchanged'), error: count('error') }
		}
	};
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The uploaded file's name as recorded: no control characters (PostgreSQL's text holds no NUL), at most 200 characters. */
export function cleanFileName(name: string): string {
	return name.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200) || 'file';
}

/** Deletes previews older than PREVIEW_TTL_HOURS that were never committed: their files are of no further use. */
export async function expirePreviews(db: Database, now = new Date()): Promise<number> {
	const before = new Date(now.getTime() - PREVIEW_TTL_HOURS * 3600_000);
	const gone = await db
		.delete(s.imports)
		.where(and(eq(s.imports.status, 'previewed'), sql`${s.imports.createdAt} < ${before.toISOString()}::timestamptz`))
		.returning({ id: s.imports.id });
	return gone.length;
}

export async function previewImport(db: Database, uploadedName: string, bytes: Uint8Array, userId: string): Promise<ImportPreview> {
	await expirePreviews(db);
	const fileName = cleanFileName(uploadedName);
	const checked = await checkFile(db, fileName, bytes, userId);
	if (!checked.ok) return checked;
	const { check } = checked;
	const digest = sha256(bytes);
	// A file with errors can never be committed: its preview is recorded without the file.
	const committable = !check.headerIssues.length && !check.counts.error;
	const [earlier] = await db
		.select({ id: s.imports.id, committedAt: s.imports.committedAt })
		.from(s.imports)
		.where(and(eq(s.imports.sha256, digest), eq(s.imports.status, 'committed')))
		.orderBy(desc(s.imports.id))
		.limit(1);
	const [row] = await db
		.insert(s.imports)
		.values({
			fileName,
			sha256: digest,
			format: check.format,
			file: committable ? bytes : new Uint8Array(0),
			status: 'previewed',
			rowCount: check.counts.rows,
			addedCount: check.counts.new,
			correctedCount: check.counts.correction,
			unchangedCount: check.counts.unchanged,
			errorCount: check.counts.error + check.headerIssues.length,
			seen: Object.fromEntries(seenVersions(check)),
			createdBy: userId
		})
		.returning({ id: s.imports.id });
	return { ok: true, importId: row.id, fileName, sha256: digest, check, alreadyImported: earlier?.committedAt ? { id: earlier.id, committedAt: earlier.committedAt } : null };
}

/** Writes a previewed import: every row or none. Corrections must still replace the version seen at preview. */
export async function commitImport(db: Database, importId: number, userId: string) {
	return db.transaction(async (tx) => {
		const [record] = await tx.select().from(s.imports).where(eq(s.imports.id, importId)).for('update');
		if (!record) throw new ImportRefusedError('not_found');
		if (record.status !== 'previewed') throw new ImportRefusedError('not_previewed');
		const checked = await checkFile(tx, record.fileName, record.file, userId);
		if (!checked.ok) throw new ImportRefusedError('has_errors');
		const { check } = checked;
		const seen = new Map(Object.entries(record.seen).map(([id, version]) => [Number(id), version]));
		if (check.headerIssues.length || check.counts.error) throw new ImportRefusedError('has_errors', check.rows.filter((r) => r.status === 'error').map((r) => r.row));
		// A figure someone changed between preview and commit is not silently replaced.
		const moved = check.rows.filter((r) => r.figure?.replaces && seen.has(r.figure.replaces.observationId) && seen.get(r.figure.replaces.observationId) !== r.figure.replaces.version);
		const changed = check.rows.filter((r) => r.status === 'correction' && r.figure?.replaces && !seen.has(r.figure.replaces.observationId));
		if (moved.length || changed.length) throw new ImportRefusedError('changed_since_preview', [...moved, ...changed].map((r) => r.row));

		const now = new Date();
		const writes = check.rows.filter((r) => r.status === 'new' || r.status === 'correction');
		const fresh = writes.filter((r) => !r.figure!.replaces);
		const versions: VersionRow[] = [];
		for (let i = 0; i < fresh.length; i += CHUNK) {
			const chunk = fresh.slice(i, i + CHUNK).map((r) => r.figure!);
			// One array per column through unnest: a few parameters per statement however many rows.
			const inserted = await rowsOf<{ id: number; indicator_id: string; period_start: string; period_end: string; basis: string }>(
				await tx.execute(sql`
					insert into observations (indicator_id, period, period_start, period_end, basis)
					select i, p, s::date, e::date, b::observation_basis
					from unnest(${sql.param(chunk.map((f) => f.indicatorId))}::text[], ${sql.param(chunk.map((f) => f.period))}::text[],
						${sql.param(chunk.map((f) => f.periodStart))}::text[], ${sql.param(chunk.map((f) => f.periodEnd))}::text[],
						${sql.param(chunk.map((f) => f.basis))}::text[]) as u(i, p, s, e, b)
					returning id, indicator_id, period_start::text, period_end::text, basis::text`)
			);
			// Matched by key, not by position: RETURNING promises no order.
			const idOf = new Map(inserted.map((o) => [figureKey(o.indicator_id, o.period_start, o.period_end, o.basis), o.id]));
			for (const r of fresh.slice(i, i + CHUNK)) {
				const f = r.figure!;
				versions.push(versionOf(r, idOf.get(figureKey(f.indicatorId, f.periodStart, f.periodEnd, f.basis))!, 1));
			}
		}
		for (const r of writes.filter((w) => w.figure!.replaces)) {
			const { observationId, version } = r.figure!.replaces!;
			versions.push(versionOf(r, observationId, version + 1));
		}
		for (let i = 0; i < versions.length; i += CHUNK) {
			const chunk = versions.slice(i, i + CHUNK);
			await tx.execute(sql`
				insert into observation_versions (observation_id, version, value, provenance, source_id, flags, note, reason, import_id, recorded_by, recorded_at)
				select o, v, val, p::provenance, src, case when f = '' then '{}'::text[] else string_to_array(f, ',') end, n, why, ${importId}::int, ${userId}::text, ${now.toISOString()}::timestamptz
				from unnest(${sql.param(chunk.map((x) => x.observationId))}::int[], ${sql.param(chunk.map((x) => x.version))}::int[], ${sql.param(chunk.map((x) => x.value))}::float8[],
					${sql.param(chunk.map((x) => x.provenance))}::text[], ${sql.param(chunk.map((x) => x.sourceId))}::text[],
					${sql.param(chunk.map((x) => x.flags.join(',')))}::text[], ${sql.param(chunk.map((x) => x.note))}::text[],
					${sql.param(chunk.map((x) => x.reason ?? `import: ${record.fileName}, row ${x.row}`))}::text[]) as u(o, v, val, p, src, f, n, why)`);
		}
		await tx
			.update(s.imports)
			.set({
				status: 'committed',
				committedAt: now,
				rowCount: check.counts.rows,
				addedCount: check.counts.new,
				correctedCount: check.counts.correction,
				unchangedCount: check.counts.unchanged,
				errorCount: 0
			})
			.where(eq(s.imports.id, importId));
		await tx.insert(s.auditLog).values({
			userId,
			action: 'import.commit',
			entity: 'import',
			entityId: String(importId),
			detail: { file: record.fileName, sha256: record.sha256, ...check.counts }
		});
		// Targets on the indicators the import wrote are judged again in the same transaction.
		await refreshJudgements(tx, { indicatorIds: [...new Set(writes.map((r) => r.figure!.indicatorId))] });
		return check.counts;
	});
}

interface VersionRow {
	observationId: number;
	version: number;
	value: number;
	provenance: string;
	sourceId: string | null;
	/** Flag codes, joined with commas for one text[] parameter (a 2-D array would not unnest per row). */
	flags: string[];
	note: string | null;
	reason: string | null;
	row: number;
}

function versionOf(r: CheckedRow, observationId: number, version: number): VersionRow {
	const f = r.figure!;
	return { observationId, version, value: f.value, provenance: f.provenance, sourceId: f.sourceId, flags: f.flags, note: f.note, reason: f.reason, row: r.row };
}

/**
 * Undoes a committed import by adding versions that restore each figure's previous state (a figure
 * the import created is withdrawn). Refused if any of them has been changed since.
 */
export async function revertImport(db: Database, importId: number, userId: string) {
	return db.transaction(async (tx) => {
		const [record] = await tx.select().from(s.imports).where(eq(s.imports.id, importId)).for('update');
		if (!record) throw new ImportRefusedError('not_found');
		if (record.status !== 'committed') throw new ImportRefusedError('not_committed');
		const made = await tx.select().from(s.observationVersions).where(eq(s.observationVersions.importId, importId));
		const ids = made.map((v) => v.observationId);
		const all = ids.length
			? await tx.select().from(s.observationVersions).where(inArray(s.observationVersions.observationId, ids)).orderBy(s.observationVersions.observationId, s.observationVersions.version)
			: [];
		const byObservation = new Map<number, typeof all>();
		for (const v of all) byObservation.set(v.observationId, [...(byObservation.get(v.observationId) ?? []), v]);
		const changed = made.filter((v) => byObservation.get(v.observationId)!.at(-1)!.version !== v.version);
		if (changed.length) throw new ImportRefusedError('changed_since_import', changed.map((v) => v.observationId));
		const now = new Date();
		const restore = made.map((v) => {
			const previous = byObservation.get(v.observationId)!.find((p) => p.version === v.version - 1);
			return {
				observationId: v.observationId,
				version: v.version + 1,
				value: previous ? previous.value : null,
				provenance: previous ? previous.provenance : v.provenance,
				sourceId: previous ? previous.sourceId : null,
				flags: previous ? previous.flags : [],
				note: previous ? previous.note : null,
				reason: `revert of import #${importId} (${record.fileName})`,
				recordedBy: userId,
				recordedAt: now
			};
		});
		for (let i = 0; i < restore.length; i += CHUNK) await tx.insert(s.observationVersions).values(restore.slice(i, i + CHUNK));
		await tx.update(s.imports).set({ status: 'reverted', revertedAt: now, revertedBy: userId }).where(eq(s.imports.id, importId));
		const touched = ids.length
			? await tx.selectDistinct({ indicatorId: s.observations.indicatorId }).from(s.observations).where(inArray(s.observations.id, [...new Set(ids)]))
			: [];
		await refreshJudgements(tx, { indicatorIds: touched.map((r) => r.indicatorId) });
		await tx.insert(s.auditLog).values({ userId, action: 'import.revert', entity: 'import', entityId: String(importId), detail: { file: record.fileName, versions: restore.length } });
		return restore.length;
	});
}

/** The versions a preview saw for the figures it would correct: the commit's optimistic lock. */
export function seenVersions(check: ImportCheck): Map<number, number> {
	return new Map(check.rows.filter((r) => r.figure?.replaces).map((r) => [r.figure!.replaces!.observationId, r.figure!.replaces!.version]));
}

export async function listImports(db: Database, limit = 20) {
	return db
		.select({
			id: s.imports.id,
			fileName: s.imports.fileName,
			sha256: s.imports.sha256,
			status: s.imports.status,
			rowCount: s.imports.rowCount,
			addedCount: s.imports.addedCount,
			correctedCount: s.imports.correctedCount,
			unchangedCount: s.imports.unchangedCount,
			createdAt: s.imports.createdAt,
			committedAt: s.imports.committedAt,
			revertedAt: s.imports.revertedAt,
			author: s.users.displayName
		})
		.from(s.imports)
		.innerJoin(s.users, eq(s.users.id, s.imports.createdBy))
		.where(sql`${s.imports.status} <> 'previewed'`)
		.orderBy(desc(s.imports.id))
		.limit(limit);
}
