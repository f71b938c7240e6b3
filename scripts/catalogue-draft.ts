/**
 * Drafts the clauses of the seed plans from ../shared/seeds into catalogue/plans/*.json.
 * Clean Chinese text and numbering come from the seed; English texts, targets, facts and plan
 * metadata already in the JSON are kept (matched by clause id), so re-running only refreshes zh.
 *
 *   npx tsx scripts/catalogue-draft.ts [seedDir]
 */
import fs from 'node:fs';
import path from 'node:path';
import { cleanDocument } from '../src/lib/server/catalogue/clean-text.ts';
import { splitClauses, type DraftClause } from '../src/lib/server/catalogue/split-clauses.ts';

const seedDir = process.argv[2] ?? path.resolve('../shared/seeds');

interface PlanDraft {
	file: string;
	seed: string;
	idPrefix: string;
	/** The line the document body starts at (its preamble). */
	bodyStart: string;
	/** Lines before the body kept as the covering notice, by their first characters. */
	notice?: { from: string; to: string };
	/** The attachment table starts at this line (Pudong's 任务分解表). */
	attachment?: string;
	/** Lines dropped from the body, e.g. a signature block. */
	drop?: RegExp;
}

const drafts: PlanDraft[] = [
	{
		file: 'pudong-biomedicine-2022-2024.json',
		seed: 'pudong-biomedicine-action-plan-2022-2024.txt',
		idPrefix: 'pd',
		bodyStart: '生物医药产业是上海贯彻落实',
		notice: { from: '《浦东新区生物医药产业高质量发展行动方案（2022-2024年）》已经', to: '2022年1月14日' },
		attachment: '附件：《浦东新区生物医药产业高质量发展行动方案（2022-2024年）》任务分解表'
	},
	{
		file: 'shanghai-biomedicine-full-chain-2024.json',
		seed: 'shanghai-biomedicine-full-chain-opinions-2024.txt',
		idPrefix: 'sh',
		bodyStart: '发展生物医药产业是加快形成新质生产力的重要抓手',
		drop: /^(上海市人民政府办公厅|2024年7月15日)$/
	}
];

/** The task table: a section name, then rows of (number, work, departments). */
function attachmentClauses(lines: string[], idPrefix: string): DraftClause[] {
	const rows: DraftClause[] = [];
	const body = lines.slice(lines.indexOf('责任部门') + 1);
	let section = '';
	for (let i = 0; i < body.length; i++) {
		if (/^\d+$/.test(body[i])) {
			const n = body[i];
			rows.push({
				id: `${idPrefix}-annex-${n}`,
				path: ['附件', n],
				heading: section,
				text: `${body[i + 1]}（责任部门：${body[i + 2]}）`
			});
			i += 2;
		} else section = body[i];
	}
	return rows;
}

for (const draft of drafts) {
	const lines = cleanDocument(fs.readFileSync(path.join(seedDir, draft.seed), 'utf8'));
	const start = lines.findIndex((l) => l.startsWith(draft.bodyStart));
	const annexAt = draft.attachment ? lines.indexOf(draft.attachment) : -1;
	const bodyLines = lines.slice(start + 1, annexAt > 0 ? annexAt : undefined).filter((l) => !draft.drop?.test(l));
	const clauses: DraftClause[] = [];
	if (draft.notice) {
		const from = lines.findIndex((l) => l.startsWith(draft.notice!.from));
		clauses.push({ id: `${draft.idPrefix}-notice`, path: ['通知'], heading: null, text: lines[from] });
	}
	clauses.push({ id: `${draft.idPrefix}-preamble`, path: ['序言'], heading: null, text: lines[start] });
	clauses.push(...splitClauses(bodyLines, draft.idPrefix, ['附则']));
	if (annexAt > 0) clauses.push(...attachmentClauses(lines.slice(annexAt), draft.idPrefix));

	const file = path.resolve('catalogue/plans', draft.file);
	const existing = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
	const oldById = new Map<string, { heading?: { en?: string }; text?: { en?: string } }>(
		(existing.clauses ?? []).map((c: { id: string }) => [c.id, c])
	);
	existing.clauses = clauses.map((c) => ({
		id: c.id,
		path: c.path,
		heading: c.heading === null ? null : { zh: c.heading, en: oldById.get(c.id)?.heading?.en ?? '' },
		text: { zh: c.text, en: oldById.get(c.id)?.text?.en ?? '' }
	}));
	existing.targets ??= [];
	existing.facts ??= [];
	fs.writeFileSync(file, JSON.stringify(existing, null, '\t') + '\n');
	console.log(`${draft.file}: ${clauses.length} clauses`);
}
