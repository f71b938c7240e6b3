/**
 * Who may make the server print. The print page costs a second or two of CPU and over half a
 * megabyte per request, so it is not open to everyone: signed-in people may read a book there,
 * and the book renderer's Chromium, which has no session, shows a token instead. The book worker
 * asks for a one-time token per page it prints: signed, so that with PACER_WORKERS any worker
 * process of the cluster admits it (the launcher gives them one signing key; a lone process makes
 * its own), and used up in the process that admits it. The command-line tools that start the app
 * themselves (`npm run snapshot`, the books benchmark) give it PACER_PRINT_SECRET instead.
 * Renders are bounded: a few at a time, a short queue, and beyond that a 503 to try again.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const PRINT_TOKEN_HEADER = 'x-pacer-print-token';

/** A token is good for one print page within this time. */
const TOKEN_TTL_MS = 5 * 60_000;
/** Tokens this process has admitted, until they expire: a token admits one request. */
const used = new Map<string, number>();

/** The cluster's key (scripts/start.mjs sets it for its workers), else this process's own. */
function signingKey(): string {
	const shared = process.env.PACER_PRINT_SIGNING_KEY;
	if (shared && shared.length >= 32) return shared;
	return (process.env.PACER_PRINT_SIGNING_KEY = randomBytes(32).toString('base64url'));
}

const sign = (body: string, key: string) => createHmac('sha256', key).update(body).digest('base64url');

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A token for one request of the print page (the book worker's Chromium sends it as a header). */
export function issuePrintToken(now = Date.now(), key = signingKey()): string {
	const body = `${(now + TOKEN_TTL_MS).toString(36)}.${randomBytes(18).toString('base64url')}`;
	return `${body}.${sign(body, key)}`;
}

/** Whether a request's token admits it: a signed one-time token (used up here) or the operator's secret. */
export function takePrintToken(token: string | null, secret = process.env.PACER_PRINT_SECRET, now = Date.now(), key = signingKey()): boolean {
	if (!token || token.length > 200) return false;
	if (secret && secret.length >= 16 && sameText(token, secret)) return true;
	const [expiresText, nonce, signature, ...rest] = token.split('.');
	if (!expiresText || !nonce || !signature || rest.length) return false;
	if (!sameText(signature, sign(`${expiresText}.${nonce}`, key))) return false;
	const expires = parseInt(expiresText, 36);
	if (!(expires >= now)) return false;
	for (const [seen, until] of used) if (until < now) used.delete(seen);
	if (used.has(nonce)) return false;
	used.set(nonce, expires);
	return true;
}

/**
 * At most `slots` renders at once and `queue` waiting; a request beyond those is refused at once
 * (the caller answers 503 with Retry-After) instead of starving every other page.
 */
export class RenderLimiter {
	private running = 0;
	private waiting: (() => void)[] = [];

	constructor(
		readonly slots: number,
		readonly queue: number
	) {}

	async run<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
		if (this.running >= this.slots) {
			if (this.waiting.length >= this.queue) return { ok: false };
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.running++;
		}
		try {
			return { ok: true, value: await work() };
		} finally {
			// The slot passes straight to the next in line, or is freed.
			const next = this.waiting.shift();
			if (next) next();
			else this.running--;
		}
	}
}
