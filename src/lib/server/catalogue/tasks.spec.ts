/**
 * The tasks and measures of the catalogue, checked against the seed documents themselves: the
 * Pudong task table (任务分解表) and the closing "（责任单位：…）" of each Shanghai measure, read
 * from ../shared/seeds after the same cleaning as the clauses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { responsibleUnits } from '../../domain/tasks';
import { cleanDocument } from './clean-text';
import { loadCatalogue } from './load-catalogue';

const catalogue = loadCatalogue(path.resolve('catalogue'));
const seed = (file: string) => cleanDocument(fs.readFileSync(path.resolve('../shared/seeds', file), 'utf8'));
const organisationName = new Map(catalogue.organisations.map((o) => [o.id, o.name.zh]));
const taskList = (plan: string) => catalogue.tasks.find((l) => l.plan === plan)!;
/** A task's units as the document writes them, 等 included. */
const writtenUnits = (task: { units: string[]; unitsOpenEnded: boolean }) =>
	task.units.map((id, i) => organisationName.get(id)! + (task.unitsOpenEnded && i === task.units.length - 1 ? '等' : ''));

describe('tasks and measures of the seed plans', () => {
	it('loads all 20 rows of the Pudong task table with their departments, lead first', () => {
		const lines = seed('pudong-biomedicine-action-plan-2022-2024.txt');
		const table = lines.slice(lines.findIndex((l) => l.includes('任务分解表')));
		const header = table.indexOf('责任部门');
		expect(header).toBeGreaterThan(0);
		// After the header: a section name, then rows of number / work / departments.
		const rows: { number: number; units: string[] }[] = [];
		for (let i = header + 1; i < table.length; i++) {
			if (/^\d+$/.test(table[i])) {
				rows.push({ number: Number(table[i]), units: table[i + 2].split('、') });
				i += 2;
			}
		}
		const tasks = taskList('pudong-biomedicine-2022-2024');
		expect(tasks.kind).toBe('task');
		expect(rows).toHaveLength(20);
		expect(tasks.tasks).toHaveLength(20);
		expect(tasks.tasks.map((t) => ({ number: t.number, units: writtenUnits(t) }))).toEqual(rows);
		// Row 1: 张江管理局 leads, 区科经委 and 区发改委 co-operate.
		expect(writtenUnits(tasks.tasks[0])).toEqual(['张江管理局', '区科经委', '区发改委']);
		expect(tasks.tasks[3]).toMatchObject({ unitsOpenEnded: true });
	});

	it('loads all 37 Shanghai measures with their responsible units', () => {
		const measures = seed('shanghai-biomedicine-full-chain-opinions-2024.txt')
			.map((line) => responsibleUnits(line))
			.filter((m) => m !== null);
		const tasks = taskList('shanghai-biomedicine-full-chain-2024');
		expect(tasks.kind).toBe('measure');
		expect(measures).toHaveLength(37);
		expect(tasks.tasks).toHaveLength(37);
		expect(tasks.tasks.map((t) => writtenUnits(t))).toEqual(measures.map((m) => m!.units.map((u, i, all) => (m!.openEnded && i === all.length - 1 ? `${u}等` : u))));
		expect(tasks.tasks.map((t) => t.number)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
		// Measure 9 (缩短临床试验启动时间) serves the 25-week trial start-up target.
		expect(tasks.tasks[8].title.zh).toBe('缩短临床试验启动时间');
		expect(tasks.tasks[8].targets.map((l) => l.target)).toEqual(['sh-trial-startup']);
	});

	it('shares one organisation between plans where both name it', () => {
		const plansOf = (orgId: string) =>
			catalogue.tasks.filter((l) => l.tasks.some((t) => t.units.includes(orgId))).map((l) => l.plan);
		expect(plansOf('lingang-admin')).toEqual(['pudong-biomedicine-2022-2024', 'shanghai-biomedicine-full-chain-2024']);
		// Every unit named in either plan is in the organisation list once, and each has an English name.
		const named = new Set(catalogue.tasks.flatMap((l) => l.tasks.flatMap((t) => t.units)));
		expect(named.size).toBe(catalogue.organisations.length);
		for (const o of catalogue.organisations) expect(o.name.en).not.toBe('');
	});

	it('keeps task texts clean and without the unit list', () => {
		for (const list of catalogue.tasks) {
			for (const t of list.tasks) {
				expect(t.text.zh).not.toMatch(/责任(单位|部门)/);
				expect(t.text.en).not.toMatch(/Responsible/);
				expect(t.text.zh.length).toBeGreaterThan(10);
			}
		}
	});

	it('gives every indicator an owner organisation', () => {
		for (const indicator of catalogue.indicators) expect(organisationName.has(indicator.owner!)).toBe(true);
	});
});
