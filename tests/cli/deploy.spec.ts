/** The systemd unit shipped in deploy/: it restarts a dead server, bounds its memory and reads the environment file. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const unit = fs.readFileSync('deploy/pacer.service', 'utf8');
const setting = (name: string) => [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((m) => m[1]);

describe('deploy/pacer.service', () => {
	it('restarts on failure, limits memory, and starts the built server with the environment file', () => {
		expect(setting('Restart')).toEqual(['on-failure']);
		expect(setting('MemoryMax')[0]).toMatch(/^\d+[GM]$/);
		expect(setting('EnvironmentFile')).toEqual(['/etc/pacer.env']);
		// The launcher npm start uses: one process, or PACER_WORKERS of them.
		expect(setting('ExecStart')).toEqual(['/usr/bin/node scripts/start.mjs']);
		expect(JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.start).toContain('node scripts/start.mjs');
		// Every variable the environment file sets is one the README documents.
		const readme = fs.readFileSync('README.md', 'utf8');
		for (const line of fs.readFileSync('deploy/pacer.env', 'utf8').split('\n').filter((l) => /^[A-Z_]+=/.test(l))) {
			expect(readme).toContain(`\`${line.split('=')[0]}\``);
		}
	});

	it('is a unit systemd accepts, where systemd-analyze is installed', () => {
		const run = spawnSync('systemd-analyze', ['verify', 'deploy/pacer.service'], { encoding: 'utf8' });
		if (run.error) return; // not installed here
		// The `pacer` user and /srv/pacer exist only where it is deployed.
		const problems = run.stderr.split('\n').filter((l) => l.trim() && !/User|No such file|not executable|Failed to/.test(l));
		expect(problems).toEqual([]);
	});
});
