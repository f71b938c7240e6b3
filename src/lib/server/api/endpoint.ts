/**
 * The one way an /api/v1 request is answered: who asks (a `Bearer` token, else the browser's
 * session), the rate limit, the query read by the endpoint's zod schema (400 naming each bad
 * parameter), then the read, answered as JSON with what it reflects (meta). Routes only wire a
 * schema to a read.
 */
import { env } from '$env/dynamic/private';
import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { apiError, DEFAULT_RATE_LIMIT, queryIssues, type ApiError, type ApiMeta } from '../../domain/api';
import { endOfLocalDay, todayIn } from '../../domain/dates';
import type { Locale } from '../../domain/plan';
import type { SessionUser } from '../auth/sessions';
import { deploymentTimeZone } from '../config';
import { database } from '../db';
import type { Database } from '../db/open';
import { dataVersion } from '../queries/data-version';
import { RateLimiter, readRateLimit } from './rate-limit';
import type { AsOf } from './reads';
import { tokenUser } from './tokens';

/** Per process: see rate-limit.ts. Read once, at the first API request. */
let limiter: RateLimiter | null = null;
export const rateLimiter = () => (limiter ??= new RateLimiter(readRateLimit(env.PACER_API_RATE_LIMIT, DEFAULT_RATE_LIMIT)));

/** A refusal a read may throw: answered with its status and code. */
export class ApiRefusal extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 429,
		readonly code: ApiError['error']['code'],
		message: string,
		readonly issues?: { parameter: string; message: string }[]
	) {
		super(message);
	}
}

export interface ApiRequest<Q> {
	db: Database;
	user: SessionUser;
	query: Q;
	at: AsOf;
	locale: Locale;
	url: URL;
	params: Record<string, string>;
}

export interface ApiAnswer {
	data: unknown;
	/** Lists: the page; other fields (e.g. the indicator of its figures) go beside data. */
	page?: unknown;
	extra?: Record<string, unknown>;
}

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(body), {
		status,
		// Answers depend on who asks: no shared cache may keep them.
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store', ...headers }
	});

function refusal(r: ApiRefusal, headers: Record<string, string> = {}): Response {
	const body: ApiError = { error: { status: r.status, code: r.code, message: r.message, ...(r.issues ? { issues: r.issues } : {}) } };
	apiError.parse(body);
	return json(body, r.status, headers);
}

/** The reader: a token in `Authorization: Bearer …` (a wrong one is refused, never ignored), else the session. */
async function reader(db: Database, event: RequestEvent): Promise<{ user: SessionUser; key: string }> {
	const header = event.request.headers.get('authorization');
	if (header !== null) {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
		const found = match ? await tokenUser(db, match[1]) : null;
		if (!found) throw new ApiRefusal(401, 'unauthorized', 'the token is unknown, revoked or expired, or its owner is deactivated');
		return { user: found.user, key: `token:${found.tokenId}` };
	}
	if (event.locals.user) return { user: event.locals.user, key: `user:${event.locals.user.id}` };
	throw new ApiRefusal(401, 'unauthorized', 'send a personal access token (Authorization: Bearer …) or sign in');
}

/** The moment asked for: a past day, or today (also when the day asked is today). */
function readAsOf(day: string | undefined, now: Date, timeZone: string): AsOf {
	const today = todayIn(now, timeZone);
	if (day && day > today) throw new ApiRefusal(400, 'bad_request', `asOf ${day} is after today (${today} in ${timeZone})`, [{ parameter: 'asOf', message: 'is in the future' }]);
	return day && day < today ? { day, cutoff: endOfLocalDay(day, timeZone), past: true } : { day: today, cutoff: now, past: false };
}

/** A GET handler for one endpoint: `schema` reads the query, `read` answers. */
export function apiEndpoint<S extends z.ZodType<{ asOf?: string; lang?: Locale }>>(schema: S, read: (request: ApiRequest<z.output<S>>) => Promise<ApiAnswer>) {
	return async (event: RequestEvent): Promise<Response> => {
		const { db } = await database();
		let limitHeaders: Record<string, string> = {};
		try {
			const { user, key } = await reader(db, event);
			const taken = rateLimiter().take(key);
			if (!taken.ok) {
				return refusal(new ApiRefusal(429, 'rate_limited', `more than ${rateLimiter().limit} requests in a minute: try again in ${taken.retryAfterSeconds} s`), {
					'retry-after': String(taken.retryAfterSeconds),
					'x-ratelimit-limit': String(rateLimiter().limit),
					'x-ratelimit-remaining': '0'
				});
			}
			limitHeaders = { 'x-ratelimit-limit': String(rateLimiter().limit), 'x-ratelimit-remaining': String(taken.remaining) };
			const parsed = schema.safeParse(Object.fromEntries(event.url.searchParams));
			if (!parsed.success) throw new ApiRefusal(400, 'bad_request', 'the query has bad parameters', queryIssues(parsed.error));
			const now = new Date();
			const timeZone = deploymentTimeZone();
			const at = readAsOf(parsed.data.asOf, now, timeZone);
			const locale = parsed.data.lang ?? event.locals.locale;
			// Read before the data: an answer never claims a version newer than what it shows.
			const version = (await dataVersion(db)).key;
			const answer = await read({ db, user, query: parsed.data, at, locale, url: event.url, params: event.params as Record<string, string> });
			const meta: ApiMeta = {
				asOf: at.day,
				cutoff: at.cutoff.toISOString(),
				timeZone,
				judged: at.past ? 'as_of' : 'stored',
				dataVersion: version,
				locale,
				generatedAt: now.toISOString()
			};
			return json({ meta, ...answer.extra, data: answer.data, ...(answer.page ? { page: answer.page } : {}) }, 200, limitHeaders);
		} catch (e) {
			if (e instanceof ApiRefusal) return refusal(e, e.status === 401 ? { 'www-authenticate': 'Bearer realm="pacer"', ...limitHeaders } : limitHeaders);
			throw e;
		}
	};
}
