/**
 * Preloaded into a benchmarked server (node --expose-gc --import scripts/bench/memory-probe.mjs build),
 * never into a real one: on SIGUSR2 it runs a full garbage collection and appends the process's
 * memory to PACER_MEMORY_PROBE_OUT as one JSON line. RSS read at a random moment mostly measures
 * garbage not yet collected (V8 collects lazily, and a book leaves tens of MB of it); after a full
 * collection what remains is what the server keeps.
 */
import fs from 'node:fs';

process.on('SIGUSR2', () => {
	globalThis.gc?.();
	const m = process.memoryUsage();
	const line = { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
	fs.appendFileSync(process.env.PACER_MEMORY_PROBE_OUT, JSON.stringify(line) + '\n');
});
