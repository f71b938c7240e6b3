/**
 * The read API's contract (/api/v1): the query parameters each endpoint accepts and the shapes it
 * answers with, as zod schemas. The handlers parse queries with them, the OpenAPI document is
 * written from them (server/api/openapi.ts, z.toJSONSchema), and the tests check answers against
 * them, so the document cannot drift from what the API does.
 */
import { z } from './zod';
import { COMPARATORS, DEADLINE_BASES, DIRECTIONS, FREQUENCIES, MEASURES, OBSERVATION_BASES, PROVENANCES, TARGET_KINDS } from './plan';
import { VERDICT_BASES, VERDICT_STATUSES } from './verdict';
import type { TargetSummary } from './summary';

/** Longest page of a list, and the page a list gives when none is asked for. */
export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 100;
/** Requests per token (or session) per minute, unless PACER_API_RATE_LIMIT says otherwise. */
export const DEFAULT_RATE_LIMIT = 120;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A YYYY-MM-DD that exists on the calendar (2024-02-30 does not). */
export const isCalendarDay = (text: string) => DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

const day = z.string().regex(DAY, { message: 'must be YYYY-MM-DD', abort: true }).refine(isCalendarDay, 'is not a calendar date');

// --- Query parameters --------------------------------------------------------------------------

const asOf = day
	.optional()
	.describe('The day to read as of, YYYY-MM-DD in the deployment’s time zone (PACER_TIME_ZONE): figures recorded by the end of that day, plans as published by then. Default: now. Not after today.');
const lang = z.enum(['zh', 'en']).optional().describe('Language of titles and names: zh (default) or en. Quotes of plan clauses are always the Chinese source text.');
const limit = z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe(`Items per page, 1-${MAX_LIMIT}.`);
const offset = z.coerce.number().int().min(0).default(0).describe('Items to skip.');

export const plansQuery = z.strictObject({
	asOf,
	lang,
	status: z
		.enum(['published', 'draft', 'all'])
		.default('published')
		.describe('published (default); draft or all need an analyst or admin token, as the intake pages do. Drafts are listed as they are now, whatever asOf says.'),
	limit,
	offset
});
export const planQuery = z.strictObject({ asOf, lang });
export const targetsQuery = z.strictObject({
	asOf,
	lang,
	plan: z.string().min(1).max(200).optional().describe('Only this plan’s targets.'),
	status: z.enum(VERDICT_STATUSES).optional().describe('Only targets with this verdict.'),
	basis: z.enum(VERDICT_BASES).optional().describe('Only verdicts resting on this basis.'),
	limit,
	offset
});
export const targetQuery = z.strictObject({ asOf, lang });
export const indicatorsQuery = z.strictObject({ asOf, lang, limit, offset });
export const indicatorQuery = z.strictObject({ asOf, lang });
export const figuresQuery = z.strictObject({ asOf, limit, offset });
export const sourcesQuery = z.strictObject({ asOf, limit, offset });

// --- Answers -----------------------------------------------------------------------------------

const instant = z.string().describe('ISO 8601 instant, UTC');

export const apiMeta = z
	.object({
		asOf: day.describe('The day the answer is as of (deployment time zone).'),
		cutoff: instant.describe('Figures recorded up to this instant count.'),
		timeZone: z.string(),
		judged: z
			.enum(['stored', 'as_of'])
			.describe('stored: today’s stored judgements; as_of: judged for this answer from the figure versions recorded by the cutoff, as briefing books are.'),
		dataVersion: z.string().describe('The data version the answer reflects (changes with every write): equal versions and asOf give equal answers.'),
		locale: z.enum(['zh', 'en']),
		generatedAt: instant
	})
	.describe('What the answer reflects.');

export const apiPage = z.object({
	limit: z.number().int(),
	offset: z.number().int(),
	total: z.number().int(),
	next: z.string().nullable().describe('The next page’s path and query, or null on the last page.')
});

export const apiError = z.object({
	error: z.object({
		status: z.number().int(),
		code: z.enum(['bad_request', 'unauthorized', 'forbidden', 'not_found', 'rate_limited']),
		message: z.string(),
		issues: z.array(z.object({ parameter: z.string(), message: z.string() })).optional()
	})
});

const verdictCounts = z.partialRecord(z.enum(VERDICT_STATUSES), z.number().int());

export const apiPlan = z.object({
	id: z.string(),
	status: z.enum(['published', 'draft']),
	title: z.string(),
	issuer: z.string(),
	documentNumber: z.string().nullable(),
	issuedOn: day,
	effectiveFrom: day,
	effectiveTo: day.nullable(),
	/** The revision standing as of the day (null for plans loaded before revisions were kept, and drafts). */
	revision: z.number().int().nullable().describe('The revision standing as of the day; null for drafts and for plans kept before revisions were.'),
	sourceNote: z.string(),
	links: z.object({ self: z.string(), targets: z.string(), page: z.string() })
});

export const apiTarget = z.object({
	id: z.string(),
	planId: z.string(),
	title: z.string(),
	quote: z.string().describe('The words of the plan clause that set the target (Chinese source text).'),
	clausePath: z.array(z.string()),
	indicatorId: z.string(),
	indicatorName: z.string(),
	shareOfIndicatorId: z.string().nullable(),
	comparator: z.enum(COMPARATORS),
	value: z.number(),
	maxValue: z.number().nullable(),
	unit: z.string(),
	kind: z.enum(TARGET_KINDS),
	deadline: day,
	deadlineBasis: z.enum(DEADLINE_BASES),
	baseline: z.object({ value: z.number(), date: day, implied: z.boolean() }).nullable(),
	verdict: z.object({
		status: z.enum(VERDICT_STATUSES),
		basis: z.enum(VERDICT_BASES).describe('What the verdict rests on: published, estimated or illustrative (generated by Pacer, 示意) figures.'),
		probability: z.number().nullable().describe('Probability (0-1) of meeting the target by the deadline; null when final, a one-off act, or without a forecast.'),
		pace: z.string().describe('The pace class the verdict was read from (a detail).')
	}),
	latest: z
		.object({
			period: z.string(),
			date: day,
			value: z.number(),
			provenance: z.enum(PROVENANCES),
			partial: z.boolean(),
			flags: z.array(z.string())
		})
		.nullable()
		.describe('The figure the judgement rests on.'),
	gap: z.object({
		value: z.number().nullable().describe('How far the latest figure is from the aim, in the target’s unit.'),
		share: z.number().nullable().describe('The gap as a percentage of the distance from baseline to aim.'),
		aim: z.number(),
		achievedPace: z.number().nullable(),
		requiredPace: z.number().nullable(),
		paceModel: z.enum(['compound', 'linear'])
	}),
	forecast: z.object({
		expectedAtDeadline: z.number().nullable(),
		interval80: z.object({ lower: z.number(), upper: z.number() }).nullable(),
		interval95: z.object({ lower: z.number(), upper: z.number() }).nullable(),
		method: z.string().nullable(),
		missingBecause: z.enum(['deadline_passed', 'too_short', 'no_data', 'one_off']).nullable()
	}),
	previousQuarter: z.object({ date: day, status: z.enum(VERDICT_STATUSES), basis: z.enum(VERDICT_BASES) }).nullable(),
	links: z.object({ self: z.string(), indicator: z.string(), figures: z.string(), page: z.string() })
});

export const apiPlanDetail = apiPlan.extend({
	summary: z.object({ total: z.number().int(), counts: verdictCounts, illustrative: verdictCounts.describe('Of each verdict, how many rest only on illustrative figures.') }),
	targets: z.array(apiTarget)
});

export const apiSource = z.object({
	id: z.string(),
	title: z.string(),
	publisher: z.string(),
	url: z.string(),
	publishedOn: z.string().describe('As precise as the source is: 2025, 2025-07 or 2025-07-28.')
});

export const apiIndicator = z.object({
	id: z.string(),
	name: z.string(),
	unit: z.string(),
	frequency: z.enum(FREQUENCIES),
	measure: z.enum(MEASURES),
	direction: z.enum(DIRECTIONS),
	area: z.string(),
	definition: z.string(),
	contextOf: z.string().nullable().describe('A plan indicator this one sits beside without counting toward it (another scope).'),
	shareIn: z.string().nullable(),
	figureCount: z.number().int().describe('Figures standing as of the day.'),
	links: z.object({ self: z.string(), figures: z.string() })
});

export const apiFigure = z.object({
	observationId: z.number().int(),
	indicatorId: z.string(),
	period: z.string(),
	periodStart: day,
	periodEnd: day,
	basis: z.enum(OBSERVATION_BASES),
	value: z.number(),
	unit: z.string(),
	provenance: z.enum(PROVENANCES).describe('official, provisional, estimate or illustrative (made up by Pacer to show the method, 示意数据).'),
	flags: z.array(z.string()).describe('Caveats such as mirror_site, conflicting_sources, different_scope.'),
	note: z.string().nullable(),
	version: z.number().int().describe('The version standing as of the day.'),
	recordedAt: instant,
	recordedBy: z.string(),
	source: apiSource.nullable()
});

export const apiSourceListed = apiSource.extend({ figureCount: z.number().int().describe('Figures standing as of the day that cite it.') });

/** An answer: the data, what it reflects, and for lists the page. */
const answer = <T extends z.ZodType>(data: T) => z.object({ meta: apiMeta, data });
const list = <T extends z.ZodType>(item: T) => z.object({ meta: apiMeta, data: z.array(item), page: apiPage });

export const plansAnswer = list(apiPlan);
export const planAnswer = answer(apiPlanDetail);
export const targetsAnswer = list(apiTarget);
export const targetAnswer = answer(apiTarget);
export const indicatorsAnswer = list(apiIndicator);
export const indicatorAnswer = answer(apiIndicator);
export const figuresAnswer = z.object({ meta: apiMeta, indicator: apiIndicator, data: z.array(apiFigure), page: apiPage });
export const sourcesAnswer = list(apiSourceListed);

export type ApiMeta = z.infer<typeof apiMeta>;
export type ApiPage = z.infer<typeof apiPage>;
export type ApiPlan = z.infer<typeof apiPlan>;
export type ApiPlanDetail = z.infer<typeof apiPlanDetail>;
export type ApiTarget = z.infer<typeof apiTarget>;
export type ApiIndicator = z.infer<typeof apiIndicator>;
export type ApiFigure = z.infer<typeof apiFigure>;
export type ApiSource = z.infer<typeof apiSourceListed>;
export type ApiError = z.infer<typeof apiError>;

// --- Paths -------------------------------------------------------------------------------------

export const API_BASE = '/api/v1';
const part = encodeURIComponent;
export const apiPath = {
	plans: () => `${API_BASE}/plans`,
	plan: (id: string) => `${API_BASE}/plans/${part(id)}`,
	targets: () => `${API_BASE}/targets`,
	planTargets: (planId: string) => `${API_BASE}/targets?plan=${part(planId)}`,
	target: (id: string) => `${API_BASE}/targets/${part(id)}`,
	indicators: () => `${API_BASE}/indicators`,
	indicator: (id: string) => `${API_BASE}/indicators/${part(id)}`,
	figures: (indicatorId: string) => `${API_BASE}/indicators/${part(indicatorId)}/figures`,
	sources: () => `${API_BASE}/sources`,
	openapi: () => `${API_BASE}/openapi.json`
};

/**
 * The page of a list of `total` items and the link to the next one (the query kept, the offset moved).
 * @example listPage(3, { limit: 2, offset: 0 }, '/api/v1/plans', new URLSearchParams('asOf=2024-12-31')).next === '/api/v1/plans?asOf=2024-12-31&offset=2'
 */
export function listPage(total: number, asked: { limit: number; offset: number }, path: string, query: URLSearchParams): ApiPage {
	const nextOffset = asked.offset + asked.limit;
	let next: string | null = null;
	if (nextOffset < total) {
		const q = new URLSearchParams(query);
		q.set('offset', String(nextOffset));
		next = `${path}?${q}`;
	}
	return { limit: asked.limit, offset: asked.offset, total, next };
}

/** A page cut from a whole list. */
export function pageOf<T>(all: T[], asked: { limit: number; offset: number }, path: string, query: URLSearchParams): { items: T[]; page: ApiPage } {
	return { items: all.slice(asked.offset, asked.offset + asked.limit), page: listPage(all.length, asked, path, query) };
}

/** A judged target as the API gives it: the same judgement every page shows (verdict.ts). */
export function apiTargetOf(t: TargetSummary, pagePath: string): ApiTarget {
	const e = t.evaluation;
	return {
		id: t.id,
		planId: t.planId,
		title: t.title,
		quote: t.quote,
		clausePath: t.clause.path,
		indicatorId: t.indicatorId,
		indicatorName: t.indicatorName,
		shareOfIndicatorId: t.shareOfIndicatorId,
		comparator: t.comparator,
		value: t.value,
		maxValue: t.maxValue,
		unit: t.unit,
		kind: t.kind,
		deadline: t.deadline,
		deadlineBasis: t.deadlineBasis,
		baseline: t.baseline,
		verdict: { status: e.verdict.status, basis: e.verdict.basis, probability: e.verdict.probability, pace: e.verdict.pace },
		latest: t.latest && { ...t.latest, flags: [...t.latest.flags] },
		gap: {
			value: e.progress.gap,
			share: e.progress.gapShare,
			aim: e.progress.aim,
			achievedPace: e.progress.achievedPace,
			requiredPace: e.progress.requiredPace,
			paceModel: e.progress.paceModel
		},
		forecast: {
			expectedAtDeadline: e.expectedAtDeadline,
			interval80: e.deadlineIntervals?.['80'] ?? null,
			interval95: e.deadlineIntervals?.['95'] ?? null,
			method: e.forecast?.method ?? null,
			missingBecause: e.forecastGap
		},
		previousQuarter: t.previousQuarter,
		links: { self: apiPath.target(t.id), indicator: apiPath.indicator(t.indicatorId), figures: apiPath.figures(t.indicatorId), page: pagePath }
	};
}

/** The issues of a refused query, one per parameter, for the 400 answer. */
export function queryIssues(error: z.ZodError): { parameter: string; message: string }[] {
	return error.issues.map((issue) => ({
		parameter: issue.path.length ? issue.path.join('.') : ((issue as { keys?: string[] }).keys ?? []).join(', '),
		message: issue.code === 'unrecognized_keys' ? 'unknown parameter' : issue.message
	}));
}

// --- Tokens ------------------------------------------------------------------------------------

/** The admins' form that makes a token: whose, what it is for, and optionally the last day it works. */
export const apiTokenFormSchema = z.object({
	userId: z.string().min(1, 'required'),
	name: z.string().trim().min(1, 'required').max(80, 'too_long'),
	expiresOn: z
		.string()
		.trim()
		.refine((v) => v === '' || isCalendarDay(v), 'date')
		.transform((v) => (v === '' ? null : v))
});
/** The form's error codes (messages api.tokens.error.*). */
export type ApiTokenFormError = 'required' | 'too_long' | 'date' | 'past' | 'unknown_user' | 'not_found';
export interface ApiTokenForm {
	userId: string;
	name: string;
	/** The last instant the token works (end of the chosen day in the deployment's zone), or null. */
	expiresAt: Date | null;
}
