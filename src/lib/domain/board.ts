/**
 * Wall-screen boards: what a briefing-room display shows and how it rotates. The settings an admin
 * enters are read here, field by field, so the form and its errors need no database.
 */
import { LOCALES, type Locale, type TargetKind } from './plan';
import type { TargetSummary } from './summary';
import type { VerdictBasis, VerdictStatus } from './verdict';

/** The pages a board can rotate through, in the order they are shown. */
export const SCREEN_PAGES = ['headline', 'plans', 'at_risk', 'changes', 'behind'] as const;
export type ScreenPage = (typeof SCREEN_PAGES)[number];

/** A page stays up long enough to read from across the room, and the screen still moves on within ten minutes. */
export const ROTATION_SECONDS = { min: 5, max: 600, default: 20 } as const;
/** What fits a 1920×1080 layout at a readable size: six big numbers, four plan rows. */
export const MAX_HEADLINE_TARGETS = 6;
export const MAX_BOARD_PLANS = 4;
/** Four fan charts fit one 1920×1080 page; more targets at risk are shown four at a time. */
export const AT_RISK_PER_PAGE = 4;

export interface BoardSettings {
	name: string;
	locale: Locale;
	planIds: string[];
	headlineTargetIds: string[];
	pages: ScreenPage[];
	rotationSeconds: number;
}

export type BoardField = 'name' | 'planIds' | 'headlineTargetIds' | 'pages' | 'rotationSeconds';
export type BoardError = 'required' | 'too_long' | 'too_many' | 'unknown' | 'not_in_plans' | 'out_of_range';

/** What exists to choose from: plan ids, and each target's plan. */
export interface BoardChoices {
	planIds: string[];
	targetPlan: Map<string, string>;
}

/**
 * Reads the board form (name, locale, planIds[], headlineTargetIds[], pages[], rotationSeconds).
 * @example readBoardSettings(form, choices) -> { ok: false, errors: { planIds: 'required' } } when no plan is ticked
 */
export function readBoardSettings(
	form: FormData,
	choices: BoardChoices
): { ok: true; settings: BoardSettings } | { ok: false; errors: Partial<Record<BoardField, BoardError>> } {
	const errors: Partial<Record<BoardField, BoardError>> = {};
	const name = String(form.get('name') ?? '').trim();
	if (!name) errors.name = 'required';
	else if (name.length > 80) errors.name = 'too_long';

	const locale = LOCALES.includes(form.get('locale') as Locale) ? (form.get('locale') as Locale) : 'zh';
	const listed = (key: string) => [...new Set(form.getAll(key).map(String).filter(Boolean))];

	const planIds = listed('planIds');
	if (planIds.length === 0) errors.planIds = 'required';
	else if (planIds.length > MAX_BOARD_PLANS) errors.planIds = 'too_many';
	else if (planIds.some((id) => !choices.planIds.includes(id))) errors.planIds = 'unknown';

	const headlineTargetIds = listed('headlineTargetIds');
	if (headlineTargetIds.length > MAX_HEADLINE_TARGETS) errors.headlineTargetIds = 'too_many';
	else if (headlineTargetIds.some((id) => !choices.targetPlan.has(id))) errors.headlineTargetIds = 'unknown';
	else if (headlineTargetIds.some((id) => !planIds.includes(choices.targetPlan.get(id)!))) errors.headlineTargetIds = 'not_in_plans';

	// Kept in the screen's own order, whatever order the boxes were ticked in.
	const pages = SCREEN_PAGES.filter((p) => form.getAll('pages').includes(p));
	if (pages.length === 0) errors.pages = 'required';

	const rotationText = String(form.get('rotationSeconds') ?? '').trim();
	const rotationSeconds = rotationText === '' ? ROTATION_SECONDS.default : Number(rotationText);
	if (!Number.isInteger(rotationSeconds) || rotationSeconds < ROTATION_SECONDS.min || rotationSeconds > ROTATION_SECONDS.max) {
		errors.rotationSeconds = 'out_of_range';
	}

	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, settings: { name, locale, planIds, headlineTargetIds, pages, rotationSeconds } };
}

/** A plan and its targets, as an admin chooses them for a board: with what the default choice weighs, to show it. */
export interface BoardChoicePlan {
	id: string;
	title: string;
	targets: (HeadlineCandidate & { title: string; status: VerdictStatus })[];
}

/** A judged target as the default headline choice weighs it, in its plan's order. */
export interface HeadlineCandidate {
	id: string;
	planId: string;
	/** The clause that sets it: a clause's first target is the number the plan leads with (4000亿元 before 产值1000亿元). */
	clause: string;
	kind: TargetKind;
	basis: VerdictBasis;
	/** It has figures and a verdict (not "insufficient data"). */
	judged: boolean;
}

/** What the default choice weighs of a judged target (the wall and the board form read it alike). */
export function headlineCandidate(t: Pick<TargetSummary, 'id' | 'planId' | 'clause' | 'kind' | 'latest' | 'evaluation'>): HeadlineCandidate {
	return {
		id: t.id,
		planId: t.planId,
		clause: `${t.planId}:${t.clause.path.join('/')}`,
		kind: t.kind,
		basis: t.evaluation.verdict.basis,
		judged: t.latest !== null && t.evaluation.verdict.status !== 'insufficient_data'
	};
}

/**
 * The headline targets a board shows: the pinned ones in their order when an admin pinned any;
 * otherwise, per plan, the clauses' lead targets with real (published or estimated) figures first,
 * then the other targets with real figures, then lead targets on illustrative figures, then the
 * rest; each tier dealt round the board's plans, the plan shown least first, so that no plan crowds out another. Shares
 * of a national total never lead: they restate the count beside them. Shown in plan order.
 * @example chooseHeadline(candidates, ['pudong', 'shanghai'], []) -> ['pd-class1-drugs', 'pd-industry-scale', 'sh-beds', …]
 */
export function chooseHeadline(candidates: HeadlineCandidate[], planIds: string[], pinned: string[], max = MAX_HEADLINE_TARGETS): string[] {
	const known = new Set(candidates.map((c) => c.id));
	if (pinned.length) return pinned.filter((id) => known.has(id)).slice(0, max);
	const seenClauses = new Set<string>();
	const leads = new Set<string>();
	for (const c of candidates) {
		if (c.kind === 'share' || seenClauses.has(c.clause)) continue;
		seenClauses.add(c.clause);
		leads.add(c.id);
	}
	const tier = (c: HeadlineCandidate) => (c.basis === 'illustrative' ? 2 : 0) + (leads.has(c.id) ? 0 : 1);
	const judged = candidates.filter((c) => c.judged && planIds.includes(c.planId));
	const chosen = new Set<string>();
	for (let t = 0; t < 4 && chosen.size < max; t++) {
		const queues = planIds.map((planId) => judged.filter((c) => c.planId === planId && tier(c) === t));
		const count = (i: number) => judged.filter((c) => chosen.has(c.id) && c.planId === planIds[i]).length;
		while (chosen.size < max && queues.some((q) => q.length)) {
			// Each round starts with the plan shown least so far (sort is stable: board order breaks ties).
			const turn = queues.map((_, i) => i).sort((a, b) => count(a) - count(b));
			for (const i of turn) {
				const next = queues[i].shift();
				if (next && chosen.size < max) chosen.add(next.id);
			}
		}
	}
	const order = (c: HeadlineCandidate) => planIds.indexOf(c.planId);
	return judged.filter((c) => chosen.has(c.id)).sort((a, b) => order(a) - order(b)).map((c) => c.id);
}
