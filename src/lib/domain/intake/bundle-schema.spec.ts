import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleProblems, canonicalBundle, canonicalJson, planBundle } from './bundle-schema';

const file = path.resolve('catalogue/bundles/shanghai-biomedicine-full-chain-2024.json');
const seed = planBundle.parse(JSON.parse(fs.readFileSync(file, 'utf8')));

describe('plan bundles', () => {
	it('reads the seed bundles, which hold together and are stored in canonical order', () => {
		expect(seed.schemaVersion).toBe(1);
		expect(bundleProblems(seed)).toEqual([]);
		expect(canonicalJson(canonicalBundle(seed))).toBe(canonicalJson(seed));
	});

	it('names what does not hold together', () => {
		const broken = structuredClone(seed);
		broken.targets[0].quote = '不在条款里';
		broken.targets[1].indicator = 'missing.one';
		broken.tasks[0].units = ['nobody'];
		broken.clauses.push(broken.clauses[0]);
		const problems = bundleProblems(broken);
		expect(problems).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/duplicate clause id/),
				expect.stringMatching(/^targets\.0 .*quote not found/),
				expect.stringMatching(/^targets\.1 .*missing\.one/),
				expect.stringMatching(/^tasks\.0 .*organisation nobody/)
			])
		);
	});

	it('refuses another schema version and a share without its parent', () => {
		expect(planBundle.safeParse({ ...seed, schemaVersion: 2 }).success).toBe(false);
		const share = structuredClone(seed);
		share.targets[0] = { ...share.targets[0], kind: 'share', shareOf: null };
		expect(planBundle.safeParse(share).success).toBe(false);
	});

	it('orders the same content the same way, whatever order the lists came in', () => {
		const shuffled = { ...seed, indicators: [...seed.indicators].reverse(), organisations: [...seed.organisations].reverse(), tasks: [...seed.tasks].reverse(), facts: [...seed.facts].reverse() };
		expect(canonicalJson(canonicalBundle(shuffled))).toBe(canonicalJson(canonicalBundle(seed)));
		expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
	});
});
