import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { database } from '$lib/server/db';
import { extractDocument } from '$lib/server/intake/extract-document';
import { DOCUMENT_LIMITS, DocumentRefusal } from '$lib/server/intake/read-document';
import { createDraft, draftDocument } from '$lib/server/plans/drafts';
import { route } from '$lib/route';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	requireRole(locals.user, 'analyst', url);
	return { limitMb: DOCUMENT_LIMITS.bytes / 2 ** 20 };
}) satisfies PageServerLoad;

/** Pasted text is read as a plain-text document of its own. */
const PASTED_NAME = 'pasted.txt';

export const actions = {
	extract: async ({ request, locals }) => {
		const user = requireRole(locals.user, 'analyst');
		const form = await request.formData();
		const file = form.get('file');
		const pasted = String(form.get('text') ?? '').trim();
		const upload = file instanceof File && file.size > 0 ? file : null;
		if (!upload && pasted === '') return fail(400, { problem: 'nothing' as const, detail: '' });
		// The size is known before the bytes are read: refuse before any work.
		if (upload && upload.size > DOCUMENT_LIMITS.bytes) {
			return fail(400, { problem: 'too_large' as const, detail: `${Math.round(upload.size / 2 ** 20)}` });
		}
		const bytes = upload ? new Uint8Array(await upload.arrayBuffer()) : new TextEncoder().encode(pasted);
		const fileName = upload ? upload.name : PASTED_NAME;
		let read;
		try {
			read = await extractDocument(bytes, fileName);
		} catch (error) {
			if (error instanceof DocumentRefusal) return fail(400, { problem: error.code, detail: error.message });
			throw error;
		}
		if (read.extraction.clauses.length === 0) return fail(400, { problem: 'no_clauses' as const, detail: '' });
		const { db } = await database();
		const { planId } = await createDraft(db, user.id, {
			// The format the reader found, not the file name's: a saved page may be called .txt.
			document: { ...draftDocument(fileName, bytes, read.original, read.clean), format: upload ? read.format : 'paste' },
			extraction: read.extraction
		});
		redirect(303, route.planReview(planId));
	}
} satisfies Actions;
