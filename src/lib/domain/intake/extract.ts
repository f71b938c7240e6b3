/**
 * The plan extractor: from a plan's cleaned text to its structure, proposed targets, facts and
 * tasks. Pure; reading files and cleaning happen before (see src/lib/server/intake).
 */
import type { Extraction } from './extraction';
import { annualYearEnd, fiveYearPlanEnd, readHeader, readDate, splitPlanClauses } from './structure';
import { readClause } from './targets';
import { measureTasks, readTaskTable } from './tasks';

/**
 * Extracts a plan from its cleaned text (the output of cleanPlanText).
 * @example extractPlan('X行动方案（2022-2024年）\n一、目标\n到2024年，产业规模达到4000亿元。').targets[0].value === 4000
 */
export function extractPlan(clean: string): Extraction {
	const lines = clean.split('\n').filter((line) => line.trim().length > 0);
	const header = readHeader(lines);
	const body = bodyLines(lines, header.titleLine);
	const clauses = splitPlanClauses(body);
	// A work report or annual plan without a period or validity runs to the end of the year it names.
	const planEnd = header.effectiveTo ?? header.periodEnd ?? annualYearEnd(lines) ?? fiveYearPlanEnd(lines);
	const ctx = { planEnd, referenceYear: referenceYear(header.issued, header.title, lines), clauses };
	const targets = [];
	const facts = [];
	for (const clause of clauses) {
		const read = readClause(clause, ctx);
		targets.push(...read.targets);
		facts.push(...read.facts);
	}
	const tableTasks = clauses.flatMap(readTaskTable);
	dropRepeatedHeadline(targets, lines[0] ?? '');
	return {
		title: header.title,
		issuer: header.issuer,
		docNumber: header.docNumber,
		issued: header.issued,
		effectiveFrom: header.effectiveFrom,
		effectiveTo: header.effectiveTo,
		clauses,
		targets,
		facts,
		tasks: [...tableTasks, ...measureTasks(clauses)]
	};
}

/**
 * A news page opens with a headline that repeats a target of the text it reports ("力争2025年光子
 *产业规模超5000亿元" above "到2025年，力争全市光子产业规模超5000亿元"): the text's target stands.
 */
function dropRepeatedHeadline(targets: Extraction['targets'], firstLine: string): void {
	if (/[。；]/.test(firstLine)) return;
	for (let i = targets.length - 1; i >= 0; i--) {
		const t = targets[i];
		if (!firstLine.includes(t.quote)) continue;
		const repeated = targets.some((o, j) => j !== i && !firstLine.includes(o.quote) && o.value === t.value && o.unit === t.unit && o.max === t.max);
		if (repeated) targets.splice(i, 1);
	}
}

/**
 * The first year the plan speaks for: its year of issue; else the first year of the title's period;
 * a work report without a date speaks for the year it names ("2025年主要预期目标").
 */
function referenceYear(issued: string | null, title: string | null, lines: string[]): number | null {
	if (issued) return Number(issued.slice(0, 4));
	// A period in the title comes first: a multi-year plan may set out one year alone ("主要目标 / 2025年").
	const period = title?.match(/(\d{4})\s*[-—–~至到]\s*\d{4}\s*年/);
	if (period) return Number(period[1]);
	const annual = annualYearEnd(lines);
	if (annual) return Number(annual.slice(0, 4));
	// A five-year plan named as the subject starts four years before it ends.
	const fiveYear = fiveYearPlanEnd(lines);
	return fiveYear ? Number(fiveYear.slice(0, 4)) - 4 : null;
}

/**
 * The plan's own text: after its title line, without the document number, the addressees and the
 * signature (organisation and date alone on their lines).
 */
function bodyLines(lines: string[], titleLine: number): string[] {
	const from = titleLine >= 0 ? titleLine + 1 : 0;
	return lines.slice(from).filter((line, i, rest) => {
		if (readDate(line.replace(/^[（(]|[)）]$/g, ''))) return false;
		const next = rest[i + 1] ?? '';
		if (line.length <= 30 && !/[，。：；]/.test(line) && readDate(next.replace(/^[（(]|[)）]$/g, ''))) return false;
		if (/^[\u4e00-\u9fa5]{1,10}〔\d{4}〕\d{1,4}号$/.test(line)) return false;
		return true;
	});
}
