/**
 * The plan command as an operator runs it: a plan exported from one instance's data folder,
 * changed, imported into another's as a new plan, then again as nothing new, then as a revision.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pacer-plan-cli-'));
const plan = (dataDir: string, ...args: string[]) =>
	spawnSync('npx', ['tsx', 'scripts/plan.ts', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', PACER_DATA_DIR: join(dir, dataDir) } });

describe('npm run plan', () => {
	it('moves a plan between instances as a bundle; the same bundle twice changes nothing', () => {
		const file = join(dir, 'pudong.json');
		const exported = plan('one', 'export', 'pudong-biomedicine-2022-2024', '--out', file);
		expect(exported.status, exported.stderr).toBe(0);
		const bundle = JSON.parse(readFileSync(file, 'utf8'));
		expect(bundle).toMatchObject({ schemaVersion: 1, plan: { id: 'pudong-biomedicine-2022-2024' } });
		expect(bundle.targets).toHaveLength(20);

		// Another instance, whose catalogue already holds the plan: an export imported back is no change.
		expect(plan('two', 'import', file).stdout).toContain('unchanged');
		// A changed target makes the next revision, once.
		bundle.targets[0] = { ...bundle.targets[0], value: 12 };
		writeFileSync(file, JSON.stringify(bundle));
		expect(plan('two', 'import', file).stdout).toContain('pudong-biomedicine-2022-2024: imported as revision 2');
		expect(plan('two', 'import', file).stdout).toContain('unchanged (revision 2');
		// The same clauses and targets under another plan's id are refused: ids are global.
		writeFileSync(file, JSON.stringify({ ...bundle, plan: { ...bundle.plan, id: 'pudong-copy' } }));
		const copy = plan('two', 'import', file);
		expect(copy.status).toBe(1);
		expect(copy.stderr).toContain('belongs to plan "pudong-biomedicine-2022-2024"');
	}, 240_000);

	it('refuses a broken bundle with its problems and an unknown plan', () => {
		const file = join(dir, 'broken.json');
		writeFileSync(file, JSON.stringify({ schemaVersion: 1, plan: { id: 'x' } }));
		const broken = plan('one', 'import', file);
		expect(broken.status).toBe(1);
		expect(broken.stderr).toContain('not a valid plan bundle');
		expect(plan('one', 'export', 'no-such-plan').status).toBe(1);
		expect(plan('one', 'nonsense').status).toBe(2);
	}, 240_000);
});
