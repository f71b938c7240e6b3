import { describe, expect, it } from 'vitest';
import { weakestProvenance } from './provenance';

describe('weakestProvenance', () => {
	it.each([
		[['official', 'official'], 'official'],
		[['official', 'estimate'], 'estimate'],
		[['provisional', 'illustrative', 'official'], 'illustrative']
	] as const)('%o -> %s', (inputs, expected) => {
		expect(weakestProvenance([...inputs])).toBe(expected);
	});
});
