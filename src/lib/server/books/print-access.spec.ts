import { describe, expect, it } from 'vitest';
import { issuePrintToken, RenderLimiter, takePrintToken } from './print-access';

describe('print tokens', () => {
	it('a one-time token admits one request, once, within its time', () => {
		const token = issuePrintToken(1_000);
		expect(takePrintToken(token, undefined, 2_000)).toBe(true);
		expect(takePrintToken(token, undefined, 2_000)).toBe(false);
		const late = issuePrintToken(1_000);
		expect(takePrintToken(late, undefined, 1_000 + 6 * 60_000)).toBe(false);
	});

	it('a token signed with the cluster key is admitted by any process holding the key, and only once in each', () => {
		const key = 'k'.repeat(40);
		const token = issuePrintToken(1_000, key);
		expect(takePrintToken(token, undefined, 2_000, 'x'.repeat(40))).toBe(false);
		expect(takePrintToken(token, undefined, 2_000, key)).toBe(true);
		expect(takePrintToken(token, undefined, 2_000, key)).toBe(false);
		// A forged expiry breaks the signature.
		const [, nonce, signature] = issuePrintToken(1_000, key).split('.');
		expect(takePrintToken(`${(10 ** 15).toString(36)}.${nonce}.${signature}`, undefined, 2_000, key)).toBe(false);
		expect(takePrintToken('a.b', undefined, 2_000, key)).toBe(false);
	});

	it('the operator secret admits its holder; no token, a wrong one or a short secret do not', () => {
		const secret = 'a-secret-of-enough-length';
		expect(takePrintToken(secret, secret)).toBe(true);
		expect(takePrintToken(secret, secret)).toBe(true);
		expect(takePrintToken(null, secret)).toBe(false);
		expect(takePrintToken('a-secret-of-enough-lengtX', secret)).toBe(false);
		expect(takePrintToken('short', 'short')).toBe(false);
	});
});

describe('RenderLimiter', () => {
	it('runs at most `slots` at once, queues `queue` more, and refuses the rest at once', async () => {
		const limiter = new RenderLimiter(2, 2);
		let running = 0;
		let most = 0;
		const releases: (() => void)[] = [];
		const work = () =>
			new Promise<number>((resolve) => {
				running++;
				most = Math.max(most, running);
				releases.push(() => {
					running--;
					resolve(running);
				});
			});
		const runs = Array.from({ length: 6 }, () => limiter.run(work));
		// Two started, two wait, two were refused without waiting.
		expect(await Promise.race([runs[4], new Promise((r) => setTimeout(() => r('waiting'), 20))])).toEqual({ ok: false });
		expect(await runs[5]).toEqual({ ok: false });
		expect(releases).toHaveLength(2);
		while (releases.length) {
			releases.shift()!();
			await new Promise((r) => setTimeout(r, 5));
		}
		const outcomes = await Promise.all(runs.slice(0, 4));
		expect(outcomes.every((o) => o.ok)).toBe(true);
		expect(most).toBe(2);
		// Everything freed: the next run starts at once.
		expect(await limiter.run(async () => 'free')).toEqual({ ok: true, value: 'free' });
	});
});
