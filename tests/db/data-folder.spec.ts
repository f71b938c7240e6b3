import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/open';
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
});
