/** Retrying a lost connection: wait longer after each failure, with jitter, so screens do not stampede a restarted server. */

export const BACKOFF = { firstMs: 1000, maxMs: 30_000 } as const;

/**
 * The wait before retry number `attempt` (0 for the first): doubling from 1 s up to 30 s, each
 * drawn between half and the whole of that ("equal jitter"), so a retry never comes too soon or too late.
 * @example backoffMs(0, () => 1) === 1000; backoffMs(10, () => 0) === 15000
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** Math.max(0, attempt));
	return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * How long a stream may stay silent before the screen calls the connection lost: three missed
 * heartbeats. A network that drops without closing the connection sends no error, only silence.
 */
export function silenceLimitMs(heartbeatMs: number): number {
	return Math.max(15_000, heartbeatMs * 3);
}
