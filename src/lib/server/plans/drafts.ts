/**
 * Plan intake, first step: a draft plan from an uploaded document and what the extractor read
 * from it, and everything the review page shows. A draft is visible only here (queries/published.ts).
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import type { Extraction } from '../../domain/intake/extraction';
import type { Comparator, DeadlineBasis, TargetKind } from '../../domain/plan';
import type { TaskKind } from '../../domain/tasks';
import { draftPlanId } from '../../domain/intake/review-forms';
import { suggestIndicators, type IndicatorChoice, type IndicatorSuggestion } from '../../domain/intake/suggest';
import { publishProblems, type PublishProblem } from '../../domain/intake/publish-problems';
import { localDay } from '../../domain/dates';
import { deploymentTimeZone } from '../config';

type Db = Database | Transaction;

/** The uploaded file as the reader saw it. */
export interface DraftDocument {
	fileName: string;
	/** "docx", "pdf", "html", "txt". */
	format: string;
	byteSize: number;
	sha256: string;
	originalText: string;
	cleanText: string;
}

/**
 * The document facts of an upload, for createDraft: the format from the file name, size and sha256 of the bytes.
 * @example draftDocument('方案.docx', bytes, text, clean) // { fileName: '方案.docx', format: 'docx', byteSize: 48213, sha256: '…', … }
 */
export function draftDocument(fileName: string, bytes: Uint8Array, originalText: string, cleanText: string): DraftDocument {
	const format = fileName.match(/\.([A-Za-z0-9]+)$/)?.[1]?.toLowerCase() ?? 'txt';
	return { fileName, format, byteSize: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), originalText, cleanText };
}

/** Thrown for a plan id that names no plan. */
export class PlanNotFoundError extends Error {
	constructor(readonly planId: string) {
		super(`no plan with id "${planId}"`);
	}
}

/** The area a plan covers, from its issuer's name: "上海市人民政府办公厅" -> "上海市". */
function areaOf(issuer: string | null): string {
	return issuer?.match(/^(.+?(?:新区|自治区|省|市|区|县))/)?.[1] ?? '';
}

const stripUnitName = (name: string) => name.trim().replace(/[，,、\s]+$/, '');

/**
 * Creates a draft plan from a document and its extraction: the plan row (status draft), its
 * clauses (English left '' for a translator), the document, one proposal per extracted target,
 * the facts and the tasks with their units (names no organisation has become new organisations).
 * @example const { planId } = await createDraft(db, user.id, { document, extraction })
 */
export async function createDraft(
	db: Database,
	userId: string,
	input: { document: DraftDocument; extraction: Extraction }
): Promise<{ planId: string }> {
	const { document, extraction: x } = input;
	const base = draftPlanId(x, document.sha256);
	const today = localDay(new Date(), deploymentTimeZone());
	const assumedFields: string[] = [];
	const issuedOn = x.issued ?? (assumedFields.push('issuedOn'), today);
	const effectiveFrom = x.effectiveFrom ?? x.issued ?? (assumedFields.push('effectiveFrom'), today);
	return db.transaction(async (tx) => {
		// The same file uploaded twice makes two drafts: the second gets a suffix.
		const taken = await tx.select({ id: s.plans.id }).from(s.plans).where(sql`${s.plans.id} = ${base} or ${s.plans.id} like ${`${base}-%`}`);
		const takenIds = new Set(taken.map((t) => t.id));
		let planId = base;
		for (let n = 2; takenIds.has(planId); n++) planId = `${base}-${n}`;
		const titleZh = x.title?.trim() || document.fileName.replace(/\.[^.]+$/, '');
		await tx.insert(s.plans).values({
			id: planId,
			titleZh,
			titleEn: '',
			issuerZh: x.issuer?.trim() ?? '',
			issuerEn: '',
			documentNumber: x.docNumber,
			areaZh: areaOf(x.issuer),
			areaEn: '',
			issuedOn,
			effectiveFrom,
			effectiveTo: x.effectiveTo,
			sourceUrl: null,
			sourceNoteZh: `由上传的文件“${document.fileName}”提取，经分析员审核。`,
			sourceNoteEn: `Extracted from the uploaded file "${document.fileName}" and reviewed by an analyst.`,
			sourceText: document.cleanText,
			status: 'draft',
			revision: 1,
			createdBy: userId
		});
		await tx.insert(s.planDocuments).values({ planId, ...document, assumedFields, uploadedBy: userId });

		const clauseIdOf = new Map<string, string>();
		const clauses = x.clauses.map((c, i) => {
			const id = `${planId}-c${i + 1}`;
			if (!clauseIdOf.has(c.path)) clauseIdOf.set(c.path, id);
			return {
				id,
				planId,
				position: i,
				path: c.labels.length ? c.labels : [c.path || `${i + 1}`],
				headingZh: c.heading,
				headingEn: c.heading === null ? null : '',
				textZh: c.text,
				textEn: ''
			};
		});
		if (clauses.length === 0) {
			// A document the extractor found no numbering in is one clause.
			clauses.push({ id: `${planId}-c1`, planId, position: 0, path: ['全文'], headingZh: null, headingEn: null, textZh: document.cleanText, textEn: '' });
		}
		await tx.insert(s.clauses).values(clauses);
		/** The clause of a path, or the first whose text holds the words. */
		const clauseFor = (path: string, words: string) =>
			clauseIdOf.get(path) ?? clauses.find((c) => c.textZh.includes(words))?.id ?? null;

		const unplaced: string[] = [];
		const proposals = x.targets.flatMap((t, position) => {
			const clauseId = clauseFor(t.clause, t.quote);
			if (!clauseId) {
				unplaced.push(t.quote);
				return [];
			}
			return [
				{
					planId,
					clauseId,
					position,
					quote: t.quote,
					indicatorName: t.indicator,
					comparator: t.comparator,
					value: t.value,
					maxValue: t.comparator === 'between' ? t.max : null,
					unit: t.unit,
					deadline: t.deadline,
					deadlineBasis: t.deadlineBasis ?? (t.deadline ? ('stated' as const) : null),
					kind: t.kind,
					baselineValue: t.baseline?.value ?? null,
					baselineDate: t.baseline?.date ?? null,
					shareOfName: t.shareOf,
					confidence: t.confidence,
					titleZh: t.indicator
				}
			];
		});
		if (proposals.length) await tx.insert(s.targetProposals).values(proposals);

		const facts = x.facts.flatMap((f) => {
			const clauseId = clauseFor(f.clause, f.quote);
			return clauseId && f.value !== null
				? [{ clauseId, kind: f.kind, quote: f.quote, value: f.value, unit: f.unit ?? '', descriptionZh: f.quote, descriptionEn: '' }]
				: [];
		});
		if (facts.length) await tx.insert(s.clauseFacts).values(facts);

		const newOrganisations = await addTasks(tx, userId, planId, x, clauseFor, clauses[0].id);

		await tx.insert(s.auditLog).values({
			userId,
			action: 'plan.draft',
			entity: 'plan',
			entityId: planId,
			detail: {
				fileName: document.fileName,
				sha256: document.sha256,
				clauses: clauses.length,
				proposals: proposals.length,
				facts: facts.length,
				tasks: x.tasks.length,
				newOrganisations,
				assumedFields,
				...(unplaced.length ? { unplaced } : {})
			}
		});
		return { planId };
	});
}

/** The draft's tasks with their units, matched to organisations by name or alias; returns the ids of organisations it had to create. */
async function addTasks(
	tx: Transaction,
	userId: string,
	planId: string,
	x: Extraction,
	clauseFor: (path: string, words: string) => string | null,
	firstClause: string
): Promise<string[]> {
	if (x.tasks.length === 0) return [];
	const organisations = await tx.select({ id: s.organisations.id, nameZh: s.organisations.nameZh, aliases: s.organisations.aliases }).from(s.organisations);
	const byName = new Map<string, string>();
	for (const o of organisations) for (const name of [o.nameZh, ...o.aliases]) byName.set(name, o.id);
	const created: string[] = [];
	const organisationOf = async (name: string) => {
		const known = byName.get(name);
		if (known) return known;
		const id = `org-${createHash('sha256').update(name).digest('hex').slice(0, 10)}`;
		await tx.insert(s.organisations).values({ id, nameZh: name, nameEn: '', level: 'other', aliases: [] }).onConflictDoNothing();
		await tx.insert(s.auditLog).values({ userId, action: 'organisation.create', entity: 'organisation', entityId: id, detail: { planId, nameZh: name } });
		byName.set(name, id);
		created.push(id);
		return id;
	};
	const kind: TaskKind = 'task';
	const used = new Set<number>();
	for (const [i, t] of x.tasks.entries()) {
		let number = t.number && t.number > 0 && !used.has(t.number) ? t.number : i + 1;
		while (used.has(number)) number += 1;
		used.add(number);
		const id = `${planId}-task${number}`;
		let openEnded = false;
		const names: string[] = [];
		for (const raw of t.units) {
			let name = stripUnitName(raw);
			if (name.endsWith('等')) {
				openEnded = true;
				name = name.slice(0, -1);
			}
			if (name && !names.includes(name)) names.push(name);
		}
		await tx.insert(s.tasks).values({
			id,
			planId,
			kind,
			number,
			clauseId: clauseFor(t.clause, t.text) ?? firstClause,
			bodyClauseId: null,
			titleZh: t.title || t.text.slice(0, 40),
			titleEn: '',
			textZh: t.text,
			textEn: '',
			unitsOpenEnded: openEnded,
			// A task without its own deadline is due at the plan's end.
			due: t.deadline ?? x.effectiveTo
		});
		const ids: string[] = [];
		for (const name of names) {
			const organisationId = await organisationOf(name);
			if (!ids.includes(organisationId)) ids.push(organisationId);
		}
		if (ids.length) {
			await tx.insert(s.taskUnits).values(ids.map((organisationId, position) => ({ taskId: id, organisationId, role: position === 0 ? ('lead' as const) : ('support' as const), position })));
		}
	}
	return created;
}

export interface ProposalReview {
	id: number;
	clauseId: string;
	/** The clause's numbering, "一、（二）". */
	clausePath: string[];
	position: number;
	quote: string;
	indicatorName: string;
	comparator: Comparator;
	value: number;
	max: number | null;
	unit: string;
	deadline: string | null;
	deadlineBasis: DeadlineBasis | null;
	kind: TargetKind;
	baseline: { value: number; date: string } | null;
	shareOfName: string | null;
	confidence: number;
	decision: 'pending' | 'accepted' | 'rejected';
	/** The existing indicator it is linked to. */
	indicator: { id: string; nameZh: string; nameEn: string; unit: string } | null;
	/** The indicator to create at publishing, when not linked. */
	newIndicator: s.NewIndicator | null;
	shareOf: { id: string; nameZh: string; nameEn: string; unit: string } | null;
	titleZh: string;
	titleEn: string;
	reviewedBy: string | null;
	reviewedAt: string | null;
	/** The published target it became (kept across revisions); null before its first publishing. */
	targetId: string | null;
	/** Existing indicators that may fit, best first (at most 5). */
	suggestions: IndicatorSuggestion[];
}

export interface PlanReview {
	plan: {
		id: string;
		status: 'draft' | 'published';
		revision: number;
		publishedAt: string | null;
		titleZh: string;
		titleEn: string;
		issuerZh: string;
		issuerEn: string;
		documentNumber: string | null;
		areaZh: string;
		areaEn: string;
		issuedOn: string;
		effectiveFrom: string;
		effectiveTo: string | null;
		/** Fields guessed at upload, to confirm in the plan details ("issuedOn", "effectiveFrom"). */
		assumedFields: string[];
	};
	/** The uploaded document; null for a plan imported as a bundle. */
	document: { fileName: string; format: string; byteSize: number; sha256: string; originalText: string; cleanText: string; uploadedAt: string } | null;
	/** In document order; textEn '' means not translated yet. */
	clauses: { id: string; path: string[]; headingZh: string | null; headingEn: string | null; textZh: string; textEn: string }[];
	proposals: ProposalReview[];
	facts: { id: number; clauseId: string; kind: string; quote: string; value: number; unit: string; descriptionZh: string; descriptionEn: string }[];
	tasks: {
		id: string;
		kind: TaskKind;
		number: number;
		clauseId: string;
		titleZh: string;
		textZh: string;
		due: string | null;
		unitsOpenEnded: boolean;
		/** In the order written: the first leads. `isNew`: created for this draft, not matched to a known unit. */
		units: { organisationId: string; nameZh: string; role: 'lead' | 'support'; isNew: boolean }[];
	}[];
	/** Organisations this draft's upload created because no known unit had the name. */
	newOrganisations: { id: string; nameZh: string }[];
	/** Earlier published states, newest first. */
	revisions: { revision: number; publishedAt: string; publishedBy: string; note: string | null }[];
	/** Every indicator by name, for linking a proposal or naming a share's parent. */
	indicators: IndicatorChoice[];
	/** What stops publishing; empty when the plan can be published. */
	problems: PublishProblem[];
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Everything the review page needs, in one call; null for an unknown plan. */
export async function getPlanReview(db: Db, planId: string): Promise<PlanReview | null> {
	const [plan] = await db.select().from(s.plans).where(eq(s.plans.id, planId));
	if (!plan) return null;
	const [document] = await db.select().from(s.planDocuments).where(eq(s.planDocuments.planId, planId));
	const clauses = await db.select().from(s.clauses).where(eq(s.clauses.planId, planId)).orderBy(asc(s.clauses.position));
	const proposals = await db.select().from(s.targetProposals).where(eq(s.targetProposals.planId, planId)).orderBy(asc(s.targetProposals.position), asc(s.targetProposals.id));
	const indicators = await db
		.select({ id: s.indicators.id, nameZh: s.indicators.nameZh, nameEn: s.indicators.nameEn, unit: s.indicators.unit })
		.from(s.indicators)
		.orderBy(asc(s.indicators.nameZh), asc(s.indicators.id));
	const indicatorById = new Map(indicators.map((i) => [i.id, i]));
	const clauseIds = clauses.map((c) => c.id);
	const facts = clauseIds.length ? await db.select().from(s.clauseFacts).where(inArray(s.clauseFacts.clauseId, clauseIds)).orderBy(asc(s.clauseFacts.id)) : [];
	const tasks = await db.select().from(s.tasks).where(eq(s.tasks.planId, planId)).orderBy(asc(s.tasks.kind), asc(s.tasks.number));
	const units = tasks.length
		? await db
				.select({ taskId: s.taskUnits.taskId, organisationId: s.taskUnits.organisationId, role: s.taskUnits.role, position: s.taskUnits.position, nameZh: s.organisations.nameZh })
				.from(s.taskUnits)
				.innerJoin(s.organisations, eq(s.organisations.id, s.taskUnits.organisationId))
				.where(inArray(s.taskUnits.taskId, tasks.map((t) => t.id)))
				.orderBy(asc(s.taskUnits.position))
		: [];
	const created = await db
		.select({ id: s.organisations.id, nameZh: s.organisations.nameZh })
		.from(s.auditLog)
		.innerJoin(s.organisations, eq(s.organisations.id, s.auditLog.entityId))
		.where(and(eq(s.auditLog.action, 'organisation.create'), sql`${s.auditLog.detail}->>'planId' = ${planId}`));
	const newIds = new Set(created.map((c) => c.id));
	const revisions = await db
		.select({ revision: s.planRevisions.revision, publishedAt: s.planRevisions.publishedAt, publishedBy: s.planRevisions.publishedBy, note: s.planRevisions.note })
		.from(s.planRevisions)
		.where(eq(s.planRevisions.planId, planId))
		.orderBy(sql`${s.planRevisions.revision} desc`);
	const clausePath = new Map(clauses.map((c) => [c.id, c.path]));
	const assumedFields = document?.assumedFields ?? [];
	return {
		plan: {
			id: plan.id,
			status: plan.status,
			revision: plan.revision,
			publishedAt: iso(plan.publishedAt),
			titleZh: plan.titleZh,
			titleEn: plan.titleEn,
			issuerZh: plan.issuerZh,
			issuerEn: plan.issuerEn,
			documentNumber: plan.documentNumber,
			areaZh: plan.areaZh,
			areaEn: plan.areaEn,
			issuedOn: plan.issuedOn,
			effectiveFrom: plan.effectiveFrom,
			effectiveTo: plan.effectiveTo,
			assumedFields
		},
		document: document
			? {
					fileName: document.fileName,
					format: document.format,
					byteSize: document.byteSize,
					sha256: document.sha256,
					originalText: document.originalText,
					cleanText: document.cleanText,
					uploadedAt: iso(document.uploadedAt)!
				}
			: null,
		clauses: clauses.map((c) => ({ id: c.id, path: c.path, headingZh: c.headingZh, headingEn: c.headingEn, textZh: c.textZh, textEn: c.textEn })),
		proposals: proposals.map((p) => ({
			id: p.id,
			clauseId: p.clauseId,
			clausePath: clausePath.get(p.clauseId) ?? [],
			position: p.position,
			quote: p.quote,
			indicatorName: p.indicatorName,
			comparator: p.comparator,
			value: p.value,
			max: p.maxValue,
			unit: p.unit,
			deadline: p.deadline,
			deadlineBasis: p.deadlineBasis,
			kind: p.kind,
			baseline: p.baselineValue !== null && p.baselineDate !== null ? { value: p.baselineValue, date: p.baselineDate } : null,
			shareOfName: p.shareOfName,
			confidence: p.confidence,
			decision: p.decision,
			indicator: p.indicatorId ? (indicatorById.get(p.indicatorId) ?? null) : null,
			newIndicator: p.newIndicator,
			shareOf: p.shareOfIndicatorId ? (indicatorById.get(p.shareOfIndicatorId) ?? null) : null,
			titleZh: p.titleZh,
			titleEn: p.titleEn,
			reviewedBy: p.reviewedBy,
			reviewedAt: iso(p.reviewedAt),
			targetId: p.targetId,
			suggestions: suggestIndicators(p, indicators)
		})),
		facts: facts.map((f) => ({ id: f.id, clauseId: f.clauseId, kind: f.kind, quote: f.quote, value: f.value, unit: f.unit, descriptionZh: f.descriptionZh, descriptionEn: f.descriptionEn })),
		tasks: tasks.map((t) => ({
			id: t.id,
			kind: t.kind,
			number: t.number,
			clauseId: t.clauseId,
			titleZh: t.titleZh,
			textZh: t.textZh,
			due: t.due,
			unitsOpenEnded: t.unitsOpenEnded,
			units: units.filter((u) => u.taskId === t.id).map((u) => ({ organisationId: u.organisationId, nameZh: u.nameZh, role: u.role, isNew: newIds.has(u.organisationId) }))
		})),
		newOrganisations: created,
		revisions: revisions.map((r) => ({ ...r, publishedAt: iso(r.publishedAt)! })),
		indicators,
		problems: publishProblems({ ...plan, assumedFields }, proposals.map((p) => ({ ...p, hasNewIndicator: p.newIndicator !== null })))
	};
}

export interface IntakePlanRow {
	id: string;
	titleZh: string;
	titleEn: string;
	status: 'draft' | 'published';
	revision: number;
	publishedAt: string | null;
	issuedOn: string;
	createdAt: string;
	proposals: { pending: number; accepted: number; rejected: number };
	/** Published targets. */
	targets: number;
}

/** Every plan, drafts first and then newest, with its review counts: the /plans page. */
export async function listPlansForIntake(db: Db): Promise<IntakePlanRow[]> {
	const p = s.plans;
	const rows = await db
		.select({
			id: p.id,
			titleZh: p.titleZh,
			titleEn: p.titleEn,
			status: p.status,
			revision: p.revision,
			publishedAt: p.publishedAt,
			issuedOn: p.issuedOn,
			createdAt: p.createdAt,
			pending: sql<number>`(select count(*) from target_proposals x where x.plan_id = plans.id and x.decision = 'pending')`,
			accepted: sql<number>`(select count(*) from target_proposals x where x.plan_id = plans.id and x.decision = 'accepted')`,
			rejected: sql<number>`(select count(*) from target_proposals x where x.plan_id = plans.id and x.decision = 'rejected')`,
			targets: sql<number>`(select count(*) from targets x where x.plan_id = plans.id)`
		})
		.from(p)
		.orderBy(sql`${p.status} = 'published'`, sql`${p.createdAt} desc`, asc(p.id));
	return rows.map((r) => ({
		id: r.id,
		titleZh: r.titleZh,
		titleEn: r.titleEn,
		status: r.status,
		revision: r.revision,
		publishedAt: iso(r.publishedAt),
		issuedOn: r.issuedOn,
		createdAt: iso(r.createdAt)!,
		proposals: { pending: Number(r.pending), accepted: Number(r.accepted), rejected: Number(r.rejected) },
		targets: Number(r.targets)
	}));
}
