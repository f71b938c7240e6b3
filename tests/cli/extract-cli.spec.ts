/** The extract command as a user runs it: a document in, the Extraction JSON out, or one line and exit code 1. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pacer-extract-'));
const extract = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/extract.ts', ...args], { encoding: 'utf8' });

describe('npm run extract', () => {
	it('prints the seed plan with its metadata, clauses and targets', () => {
		const r = extract('--input', resolve('../shared/seeds/pudong-biomedicine-action-plan-2022-2024.txt'));
		expect(r.status).toBe(0);
		const out = JSON.parse(r.stdout);
		expect(out).toMatchObject({ docNumber: '浦府办〔2022〕2号', issued: '2022-01-14' });
		expect(out.title).toContain('浦东新区生物医药产业高质量发展行动方案');
		expect(out.targets).toContainEqual(expect.objectContaining({ quote: '生物医药产业规模达到4000亿元', comparator: '>=', value: 4000, unit: '亿元', deadline: '2024-12-31' }));
		for (const t of out.targets) {
			const clause = out.clauses.find((c: { path: string }) => c.path === t.clause);
			expect(clause?.text, t.quote).toContain(t.quote);
		}
	});

	it.each([
		['an empty file', 'empty.txt', ''],
		['a scanned or binary file', 'scan.pdf', '%PDF-1.4\n%\u00ff\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF']
	])('refuses %s with one line and no JSON', (_, name, body) => {
		const file = join(dir, name);
		writeFileSync(file, body);
		const r = extract('--input', file);
		expect(r.status).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('refuses a missing file and a missing --input', () => {
		expect(extract('--input', join(dir, 'nowhere.docx')).status).toBe(1);
		const r = extract();
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('usage');
	});
});
