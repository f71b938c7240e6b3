/**
 * Wall-screen boards: what a briefing-room display shows and how it rotates. The settings an admin
 * enters are read here, field by field, so the form and its errors need no database.
 */
import { LOCALES, type Locale } from './plan';

/** The pages a board can rotate through, in the order they are shown. */
export const SCREEN_PAGES = ['headline', 'plans', 'at_risk', 'changes', 'behind'] as const;
export type ScreenPage = (typeof SCREEN_PAGES)[number];

/** A page stays up long enough to read from across the room, and the screen still moves on within ten minutes. */
export const ROTATION_SECONDS = { min: 5, max: 600, default: 20 } as const;
/** What fits a 1920×1080 layout at a readable size: six big numbers, four plan rows. */
export const MAX_HEADLINE_TARGETS = 6;
export const MAX_BOARD_PLANS = 4;

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

/** A plan and its targets, as an admin chooses them for a board. */
export interface BoardChoicePlan {
	id: string;
	title: string;
	targets: { id: string; title: string }[];
}
