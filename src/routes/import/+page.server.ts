import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { innermostMessage, isConnectionLoss } from '$lib/server/db/connection-loss';
import type { CheckedRow, ImportIssue } from '$lib/domain/import-rows';
import { columnLetters } from '$lib/domain/import-rows';
import { commitImport, ImportRefusedError, listImports, previewImport, revertImport, type ImportCheck } from '$lib/server/import/imports';
import type { Actions, PageServerLoad } from './$types';

export interface PreviewResult {
	step: 'preview';
	importId: number;
	fileName: string;
	sha256: string;
	encoding: 'utf-8' | 'gbk' | null;
	format: 'csv' | 'xlsx';
	headerIssues: ImportIssue[];
	counts: ImportCheck['counts'];
	/** indicatorId: the indicator a row was recognised as, linked from its cell. */
	rows: (Pick<CheckedRow, 'row' | 'status' | 'cells' | 'issues' | 'warnings'> & { indicatorId: string | null })[];
	truncated: boolean;
	alreadyImported: { id: number; committedAt: Date } | null;
}

/** Rows shown in a preview; counts always cover the whole file. */
const PREVIEW_ROWS = 500;
/** Characters of a cell shown in a preview (the whole cell is checked and imported). */
const PREVIEW_CELL_CHARS = 200;

const shorten = (cells: CheckedRow['cells']): CheckedRow['cells'] =>
	Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v && v.length > PREVIEW_CELL_CHARS ? `${v.slice(0, PREVIEW_CELL_CHARS)}…` : v]));

/**
 * A refused commit or revert is the reader's to see (nothing was written). A lost database (a
 * restart, a dropped connection) rolled the whole transaction back, so it is said plainly, with a
 * way to try again, rather than as a server error page. Anything else is a fault.
 */
function refusal(e: unknown, importId: number, action: 'commit' | 'revert') {
	if (e instanceof ImportRefusedError) return fail(409, { step: 'refused' as const, reason: e.reason, rows: e.rows.slice(0, 50) });
	if (!isConnectionLoss(e)) throw e;
	const error = innermostMessage(e);
	console.error(`import #${importId}: ${action} failed: ${error}`);
	return fail(503, { step: 'failed' as const, action, importId, error: error.slice(0, 200) });
}

export const load = (async ({ locals, url }) => {
	requireRole(locals.user, 'analyst', url);
	const { db } = await database();
	return { imports: await listImports(db) };
}) satisfies PageServerLoad;

export const actions = {
	preview: async ({ request, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { step: 'preview' as const, problem: 'empty_file' as const });
		const { db } = await database();
		const preview = await previewImport(db, file.name, new Uint8Array(await file.arrayBuffer()), user.id);
		if (!preview.ok) {
			const { row, column, limit } = preview.detail ?? {};
			return fail(400, { step: 'preview' as const, problem: preview.problem, fileName: file.name, row: row ?? 0, column: column ? columnLetters(column) : '', limit: preview.problem === 'too_large_unpacked' ? (limit ?? 0) / 2 ** 20 : (limit ?? 0) });
		}
		const { check } = preview;
		// Errors first, so a long file's problems are not hidden below the rows shown.
		const rows = [...check.rows.filter((r) => r.status === 'error'), ...check.rows.filter((r) => r.status !== 'error')]
			.slice(0, PREVIEW_ROWS)
			.sort((a, b) => a.row - b.row)
			.map(({ row, status, cells, issues, warnings, figure }) => ({ row, status, cells: shorten(cells), issues, warnings, indicatorId: figure?.indicatorId ?? null }));
		const result = {
			step: 'preview' as const,
			importId: preview.importId,
			fileName: preview.fileName,
			sha256: preview.sha256,
			encoding: check.encoding,
			format: check.format,
			headerIssues: check.headerIssues,
			counts: check.counts,
			rows,
			truncated: check.rows.length > rows.length,
			alreadyImported: preview.alreadyImported
		};
		return result as PreviewResult;
	},
	commit: async ({ request, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const importId = Number((await request.formData()).get('importId'));
		const { db } = await database();
		try {
			const counts = await commitImport(db, importId, user.id);
			return { step: 'committed' as const, importId, counts };
		} catch (e) {
			return refusal(e, importId, 'commit');
		}
	},
	revert: async ({ request, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const importId = Number((await request.formData()).get('importId'));
		const { db } = await database();
		try {
			const versions = await revertImport(db, importId, user.id);
			return { step: 'reverted' as const, importId, versions };
		} catch (e) {
			return refusal(e, importId, 'revert');
		}
	}
} satisfies Actions;
