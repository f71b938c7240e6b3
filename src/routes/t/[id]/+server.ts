/** The short link on a wall card's QR code: /t/<target id> opens the target page. */
import { redirect } from '@sveltejs/kit';
import { route } from '$lib/route';
import type { RequestHandler } from './$types';

export const GET = (({ params }) => {
	// An unknown id lands on the target page's own "not found", in the reader's language.
	redirect(302, route.target(params.id));
}) satisfies RequestHandler;
