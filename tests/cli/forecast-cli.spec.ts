/** The forecast command as a user runs it: a file in, JSON out, or a message and exit code 1. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pacer-forecast-'));
function run(body: string) {
	const file = join(dir, `input-${Math.random().toString(36).slice(2)}.json`);
	writeFileSync(file, body);
	return spawnSync('npx', ['tsx', 'scripts/forecast.ts', '--input', file], { encoding: 'utf8' });
}

describe('npm run forecast', () => {
	it('prints results for good input', () => {
		const r = run(JSON.stringify({ horizon: 3, levels: [80, 95], series: [{ id: 'a', start: 2016, frequency: 'year', values: [2408, 2700, 3100, 3500] }] }));
		expect(r.status).toBe(0);
		const out = JSON.parse(r.stdout);
		expect(out.results[0].id).toBe('a');
		expect(out.results[0].intervals['80'].upper).toHaveLength(3);
	});

	it('exits non-zero with a message and prints no partial JSON', () => {
		const r = run('{"horizon":3,"series":[{"id":"ok","start":2016,"frequency":"year","values":[1,2,3]},{"id":"bad","start":2016,"frequency":"year","values":[1,NaN]}]}');
		expect(r.status).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain('series "bad" (series[1]): values[1] is NaN');
	});

	it('explains a missing --input', () => {
		const r = spawnSync('npx', ['tsx', 'scripts/forecast.ts'], { encoding: 'utf8' });
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/usage/);
	});
});
