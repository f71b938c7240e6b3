/** An archived book's stable address, for logged-in users: a download, or shown in the browser with ?inline. */
import { error, redirect } from '@sveltejs/kit';
import { bookFileName } from '$lib/domain/book';
import { bookPdf } from '$lib/server/books/archive';
import { database } from '$lib/server/db';
import { route } from '$lib/route';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals, url }) => {
	if (!locals.user) redirect(303, route.loginThen(url.pathname + url.search));
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, 'no such book');
	const { db } = await database();
	const book = await bookPdf(db, id);
	if (!book) error(404, 'no such book, or it is not ready');
	const disposition = url.searchParams.has('inline') ? 'inline' : 'attachment';
	return new Response(new Uint8Array(book.pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `${disposition}; filename="${bookFileName(book.asOf, book.locale, id)}"`,
			'cache-control': 'private, max-age=31536000, immutable',
			etag: `"${book.sha256}"`
		}
	});
};
