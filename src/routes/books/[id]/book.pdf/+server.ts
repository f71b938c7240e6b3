/** An archived book's stable address, for logged-in users: a download, or shown in the browser with ?inline. */
import { error } from '@sveltejs/kit';
import { requireRoleForFile } from '$lib/server/auth/guard';
import { bookFileName } from '$lib/domain/book';
import { bookPdf } from '$lib/server/books/archive';
import { BookPdfError, bookPdfStore } from '$lib/server/books/pdf-store';
import { database } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals, url, request }) => {
	requireRoleForFile(locals.user, 'viewer', { url, request });
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, 'no such book');
	const handle = await database();
	let book;
	try {
		book = await bookPdf(handle.db, bookPdfStore(handle), id);
	} catch (e) {
		if (!(e instanceof BookPdfError)) throw e;
		// The row says the book is done but its PDF is gone or altered: the operator must hear of it (restore it from a backup).
		console.error(`books: book ${id}: ${e.message}`);
		error(500, e.problem === 'missing' ? "this book's PDF is missing from the archive" : "this book's PDF is damaged in the archive");
	}
	if (!book) error(404, 'no such book, or it is not ready');
	const disposition = url.searchParams.has('inline') ? 'inline' : 'attachment';
	return new Response(book.stream, {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(book.size),
			'content-disposition': `${disposition}; filename="${bookFileName(book.asOf, book.locale, id)}"`,
			'cache-control': 'private, max-age=31536000, immutable',
			etag: `"${book.sha256}"`
		}
	});
};
