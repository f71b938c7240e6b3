/**
 * The read API's OpenAPI 3.1 document, written from the zod schemas of domain/api.ts with zod's own
 * JSON Schema output (OpenAPI 3.1 schemas are JSON Schema 2020-12). The docs page lists the same
 * endpoints, and a test checks that every route folder under /api/v1 is here and every entry answers.
 */
import { z } from './zod';
import {
	API_BASE,
	MAX_LIMIT,
	apiError,
	figuresAnswer,
	figuresQuery,
	indicatorAnswer,
	indicatorQuery,
	indicatorsAnswer,
	indicatorsQuery,
	planAnswer,
	planQuery,
	plansAnswer,
	plansQuery,
	sourcesAnswer,
	sourcesQuery,
	targetAnswer,
	targetQuery,
	targetsAnswer,
	targetsQuery
} from './api';

export interface ApiEndpoint {
	/** Also the message key of its description on the docs page (api.op.<id>). */
	operationId: string;
	/** As OpenAPI writes it: /api/v1/plans/{planId}. */
	path: string;
	summary: string;
	query: z.ZodType;
	answer: z.ZodType;
	/** An example request the docs page shows and the tests call ({…} filled from the catalogue). */
	example: string;
	/** Needs no token (the document itself). */
	open?: boolean;
}

export const API_ENDPOINTS: ApiEndpoint[] = [
	{ operationId: 'listPlans', path: `${API_BASE}/plans`, summary: 'Plans as published by the day', query: plansQuery, answer: plansAnswer, example: `${API_BASE}/plans?asOf=2024-12-31` },
	{
		operationId: 'getPlan',
		path: `${API_BASE}/plans/{planId}`,
		summary: 'A plan with every target and its verdict as of the day',
		query: planQuery,
		answer: planAnswer,
		example: `${API_BASE}/plans/{planId}?asOf=2024-12-31`
	},
	{
		operationId: 'listTargets',
		path: `${API_BASE}/targets`,
		summary: 'Targets with their verdicts (status, basis, probability, gap) as of the day',
		query: targetsQuery,
		answer: targetsAnswer,
		example: `${API_BASE}/targets?asOf=2024-12-31&limit=20`
	},
	{
		operationId: 'getTarget',
		path: `${API_BASE}/targets/{targetId}`,
		summary: 'One target and its verdict as of the day',
		query: targetQuery,
		answer: targetAnswer,
		example: `${API_BASE}/targets/{targetId}?asOf=2024-12-31`
	},
	{
		operationId: 'listIndicators',
		path: `${API_BASE}/indicators`,
		summary: 'Indicators, with how many figures stand as of the day',
		query: indicatorsQuery,
		answer: indicatorsAnswer,
		example: `${API_BASE}/indicators?lang=en`
	},
	{
		operationId: 'getIndicator',
		path: `${API_BASE}/indicators/{indicatorId}`,
		summary: 'One indicator',
		query: indicatorQuery,
		answer: indicatorAnswer,
		example: `${API_BASE}/indicators/{indicatorId}`
	},
	{
		operationId: 'listFigures',
		path: `${API_BASE}/indicators/{indicatorId}/figures`,
		summary: 'An indicator’s figures as they stood on the day, newest period first, with provenance, caveats and source',
		query: figuresQuery,
		answer: figuresAnswer,
		example: `${API_BASE}/indicators/{indicatorId}/figures?asOf=2024-12-31`
	},
	{
		operationId: 'listSources',
		path: `${API_BASE}/sources`,
		summary: 'Sources of published figures, with the figures standing as of the day that cite them',
		query: sourcesQuery,
		answer: sourcesAnswer,
		example: `${API_BASE}/sources`
	},
	{
		operationId: 'openapi',
		path: `${API_BASE}/openapi.json`,
		summary: 'This document',
		query: z.strictObject({}),
		answer: z.looseObject({ openapi: z.literal('3.1.0') }),
		example: `${API_BASE}/openapi.json`,
		open: true
	}
];

const REFUSALS: Record<string, string> = {
	'400': 'A bad query parameter (each named in error.issues), or an asOf after today',
	'401': 'No token or session; or the token is unknown, revoked, expired, or its owner deactivated',
	'403': 'The token’s owner may not read this (e.g. drafts need an analyst or admin)',
	'404': 'No such item (as of the day, or that the reader may see)',
	'429': 'Over the rate limit: wait the seconds in Retry-After'
};

const schemaOf = (type: z.ZodType, io: 'input' | 'output') => {
	const { $schema: _, ...schema } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>;
	return schema;
};

/** The query parameters of an endpoint as OpenAPI parameters, each with its description and rules. */
function queryParameters(query: z.ZodType) {
	const schema = schemaOf(query, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
	return Object.entries(schema.properties ?? {}).map(([name, property]) => {
		const { description, ...rules } = property;
		return { name, in: 'query', required: schema.required?.includes(name) ?? false, description, schema: rules };
	});
}

const pathParameters = (path: string) =>
	[...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));

/** The document, with the deployment's rate limit and time zone written into its description. */
export function openApiDocument(settings: { rateLimit: number; timeZone: string; version: string }) {
	const error = schemaOf(apiError, 'output');
	const paths: Record<string, unknown> = {};
	for (const e of API_ENDPOINTS) {
		paths[e.path] = {
			get: {
				operationId: e.operationId,
				summary: e.summary,
				...(e.open ? { security: [] } : {}),
				parameters: [...pathParameters(e.path), ...queryParameters(e.query)],
				responses: {
					'200': { description: 'OK', content: { 'application/json': { schema: schemaOf(e.answer, 'output') } } },
					...Object.fromEntries(
						Object.entries(REFUSALS)
							.filter(([status]) => !e.open || status === '400')
							.map(([status, description]) => [
								status,
								{
									description,
									...(status === '429' ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
									content: { 'application/json': { schema: error } }
								}
							])
					)
				}
			}
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Pacer read API',
			version: settings.version,
			description: [
				'Plans, targets with their verdicts, indicators, figures with provenance, and sources, as of a day.',
				`asOf=YYYY-MM-DD is a day in the deployment's time zone (${settings.timeZone}): figures recorded by the end of that day count, and each plan stands at its revision published by then; without asOf, the answer is as of now. meta says which day, cut-off and data version an answer reflects.`,
				`Authentication: a personal access token made by an admin (Authorization: Bearer pacer_…) reads with its owner's role, like the pages; a signed-in browser session works too.`,
				`Rate limit: ${settings.rateLimit} requests per minute per token (or per signed-in person), counted by each server process: behind several instances each counts its own. Over it: 429 with Retry-After.`,
				`Lists are paged with limit (at most ${MAX_LIMIT}) and offset; page.next is the next page.`
			].join('\n\n')
		},
		servers: [{ url: '/' }],
		security: [{ bearerToken: [] }, { session: [] }],
		components: {
			securitySchemes: {
				bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal access token from /admin/tokens' },
				session: { type: 'apiKey', in: 'cookie', name: 'pacer_session', description: 'The session of a signed-in browser' }
			}
		},
		paths
	};
}
