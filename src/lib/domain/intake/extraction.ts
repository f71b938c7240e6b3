/**
 * What the plan extractor reads out of one policy document: the contract of `npm run extract`
 * (printed as JSON), of the intake pages (stored as a draft's proposals) and of the extraction
 * benchmark. Pure types: no reader, database or framework here.
 */
import type { Comparator, TargetKind } from '../plan';

/** A numbered part of the document along its own numbering, e.g. path "一、（二）1.". */
export interface ExtractedClause {
	/** The numbering labels joined, "一、（二）1."; "前言" before the first number, "附件1" for an appendix. */
	path: string;
	/** The labels one by one: ["一、", "（二）", "1."]. */
	labels: string[];
	heading: string | null;
	/** The clause's cleaned text, heading included, as it reads in the document. */
	text: string;
	/** Responsible units the clause names ("（责任单位：区科经委、区发改委）"), in the order written. */
	units: string[];
}

/** One quantified commitment the extractor proposes as a target. */
export interface ProposedTarget {
	/** `path` of the clause holding the quote. */
	clause: string;
	/** The target's exact words as they stand in the clause's cleaned text. */
	quote: string;
	/** A suggested indicator name in the document's words, e.g. "生物医药产业规模". */
	indicator: string;
	comparator: Comparator;
	/** In the unit as written: 2万亿元 -> 2 with unit 万亿元; a range's lower end. */
	value: number;
	/** Upper end of a range ("8至10家"), null otherwise. */
	max: number | null;
	/** The unit as written (亿元, 个, %, 个月; "个百分点" for point changes), except 个工作日, written 工作日 as the seed catalogue does. */
	unit: string;
	/** YYYY-MM-DD; the clause's own year ("到2025年" -> 2025-12-31), else the plan's end, else null. */
	deadline: string | null;
	/** Whether the deadline is written beside the target or taken from the plan's period of validity. */
	deadlineBasis: 'stated' | 'plan_period' | null;
	kind: TargetKind;
	/** A starting point the text states ("由2020年的X提高到Y"), null otherwise. */
	baseline: { value: number; date: string } | null;
	/** For a share target: the parent series in the document's words ("全国"), null otherwise. */
	shareOf: string | null;
	/** 0..1: how sure the extractor is that this is a target with these fields. */
	confidence: number;
}

/** A number a clause states that is not a progress target, kept as a searchable fact of its clause. */
export interface ExtractedFact {
	clause: string;
	quote: string;
	kind: 'support_cap' | 'support_rate' | 'threshold' | 'past_achievement' | 'document_number' | 'date' | 'other';
	value: number | null;
	unit: string | null;
}

/** A row of a task table (任务分解表) or a measure with its responsible units. */
export interface ExtractedTask {
	/** The clause or table row it comes from. */
	clause: string;
	number: number | null;
	title: string;
	text: string;
	/** Units in the order written: the first leads. */
	units: string[];
	/** YYYY-MM-DD when the row states a deadline ("2023年底前"), null otherwise. */
	deadline: string | null;
}

export interface Extraction {
	title: string | null;
	issuer: string | null;
	/** e.g. 浦府办〔2022〕2号 */
	docNumber: string | null;
	/** YYYY-MM-DD the document was issued (signature date), null when not stated. */
	issued: string | null;
	/** Start and end of validity where the text states them ("自2024年8月1日起施行，有效期至2029年7月31日"). */
	effectiveFrom: string | null;
	effectiveTo: string | null;
	clauses: ExtractedClause[];
	targets: ProposedTarget[];
	facts: ExtractedFact[];
	tasks: ExtractedTask[];
}
