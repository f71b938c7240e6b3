import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodicWorker, type PeriodicWorker } from './periodic-worker';

describe('startPeriodicWorker', () => {
	let worker: PeriodicWorker | null = null;
	afterEach(() => worker?.stop());

	it('never runs two passes at once: a kick during a pass runs one more pass after it', async () => {
		let running = 0;
		let most = 0;
		let passes = 0;
		let release: () => void = () => {};
		worker = startPeriodicWorker('test', 60_000, async () => {
			running++;
			most = Math.max(most, running);
			passes++;
			if (passes === 1) await new Promise<void>((r) => (release = r));
			running--;
		});
		const first = worker.kick();
		const second = worker.kick();
		const third = worker.kick();
		expect(second).toBe(first);
		expect(third).toBe(first);
		release();
		await first;
		expect(passes).toBe(2);
		expect(most).toBe(1);
	});

	it('logs a failed pass and goes on', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		let calls = 0;
		worker = startPeriodicWorker('test', 60_000, async () => {
			calls++;
			if (calls === 1) throw new Error('database gone');
		});
		await worker.kick();
		await worker.kick();
		expect(calls).toBe(2);
		expect(log).toHaveBeenCalledWith('test: database gone');
		log.mockRestore();
	});
});
