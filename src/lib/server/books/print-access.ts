/**
 * Who may make the server print. The print page costs a second or two of CPU and over half a
 * megabyte per request, so it is not open to everyone: signed-in people may read a book there,
 * and the book renderer's Chromium, which has no session, shows a token instead. In the server
 * process the book worker asks for a one-time token per book; the command-line tools that start
 * the app themselves (`npm run snapshot`, the books benchmark) give it PACER_PRINT_SECRET.
 * Renders are bounded: a few at a time, a short queue, and beyond that a 503 to try again.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const PRINT_TOKEN_HEADER = 'x-pacer-print-token';

/** A token is good for one print page within this time. */
const TOKEN_TTL_MS = 5 * 60_000;
const tokens = new Map<string, number>();

/** A token for one request of the print page (the book worker's Chromium sends it as a header). */
export function issuePrintToken(now = Date.now()): string {
	for (const [token, expires] of tokens) if (expires < now) tokens.delete(token);
	const token = randomBytes(24).toString('base64url');
	tokens.set(token, now + TOKEN_TTL_MS);
	return token;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Whether a request's token admits it: a one-time token (used up here) or the operator's secret. */
export function takePrintToken(token: string | null, secret = process.env.PACER_PRINT_SECRET, now = Date.now()): boolean {
	if (!token) return false;
	if (secret && secret.length >= 16 && sameText(token, secret)) return true;
	const expires = tokens.get(token);
	if (expires === undefined) return false;
	tokens.delete(token);
	return expires >= now;
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
