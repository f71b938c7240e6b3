import { describe, expect, it } from 'vitest';
import { RateLimiter, readRateLimit } from './rate-limit';

describe('RateLimiter', () => {
	it('admits the limit per key in a minute, then says how long to wait; a new minute starts afresh', () => {
		const limiter = new RateLimiter(3);
		const t0 = 1_000_000;
		expect([1, 2, 3].map(() => limiter.take('a', t0).ok)).toEqual([true, true, true]);
		expect(limiter.take('a', t0 + 15_000)).toEqual({ ok: false, retryAfterSeconds: 45 });
		expect(limiter.take('b', t0 + 15_000)).toEqual({ ok: true, remaining: 2 });
		expect(limiter.take('a', t0 + 59_999)).toEqual({ ok: false, retryAfterSeconds: 1 });
		expect(limiter.take('a', t0 + 60_000)).toEqual({ ok: true, remaining: 2 });
	});
});

describe('readRateLimit', () => {
	it('reads a whole number, defaults when unset, and refuses anything else', () => {
		expect(readRateLimit(undefined, 120)).toBe(120);
		expect(readRateLimit(' ', 120)).toBe(120);
		expect(readRateLimit('30', 120)).toBe(30);
		for (const bad of ['0', '-5', '1.5', 'lots']) expect(() => readRateLimit(bad, 120)).toThrow(/PACER_API_RATE_LIMIT/);
	});
});
