/**
 * The two seed documents (web copies with scraping noise, in ../shared/seeds) must yield every
 * target of the shipped catalogue with the same value, max, unit, comparator and deadline, and no
 * other target proposals: every other number of the seeds is a fact.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document';
import type { ProposedTarget } from '../../domain/intake/extraction';

interface CatalogueTarget {
	id: string;
	quote: string;
	comparator: string;
	value: number;
	max: number | null;
	unit: string;
	deadline: string | null;
	kind: string;
}

const SEEDS: Array<[seed: string, plan: string]> = [
	['pudong-biomedicine-action-plan-2022-2024.txt', 'pudong-biomedicine-2022-2024'],
	['shanghai-biomedicine-full-chain-opinions-2024.txt', 'shanghai-biomedicine-full-chain-2024']
];

const key = (t: { value: number; max: number | null; unit: string; comparator: string; deadline: string | null }) =>
	`${t.value}|${t.max ?? ''}|${t.unit}|${t.comparator}|${t.deadline}`;

describe.each(SEEDS)('seed %s', (seed, plan) => {
	const catalogue: CatalogueTarget[] = JSON.parse(fs.readFileSync(path.resolve('catalogue/bundles', `${plan}.json`), 'utf8')).targets;

	it('yields the catalogue targets and no others', async () => {
		const bytes = new Uint8Array(fs.readFileSync(path.resolve('../shared/seeds', seed)));
		const { extraction } = await extractDocument(bytes, seed);
		const unmatched: ProposedTarget[] = [...extraction.targets];
		const missing: string[] = [];
		for (const target of catalogue) {
			const wanted = key(target);
			const at = unmatched.findIndex((proposal) => key(proposal) === wanted);
			if (at < 0) missing.push(`${target.id} ${wanted} «${target.quote}»`);
			else unmatched.splice(at, 1);
		}
		const extra = unmatched.map((t) => `${t.clause} ${key(t)} «${t.quote}»`);
		expect({ missing, extra }).toEqual({ missing: [], extra: [] });
	});

	it('quotes every target and fact verbatim from its clause', async () => {
		const bytes = new Uint8Array(fs.readFileSync(path.resolve('../shared/seeds', seed)));
		const { extraction } = await extractDocument(bytes, seed);
		const text = new Map(extraction.clauses.map((c) => [c.path, c.text]));
		const misquoted = [...extraction.targets, ...extraction.facts].filter((t) => !text.get(t.clause)?.includes(t.quote));
		expect(misquoted).toEqual([]);
	});
});

describe('the Pudong seed task table', () => {
	it('yields the catalogue tasks row by row: number, text and units in order', async () => {
		const bundle = JSON.parse(fs.readFileSync(path.resolve('catalogue/bundles/pudong-biomedicine-2022-2024.json'), 'utf8'));
		const names = new Map<string, string>(bundle.organisations.map((o: { id: string; name: { zh: string } }) => [o.id, o.name.zh]));
		const seed = 'pudong-biomedicine-action-plan-2022-2024.txt';
		const { extraction } = await extractDocument(new Uint8Array(fs.readFileSync(path.resolve('../shared/seeds', seed))), seed);
		const rows = extraction.tasks.filter((task) => task.clause.startsWith('附件'));
		const wanted = bundle.tasks.map((t: { number: number; text: { zh: string }; units: string[] }) => [t.number, t.text.zh, t.units.map((u) => names.get(u) ?? u)]);
		expect(rows.map((t) => [t.number, t.text, t.units])).toEqual(wanted);
	});
});

describe('the Shanghai seed measures', () => {
	it('yield the catalogue tasks: number, title and units of each measure', async () => {
		const bundle = JSON.parse(fs.readFileSync(path.resolve('catalogue/bundles/shanghai-biomedicine-full-chain-2024.json'), 'utf8'));
		const names = new Map<string, string>(bundle.organisations.map((o: { id: string; name: { zh: string } }) => [o.id, o.name.zh]));
		const seed = 'shanghai-biomedicine-full-chain-opinions-2024.txt';
		const { extraction } = await extractDocument(new Uint8Array(fs.readFileSync(path.resolve('../shared/seeds', seed))), seed);
		const wanted = bundle.tasks.map((t: { number: number; title: { zh: string }; units: string[] }) => [t.number, t.title.zh, t.units.map((u) => names.get(u) ?? u)]);
		expect(extraction.tasks.map((t) => [t.number, t.title, t.units])).toEqual(wanted);
	});
});
