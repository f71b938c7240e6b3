/**
 * How each seed document becomes clauses: where its body starts, what precedes it (the covering
 * notice), what is dropped (signature lines) and where an annexed table starts. Used by
 * scripts/catalogue-draft.ts to write the clauses of catalogue/bundles/*.json and by the tests to check that the
 * stored Chinese text is exactly what cleaning the seed gives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cleanDocument } from './clean-text';
import { splitClauses, type DraftClause } from './split-clauses';

export interface SeedLayout {
	planFile: string;
	seed: string;
	idPrefix: string;
	/** The line the document body starts at (its preamble). */
	bodyStart: string;
	/** The first words of the covering notice's operative sentence, kept as its own clause. */
	notice?: string;
	/** The line the annexed task table starts at. */
	attachment?: string;
	/** Lines dropped from the body, e.g. the signature block. */
	drop?: RegExp;
}

export const SEED_LAYOUTS: SeedLayout[] = [
	{
		planFile: 'pudong-biomedicine-2022-2024.json',
		seed: 'pudong-biomedicine-action-plan-2022-2024.txt',
		idPrefix: 'pd',
		bodyStart: '生物医药产业是上海贯彻落实',
		notice: '《浦东新区生物医药产业高质量发展行动方案（2022-2024年）》已经',
		attachment: '附件：《浦东新区生物医药产业高质量发展行动方案（2022-2024年）》任务分解表'
	},
	{
		planFile: 'shanghai-biomedicine-full-chain-2024.json',
		seed: 'shanghai-biomedicine-full-chain-opinions-2024.txt',
		idPrefix: 'sh',
		bodyStart: '发展生物医药产业是加快形成新质生产力的重要抓手',
		drop: /^(上海市人民政府办公厅|2024年7月15日)$/
	}
];

/** The task table: a section name, then rows of (number, work, departments). */
function annexClauses(lines: string[], idPrefix: string): DraftClause[] {
	const rows: DraftClause[] = [];
	const body = lines.slice(lines.indexOf('责任部门') + 1);
	let section = '';
	for (let i = 0; i < body.length; i++) {
		if (/^\d+$/.test(body[i])) {
			rows.push({
				id: `${idPrefix}-annex-${body[i]}`,
				path: ['附件', body[i]],
				heading: section,
				text: `${body[i + 1]}（责任部门：${body[i + 2]}）`
			});
			i += 2;
		} else section = body[i];
	}
	return rows;
}

/** Cleans one seed file and cuts it into clauses. */
export function draftClauses(seedDir: string, layout: SeedLayout): DraftClause[] {
	const lines = cleanDocument(fs.readFileSync(path.join(seedDir, layout.seed), 'utf8'));
	const start = lines.findIndex((l) => l.startsWith(layout.bodyStart));
	if (start < 0) throw new Error(`${layout.seed}: body start not found`);
	const annexAt = layout.attachment ? lines.indexOf(layout.attachment) : -1;
	const body = lines.slice(start + 1, annexAt > 0 ? annexAt : undefined).filter((l) => !layout.drop?.test(l));
	const clauses: DraftClause[] = [];
	if (layout.notice) {
		const notice = lines.find((l) => l.startsWith(layout.notice!));
		if (!notice) throw new Error(`${layout.seed}: notice not found`);
		clauses.push({ id: `${layout.idPrefix}-notice`, path: ['通知'], heading: null, text: notice });
	}
	clauses.push({ id: `${layout.idPrefix}-preamble`, path: ['序言'], heading: null, text: lines[start] });
	clauses.push(...splitClauses(body, layout.idPrefix, ['附则']));
	if (annexAt > 0) clauses.push(...annexClauses(lines.slice(annexAt), layout.idPrefix));
	return clauses;
}
