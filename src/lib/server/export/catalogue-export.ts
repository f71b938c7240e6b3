/**
 * The catalogue as analysts and other tools read it (npm run export). The JSON shape is a
 * published contract: { plans: [{ id, title, targets: [{ id, clause, quote, title, comparator,
 * value, max, unit, deadline, kind, verdict, … }] }] }. Fields may be added, never renamed.
 * The verdict is today's stored one (the same the pages show): status, basis and probability.
 */
import Papa from 'papaparse';
import { FORMULA_START } from './spreadsheet';
import { asc } from 'drizzle-orm';
import type { Comparator, TargetKind } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import type { VerdictBasis, VerdictStatus } from '../../domain/verdict';
import { syncJudgements } from '../queries/judgements';
import { targetBaseline } from '../queries/judge-input';
import { publishedPlan } from '../queries/published';

export interface ExportedTarget {
	id: string;
	/** The clause's numbering in the document, e.g. "一、（二）1.". */
	clause: string;
	clauseId: string;
	quote: string;
	title: { zh: string; en: string };
	comparator: Comparator;
	value: number;
	max: number | null;
	unit: string;
	deadline: string;
	deadlineBasis: string;
	kind: TargetKind;
	indicator: string;
	shareOf: string | null;
	baseline: { value: number; date: string; implied: boolean } | null;
	/** Today's verdict (domain/verdict.ts); null for a target not judged yet. */
	verdict: { status: VerdictStatus; basis: VerdictBasis; probability: number | null; judgedOn: string } | null;
}

export interface CatalogueExport {
	plans: Array<{
		id: string;
		title: { zh: string; en: string };
		documentNumber: string | null;
		issuedOn: string;
		targets: ExportedTarget[];
	}>;
}

export async function exportCatalogue(db: Database): Promise<CatalogueExport> {
	await syncJudgements(db);
	const judged = new Map(
		(
			await db
				.select({ targetId: s.targetJudgements.targetId, status: s.targetJudgements.status, basis: s.targetJudgements.basis, probability: s.targetJudgements.probability, judgedOn: s.targetJudgements.judgedOn })
				.from(s.targetJudgements)
		).map((j) => [j.targetId, { status: j.status as VerdictStatus, basis: j.basis as VerdictBasis, probability: j.probability, judgedOn: j.judgedOn }])
	);
	const rows = await db.query.plans.findMany({
		where: publishedPlan,
		orderBy: asc(s.plans.issuedOn),
		with: { targets: { orderBy: asc(s.targets.position), with: { clause: true } } }
	});
	return {
		plans: rows.map((p) => ({
			id: p.id,
			title: { zh: p.titleZh, en: p.titleEn },
			documentNumber: p.documentNumber,
			issuedOn: p.issuedOn,
			targets: p.targets.map((t) => ({
				id: t.id,
				clause: t.clause.path.join(''),
				clauseId: t.clauseId,
				quote: t.quote,
				title: { zh: t.titleZh, en: t.titleEn },
				comparator: t.comparator,
				value: t.value,
				max: t.maxValue,
				unit: t.unit,
				deadline: t.deadline,
				deadlineBasis: t.deadlineBasis,
				kind: t.kind,
				indicator: t.indicatorId,
				shareOf: t.shareOfIndicatorId,
				baseline: targetBaseline(t),
				verdict: judged.get(t.id) ?? null
			}))
		}))
	};
}

/** One row per target, plan columns first; the header names match the JSON fields. */
export function catalogueToCsv(catalogue: CatalogueExport): string {
	const rows = catalogue.plans.flatMap((p) =>
		p.targets.map((t) => ({
			plan_id: p.id,
			plan_title_zh: p.title.zh,
			plan_title_en: p.title.en,
			id: t.id,
			clause: t.clause,
			quote: t.quote,
			title_zh: t.title.zh,
			title_en: t.title.en,
			comparator: t.comparator,
			value: t.value,
			max: t.max ?? '',
			unit: t.unit,
			deadline: t.deadline,
			kind: t.kind,
			indicator: t.indicator,
			share_of: t.shareOf ?? '',
			baseline_value: t.baseline?.value ?? '',
			baseline_date: t.baseline?.date ?? '',
			verdict: t.verdict?.status ?? '',
			verdict_basis: t.verdict?.basis ?? '',
			probability: t.verdict?.probability ?? ''
		}))
	);
	// A leading "=", "+", "-" or "@" would run as a formula in a spreadsheet: quote such cells.
	return Papa.unparse(rows, { escapeFormulae: FORMULA_START, newline: '\n' }) + '\n';
}
