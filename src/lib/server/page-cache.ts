/**
 * Rendered pages for visitors without a session, kept per version of the data. Reading plans needs
 * no account, so most requests are anonymous and many ask for the same pages; the rendered HTML of
 * the overview, the explorer and target pages is reused until anything changes.
 *
 * The version is read before rendering (newest audit row, newest figure version, number of targets,
 * newest stored-judgement revision, and the day), so a page is never kept under a version newer than
 * the data it shows: a write on any instance changes the version and the next request renders again.
 */
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzipSync, gzip as gzipCallback } from 'node:zlib';
import type { Database } from './db/open';
import { dataVersion } from './queries/data-version';

/** The pages kept: read-only for visitors, the same for every visitor in one language. */
const CACHED = [/^\/$/, /^\/explore$/, /^\/targets\/[^/]+$/];

const gzip = promisify(gzipCallback);

/** Upper bound on the (compressed) HTML kept, per process. */
const MAX_BYTES = 64 * 1024 * 1024;

export const isCachedPage = (pathname: string) => CACHED.some((pattern) => pattern.test(pathname));

/** The version pages are kept under: the data's one version (queries/data-version.ts). */
export async function pageVersion(db: Database): Promise<string> {
	return (await dataVersion(db)).key;
}

interface Entry {
	version: string;
	/** gzip-compressed: pages shrink about tenfold, in memory and on the wire (browsers all accept gzip). */
	body: Uint8Array;
	headers: [string, string][];
	/**
	 * The Content-Security-Policy nonce the page was rendered with, if any. A nonce must not be
	 * reused, so such a page is kept uncompressed and every hit gets a fresh nonce in place of it.
	 */
	nonce: string | null;
}

const NONCE = /'nonce-([A-Za-z0-9+/=_-]+)'/;

const cacheable = (response: Response) =>
	response.status === 200 && !response.headers.has('set-cookie') && (response.headers.get('content-type') ?? '').startsWith('text/html');

/** The kept page, compressed when the client accepts gzip (a page with a nonce: with a fresh nonce, uncompressed). */
function respond(entry: Entry, how: 'hit' | 'miss' | 'shared', acceptsGzip: boolean) {
	if (entry.nonce) {
		const fresh = randomBytes(16).toString('base64');
		const swap = (text: string) => text.replaceAll(entry.nonce!, fresh);
		const headers: [string, string][] = [...entry.headers.map(([name, value]): [string, string] => [name, swap(value)]), ['x-pacer-cache', how]];
		return new Response(swap(new TextDecoder().decode(entry.body)), { status: 200, headers });
	}
	const headers: [string, string][] = [...entry.headers, ['x-pacer-cache', how], ['vary', 'accept-encoding']];
	if (!acceptsGzip) return new Response(gunzipSync(entry.body) as BodyInit, { status: 200, headers });
	return new Response(entry.body as BodyInit, { status: 200, headers: [...headers, ['content-encoding', 'gzip']] });
}

/** Whether an Accept-Encoding header admits gzip (listed, or `*`, without q=0). */
export function acceptsGzip(header: string | null): boolean {
	if (!header) return false;
	return header.split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
	});
}

export class PageCache {
	private entries = new Map<string, Entry>();
	private bytes = 0;
	/** Renders under way: requests for the same page and version wait for one rendering instead of each making their own. */
	private rendering = new Map<string, Promise<Entry | null>>();

	/** The page kept under `key` for this version, or null. A hit moves it to the back of the eviction order. */
	get(key: string, version: string, gzip = false): Response | null {
		const entry = this.entries.get(key);
		if (!entry) return null;
		this.entries.delete(key);
		if (entry.version !== version) {
			this.bytes -= entry.body.length;
			return null;
		}
		this.entries.set(key, entry);
		return respond(entry, 'hit', gzip);
	}

	/**
	 * The kept page, or one rendering shared by every request for it that arrives meanwhile. Only
	 * 200 HTML responses without cookies are kept; anything else is sent as rendered.
	 */
	async serve(key: string, version: string, render: () => Response | Promise<Response>, acceptsGzip = false): Promise<Response> {
		const hit = this.get(key, version, acceptsGzip);
		if (hit) return hit;
		const flight = `${version}|${key}`;
		const pending = this.rendering.get(flight);
		if (pending) {
			const entry = await pending;
			return entry ? respond(entry, 'shared', acceptsGzip) : render();
		}
		let settle: (entry: Entry | null) => void = () => {};
		this.rendering.set(flight, new Promise((resolve) => (settle = resolve)));
		try {
			const response = await render();
			if (!cacheable(response)) {
				settle(null);
				return response;
			}
			const nonce = response.headers.get('content-security-policy')?.match(NONCE)?.[1] ?? null;
			const raw = new Uint8Array(await response.arrayBuffer());
			const body = nonce ? raw : new Uint8Array(await gzip(raw));
			const entry: Entry = { version, body, nonce, headers: [...response.headers].filter(([name]) => name !== 'content-length' && name !== 'content-encoding') };
			this.keep(key, entry);
			settle(entry);
			return respond(entry, 'miss', acceptsGzip);
		} catch (error) {
			settle(null);
			throw error;
		} finally {
			this.rendering.delete(flight);
		}
	}

	private keep(key: string, entry: Entry) {
		const old = this.entries.get(key);
		if (old) this.bytes -= old.body.length;
		this.entries.delete(key);
		this.entries.set(key, entry);
		this.bytes += entry.body.length;
		for (const [k, e] of this.entries) {
			if (this.bytes <= MAX_BYTES) break;
			this.entries.delete(k);
			this.bytes -= e.body.length;
		}
	}

	get size() {
		return this.entries.size;
	}
}
