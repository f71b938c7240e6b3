import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimDataFolder, openDatabase } from '../../src/lib/server/db/open';
import { backend } from './test-database';

describe.runIf(backend === 'pglite')('the embedded data folder has one owner', () => {
	it('refuses a folder a live process holds, takes over one a dead process left, and lets go on close', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-folder-'));
		const lock = path.join(dir, 'pacer.pid');
		try {
			// The parent process (vitest's) stands for a running server.
			fs.writeFileSync(lock, String(process.ppid));
			await expect(openDatabase({ dataDir: dir })).rejects.toThrow(`is in use by process ${process.ppid}`);

			// No process has this id: the file is stale, e.g. after kill -9.
			fs.writeFileSync(lock, '4194303');
			const handle = await openDatabase({ dataDir: dir });
			expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
			await handle.db.execute('select 1');
			await handle.close();
			expect(fs.existsSync(lock)).toBe(false);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('takes over at once from a killed owner not yet reaped (a zombie), and waits for one that is still exiting', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-folder-'));
		const lock = path.join(dir, 'pacer.pid');
		// `sleep 0.1` ends at once but its parent (bash, then exec'd into sleep 5) never reaps it.
		const parent = spawn('bash', ['-c', 'sleep 0.1 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
		try {
			const zombie = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (d) => resolve(String(d).trim()))));
			await new Promise((r) => setTimeout(r, 500));
			// /proc/<pid>/stat: "pid (name) state …" (no procps needed on a minimal machine).
			const stat = fs.readFileSync(`/proc/${zombie}/stat`, 'utf8');
			expect(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)).toBe('Z');
			fs.writeFileSync(lock, String(zombie));
			const started = Date.now();
			claimDataFolder(dir, 5_000)();
			expect(Date.now() - started).toBeLessThan(1_000);

			// A process that ends a second from now: waited for, then taken over.
			const ending = spawn('sleep', ['1']);
			fs.writeFileSync(lock, String(ending.pid));
			const release = claimDataFolder(dir, 5_000);
			expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
			release();
		} finally {
			parent.kill('SIGKILL');
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
