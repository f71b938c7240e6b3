/**
 * The API's rate limit: at most `limit` requests per key (a token, or a session's user) in each
 * minute, counted in this process. Several instances behind a proxy each count their own, so the
 * limit a client meets is per instance: the docs say so (sharing counts through the database would
 * cost a write per request).
 */
export class RateLimiter {
	private readonly windows = new Map<string, { start: number; count: number }>();

	constructor(
		readonly limit: number,
		private readonly windowMs = 60_000
	) {}

	/** Counts one request; refused with the seconds until the window ends when over the limit. */
	take(key: string, now = Date.now()): { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number } {
		let window = this.windows.get(key);
		if (!window || now - window.start >= this.windowMs) {
			window = { start: now, count: 0 };
			this.windows.set(key, window);
			if (this.windows.size > 10_000) this.forgetOld(now);
		}
		if (window.count >= this.limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) };
		window.count++;
		return { ok: true, remaining: this.limit - window.count };
	}

	private forgetOld(now: number) {
		for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
	}
}

/** PACER_API_RATE_LIMIT: requests per minute per token; a typo stops the server rather than lifting the limit. */
export function readRateLimit(text: string | undefined, fallback: number): number {
	if (!text?.trim()) return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 1) throw new Error(`PACER_API_RATE_LIMIT must be a whole number of requests per minute (got "${text}")`);
	return value;
}
