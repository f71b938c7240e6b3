/**
 * A background loop of one instance (books, deliveries): a pass every interval and on demand, never
 * two at once — a kick during a pass runs one more pass after it — and an error of one pass (a
 * database outage) is logged without stopping the loop.
 */
export interface PeriodicWorker {
	kick(): Promise<void>;
	stop(): void;
}

export function startPeriodicWorker(name: string, intervalMs: number, work: () => Promise<unknown>, firstPassAfterMs?: number): PeriodicWorker {
	let current: Promise<void> | null = null;
	let again = false;
	const pass = async () => {
		do {
			again = false;
			try {
				await work();
			} catch (e) {
				console.error(`${name}: ${e instanceof Error ? e.message : e}`);
			}
		} while (again);
		current = null;
	};
	const kick = () => {
		if (current) again = true;
		else current = pass();
		return current;
	};
	const timer = setInterval(() => void kick(), intervalMs);
	timer.unref();
	if (firstPassAfterMs !== undefined) setTimeout(() => void kick(), firstPassAfterMs).unref();
	return { kick, stop: () => clearInterval(timer) };
}
