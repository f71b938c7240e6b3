/**
 * Rendered pages for visitors without a session, kept per version of the data. Reading plans needs
 * no account, so most requests are anonymous and many ask for the same pages; the rendered HTML of
 * the overview, the explorer and target pages is reused until anything changes.
 *
 * The version is read before rendering (newest audit row, newest figure version, number of targets,
 * newest stored-judgement revision, and the day), so a page is never kept under a version newer than
 * the data it shows: a write on any instance changes the version and the next request renders again.
 */
import { sql } from 'drizzle-orm';
import type { Database } from './db/open';
import * as s from './db/schema';

/** The pages kept: read-only for visitors, the same for every visitor in one language. */
const CACHED = [/^\/$/, /^\/explore$/, /^\/targets\/[^/]+$/];

/** Upper bound on the HTML kept, per process. */
const MAX_BYTES = 64 * 1024 * 1024;

export const isCachedPage = (pathname: string) => CACHED.some((pattern) => pattern.test(pathname));

/** Everything a page of judgements depends on, read in one query. */
export async function pageVersion(db: Database, now = new Date()): Promise<string> {
	const [row] = await db
		.select({
			audit: sql<number>`(select coalesce(max(id), 0) from ${s.auditLog})`,
			version: sql<number>`(select coalesce(max(id), 0) from ${s.observationVersions})`,
			targets: sql<number>`(select count(*) from ${s.targets})`,
			revision: sql<number>`(select coalesce(max(revision), 0) from ${s.targetJudgements})`
		})
		.from(sql`(select 1) as one`);
	return `${row.audit}|${row.version}|${row.targets}|${row.revision}|${now.toISOString().slice(0, 10)}`;
}

interface Entry {
	version: string;
	body: Uint8Array;
	headers: [string, string][];
}

export class PageCache {
	private entries = new Map<string, Entry>();
	private bytes = 0;

	/** The page kept under `key` for this version, or null. A hit moves it to the back of the eviction order. */
	get(key: string, version: string): Response | null {
		const entry = this.entries.get(key);
		if (!entry) return null;
		this.entries.delete(key);
		if (entry.version !== version) {
			this.bytes -= entry.body.length;
			return null;
		}
		this.entries.set(key, entry);
		return new Response(entry.body as BodyInit, { status: 200, headers: [...entry.headers, ['x-pacer-cache', 'hit']] });
	}

	/** Keeps a 200 response without cookies; returns the response to send (its body is read here). */
	async put(key: string, version: string, response: Response): Promise<Response> {
		if (response.status !== 200 || response.headers.has('set-cookie') || !(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
		const body = new Uint8Array(await response.arrayBuffer());
		const headers = [...response.headers].filter(([name]) => name !== 'content-length');
		const old = this.entries.get(key);
		if (old) this.bytes -= old.body.length;
		this.entries.delete(key);
		this.entries.set(key, { version, body, headers });
		this.bytes += body.length;
		for (const [k, e] of this.entries) {
			if (this.bytes <= MAX_BYTES) break;
			this.entries.delete(k);
			this.bytes -= e.body.length;
		}
		return new Response(body as BodyInit, { status: 200, headers: [...headers, ['x-pacer-cache', 'miss']] });
	}

	get size() {
		return this.entries.size;
	}
}
