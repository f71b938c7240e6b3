/**
 * The shape of the catalogue files under catalogue/ besides the plan bundles: the indicators, the
 * organisations, and the observations with their sources. Checked on every seed and in the tests.
 */
import { z } from 'zod';
import { OBSERVATION_BASES, OBSERVATION_FLAGS, PROVENANCES } from '../../domain/plan';
import { bundleIndicator, bundleOrganisation, type PlanBundle } from '../../domain/intake/bundle-schema';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, "." and "-"');
const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/** An indicator as a bundle has it, with a definition in both languages and its owner unit. */
export const catalogueIndicator = bundleIndicator.extend({
	definition: bilingual,
	/** The organisation answering for its figures (seeded once; people may change it later). */
	owner: id.nullable().default(null),
	/** The plan indicator this one sits beside (another scope, or its stated share); never counted toward it. */
	contextOf: id.nullable().default(null),
	/** A stated share ("占全国17.5%"): the whole the share of `contextOf` is taken in. */
	shareIn: id.nullable().default(null)
});

/** Units are as in a bundle, with the short names the wall screen uses (the catalogue's alone, as bundles lack them). */
export const catalogueOrganisation = bundleOrganisation.extend({ shortName: bilingual.optional() });

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

/** A seed plan as the catalogue reads it from its bundle (English may be '' where untranslated). */
export type CataloguePlan = PlanBundle['plan'] & Pick<PlanBundle, 'clauses' | 'targets' | 'facts'>;
export type CatalogueTarget = PlanBundle['targets'][number];
export type CatalogueIndicator = z.infer<typeof catalogueIndicator>;
export type CatalogueObservations = z.infer<typeof catalogueObservations>;
export type CatalogueOrganisation = z.infer<typeof catalogueOrganisation>;
export type CatalogueTaskList = { plan: string; kind: PlanBundle['tasks'][number]['kind']; tasks: Omit<PlanBundle['tasks'][number], 'kind'>[] };
