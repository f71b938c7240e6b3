/**
 * The wall screen's live stream (server-sent events): `hello` with the build version, `payload`
 * whenever the board's data change, `heartbeat` every few seconds so the screen can tell a silent
 * network from a quiet one, and `revoked` when the board's token stops being valid.
 */
import { version as appVersion } from '$app/environment';
import { database } from '$lib/server/db';
import { boardByToken } from '$lib/server/queries/boards';
import { closeOnShutdown, HEARTBEAT_MS, loadBoardPayload, watchScreenVersion } from '$lib/server/screen/live';
import type { RequestHandler } from './$types';

export const GET = (async ({ params, url }) => {
	const handle = await database();
	const { db } = handle;
	const board = await boardByToken(db, params.token);
	if (!board) return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	// The version the screen already shows: nothing is sent again until the data move on.
	let sentVersion = url.searchParams.get('since');
	const encoder = new TextEncoder();
	let stop = () => {};

	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			let open = true;
			const send = (event: string, data: unknown) => {
				if (open) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
			};
			const refresh = async () => {
				try {
					const current = await boardByToken(db, params.token);
					if (!current) {
						send('revoked', {});
						stop();
						return;
					}
					const payload = await loadBoardPayload(db, current);
					if (payload.version !== sentVersion) {
						sentVersion = payload.version;
						send('payload', payload);
					}
				} catch {
					// A failed read is retried at the next version change or heartbeat; the screen keeps what it has.
				}
			};
			const unwatch = watchScreenVersion(handle, () => void refresh());
			const heartbeat = setInterval(() => send('heartbeat', { appVersion, at: new Date().toISOString() }), HEARTBEAT_MS);
			const unregister = closeOnShutdown(() => stop());
			stop = () => {
				if (!open) return;
				open = false;
				unwatch();
				unregister();
				clearInterval(heartbeat);
				try {
					controller.close();
				} catch {
					// already closed by the client
				}
			};
			send('hello', { appVersion, heartbeatMs: HEARTBEAT_MS });
			void refresh();
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' }
	});
}) satisfies RequestHandler;
