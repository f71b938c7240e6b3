/**
 * The forms of plan review (the /plans/[id]/review page and its server functions): plan details,
 * one proposal's decision and fields, a new indicator. Pure zod schemas and the rules that fill
 * a proposal's defaults, so the page and the server check the same things.
 */
import { z } from '../zod';
import { COMPARATORS, DEADLINE_BASES, DIRECTIONS, FREQUENCIES, MEASURES, TARGET_KINDS, type Comparator, type Direction, type Measure, type TargetKind } from '../plan';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** Form fields arrive as strings: an empty one means "none" (null), a number may carry thousands commas. */
const blankAsNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const numeric = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim().replace(/,/g, '')) : v);
const optionalDate = z.preprocess(blankAsNull, isoDate.nullable());
const number = z.preprocess(numeric, z.number({ message: 'a number' }).finite());
const optionalNumber = z.preprocess((v) => numeric(blankAsNull(v)), z.number({ message: 'a number' }).finite().nullable());
/** Ids of catalogue rows: lower-case letters, digits, "." and "-". */
export const idPattern = /^[a-z0-9][a-z0-9.-]*$/;
const id = z.string().regex(idPattern, 'lower-case letters, digits, "." and "-"');

export const planDetailsForm = z
	.object({
		titleZh: z.string().trim().min(1, 'required'),
		titleEn: z.string().trim(),
		issuerZh: z.string().trim().min(1, 'required'),
		issuerEn: z.string().trim(),
		documentNumber: z.preprocess(blankAsNull, z.string().trim().nullable()),
		areaZh: z.string().trim().min(1, 'required'),
		areaEn: z.string().trim(),
		issuedOn: isoDate,
		effectiveFrom: isoDate,
		effectiveTo: optionalDate
	})
	.refine((p) => p.effectiveTo === null || p.effectiveTo >= p.effectiveFrom, { message: 'ends before it starts', path: ['effectiveTo'] });
export type PlanDetailsInput = z.infer<typeof planDetailsForm>;

export const newIndicatorForm = z.object({
	nameZh: z.string().trim().min(1, 'required'),
	nameEn: z.string().trim(),
	unit: z.string().trim().min(1, 'required'),
	frequency: z.enum(FREQUENCIES),
	direction: z.enum(DIRECTIONS),
	measure: z.enum(MEASURES),
	areaZh: z.string().trim().min(1, 'required'),
	areaEn: z.string().trim(),
	definitionZh: z.string().trim(),
	definitionEn: z.string().trim()
});
export type NewIndicatorInput = z.infer<typeof newIndicatorForm>;

/**
 * One proposal's review. Every field but `decision` is optional: what is left out stays as it is.
 * `indicator` links an existing indicator or describes one to create at publishing.
 */
export const proposalForm = z
	.object({
		decision: z.enum(['pending', 'accepted', 'rejected']),
		quote: z.string().trim().min(1, 'required').optional(),
		comparator: z.enum(COMPARATORS).optional(),
		value: number.optional(),
		max: optionalNumber.optional(),
		unit: z.string().trim().min(1, 'required').optional(),
		deadline: optionalDate.optional(),
		deadlineBasis: z.preprocess(blankAsNull, z.enum(DEADLINE_BASES).nullable()).optional(),
		kind: z.enum(TARGET_KINDS).optional(),
		baseline: z.object({ value: number, date: isoDate }).nullable().optional(),
		titleZh: z.string().trim().optional(),
		titleEn: z.string().trim().optional(),
		indicator: z.union([z.object({ link: id }), z.object({ create: newIndicatorForm })]).optional(),
		shareOf: z.preprocess(blankAsNull, id.nullable()).optional()
	})
	.refine((p) => p.comparator === undefined || p.max === undefined || (p.comparator === 'between') === (p.max !== null), {
		message: 'a "between" target has a max, and only it',
		path: ['max']
	});
export type ProposalInput = z.infer<typeof proposalForm>;

/**
 * A target the extractor missed, added by the reviewer to one clause: the quote (word for word
 * from the clause), what it promises and by when (empty: the plan's end of validity).
 */
export const addedProposalForm = z
	.object({
		quote: z.string().trim().min(1, 'required'),
		comparator: z.enum(COMPARATORS),
		value: z.number().finite(),
		max: z.number().finite().nullable(),
		unit: z.string().trim().min(1, 'required'),
		kind: z.enum(TARGET_KINDS),
		deadline: isoDate.nullable()
	})
	.refine((p) => (p.comparator === 'between') === (p.max !== null), { message: 'a "between" target has a max, and only it', path: ['max'] });
export type AddedProposalInput = z.infer<typeof addedProposalForm>;

/** Zod issues as one message per field (the first), the shape form actions return. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = issue.path.join('.') || 'form';
		errors[key] ??= issue.message;
	}
	return errors;
}

/**
 * The direction a new indicator gets from its target: a duration or a "no more than" target wants less.
 * @example directionOf('<=', 'level') // 'lower'
 */
export function directionOf(comparator: Comparator, kind: TargetKind): Direction {
	return kind === 'duration' || comparator === '<=' ? 'lower' : 'higher';
}

/** Additions and acts count what happens in a period (flow); levels, totals and shares are a standing value (stock). */
export function measureOf(kind: TargetKind): Measure {
	return kind === 'new_since_baseline' || kind === 'act' ? 'flow' : 'stock';
}

/**
 * The indicator "accept all pending" creates for a proposal: the extractor's name and unit,
 * yearly, direction and measure from the target, the plan's area.
 * @example suggestedIndicator({ indicatorName: '审批时限', unit: '工作日', comparator: '<=', kind: 'duration' }, { zh: '上海市', en: 'Shanghai' }).direction // 'lower'
 */
export function suggestedIndicator(
	proposal: { indicatorName: string; unit: string; comparator: Comparator; kind: TargetKind },
	area: { zh: string; en: string }
): NewIndicatorInput {
	return {
		nameZh: proposal.indicatorName,
		nameEn: '',
		unit: proposal.unit,
		frequency: 'year',
		direction: directionOf(proposal.comparator, proposal.kind),
		measure: measureOf(proposal.kind),
		areaZh: area.zh,
		areaEn: area.en,
		definitionZh: '',
		definitionEn: ''
	};
}

/**
 * A draft plan's id: the document number's year and serial (浦府办〔2022〕2号 -> "2022-2") or the
 * title's first year, and 8 hex digits of the file's hash so two documents never collide.
 * @example draftPlanId({ docNumber: '浦府办〔2022〕2号', title: null }, 'ab12cd34ef…') // 'plan-2022-2-ab12cd34'
 */
export function draftPlanId(extraction: { docNumber: string | null; title: string | null }, sha256: string): string {
	const hash = sha256.toLowerCase().replace(/[^0-9a-f]/g, '').slice(0, 8) || '0';
	const number = extraction.docNumber?.match(/(\d{4})\D+(\d+)\s*号/);
	const year = number ? `${number[1]}-${number[2]}` : extraction.title?.match(/(?:19|20)\d{2}/)?.[0];
	return ['plan', year, hash].filter(Boolean).join('-');
}
