/**
 * The shape of the catalogue files under catalogue/: plans with their clauses, targets and facts,
 * the indicators, and the observations with their sources. Checked on every seed and in the tests.
 */
import { z } from 'zod';
import {
	COMPARATORS,
	DEADLINE_BASES,
	DIRECTIONS,
	FREQUENCIES,
	MEASURES,
	OBSERVATION_BASES,
	OBSERVATION_FLAGS,
	PROVENANCES,
	TARGET_KINDS
} from '../../domain/plan';
import { TASK_KINDS } from '../../domain/tasks';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, "." and "-"');
const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) });
/** A section heading line has no body text of its own, in either language. */
const bilingualBody = z
	.object({ zh: z.string(), en: z.string() })
	.refine((t) => (t.zh === '') === (t.en === ''), { message: 'zh and en are both present or both empty' });

export const catalogueClause = z.object({
	id,
	path: z.array(z.string().min(1)).min(1),
	heading: bilingual.nullable(),
	text: bilingualBody
});

export const catalogueTarget = z
	.object({
		id,
		clause: id,
		quote: z.string().min(1),
		title: bilingual,
		indicator: id,
		comparator: z.enum(COMPARATORS),
		value: z.number(),
		max: z.number().nullable(),
		unit: z.string().min(1),
		kind: z.enum(TARGET_KINDS),
		baseline: z.object({ value: z.number(), date: isoDate, implied: z.boolean() }).nullable(),
		deadline: isoDate,
		deadlineBasis: z.enum(DEADLINE_BASES),
		/** For a share target: the parent series the indicator is a share of. */
		shareOf: id.nullable(),
		note: bilingual.nullable()
	})
	.refine((t) => (t.comparator === 'between') === (t.max !== null), {
		message: 'a "between" target has a max, and only it'
	})
	.refine((t) => (t.kind === 'share') === (t.shareOf !== null), {
		message: 'a share target names its parent series in shareOf, and only it'
	});

/** A number a clause states that is not a progress target, e.g. a support cap (最高1000万元). */
export const catalogueFact = z.object({
	clause: id,
	quote: z.string().min(1),
	kind: z.enum(['support_cap', 'support_rate', 'threshold']),
	value: z.number(),
	unit: z.string().min(1),
	description: bilingual
});

export const cataloguePlan = z.object({
	id,
	title: bilingual,
	issuer: bilingual,
	documentNumber: z.string().nullable(),
	area: bilingual,
	issuedOn: isoDate,
	effectiveFrom: isoDate,
	effectiveTo: isoDate.nullable(),
	sourceUrl: z.string().nullable(),
	sourceNote: bilingual,
	clauses: z.array(catalogueClause).min(1),
	targets: z.array(catalogueTarget),
	facts: z.array(catalogueFact)
});

export const catalogueIndicator = z.object({
	id,
	name: bilingual,
	unit: z.string().min(1),
	frequency: z.enum(FREQUENCIES),
	measure: z.enum(MEASURES),
	area: bilingual,
	definition: bilingual,
	direction: z.enum(DIRECTIONS),
	/** The organisation answering for its figures (seeded once; people may change it later). */
	owner: id.nullable().default(null)
});

export const catalogueOrganisation = z.object({
	id,
	name: bilingual,
	level: z.enum(['national', 'municipal', 'district', 'other']),
	aliases: z.array(z.string().min(1))
});

export const catalogueTask = z.object({
	id,
	number: z.number().int().positive(),
	/** The clause stating the task and its responsible units. */
	clause: id,
	/** The body article a task-table row carries out. */
	bodyClause: id.nullable(),
	title: bilingual,
	text: bilingual,
	/** Organisation ids in the order written: the first leads. */
	units: z.array(id).min(1),
	unitsOpenEnded: z.boolean(),
	/** A due date the task states; the plan's end otherwise. */
	due: isoDate.nullable().default(null),
	targets: z.array(z.object({ target: id, basis: z.enum(['clause', 'text']), quote: z.string().min(1) }))
});

/** catalogue/tasks/<plan>.json: one plan's task table or measures. */
export const catalogueTaskList = z.object({
	plan: id,
	kind: z.enum(TASK_KINDS),
	tasks: z.array(catalogueTask).min(1)
});

export const catalogueSource = z.object({
	id,
	title: z.string().min(1),
	publisher: z.string().min(1),
	url: z.string().min(1),
	publishedOn: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD')
});

export const catalogueObservation = z.object({
	indicator: id,
	/** As the figure was published: "2024", "2024-H1", "2023-10" (year to date to October). */
	period: z.string().min(4),
	periodStart: isoDate,
	periodEnd: isoDate,
	basis: z.enum(OBSERVATION_BASES),
	value: z.number(),
	provenance: z.enum(PROVENANCES),
	source: id.nullable(),
	flags: z.array(z.enum(OBSERVATION_FLAGS)),
	note: z.string().nullable(),
	/** When the figure became known: the publication date for published figures. */
	recordedAt: isoDate
});

export const catalogueIndicators = z.array(catalogueIndicator);
export const catalogueOrganisations = z.array(catalogueOrganisation);
export const catalogueObservations = z.object({
	sources: z.array(catalogueSource),
	observations: z.array(catalogueObservation)
});

export type CataloguePlan = z.infer<typeof cataloguePlan>;
export type CatalogueTarget = z.infer<typeof catalogueTarget>;
export type CatalogueIndicator = z.infer<typeof catalogueIndicator>;
export type CatalogueObservations = z.infer<typeof catalogueObservations>;
export type CatalogueOrganisation = z.infer<typeof catalogueOrganisation>;
export type CatalogueTaskList = z.infer<typeof catalogueTaskList>;
