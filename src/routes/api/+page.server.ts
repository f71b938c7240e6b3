import { API_ENDPOINTS, openApiDocument } from '$lib/domain/api-openapi';
import { rateLimiter } from '$lib/server/api/endpoint';
import { deploymentTimeZone } from '$lib/server/config';
import { database } from '$lib/server/db';
import { examplePath } from '$lib/server/api/reads';
import type { PageServerLoad } from './$types';

/** The API's documentation, read from the same OpenAPI document the API serves. */
export const load = (async ({ url }) => {
	const { db } = await database();
	const document = openApiDocument({ rateLimit: rateLimiter().limit, timeZone: deploymentTimeZone(), version: '1' });
	const endpoints = await Promise.all(
		API_ENDPOINTS.map(async (e) => {
			const operation = (document.paths[e.path] as { get: { parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[] } }).get;
			return {
				operationId: e.operationId,
				path: e.path,
				open: e.open ?? false,
				example: await examplePath(db, e.example),
				parameters: operation.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, rules: rulesOf(p.schema) }))
			};
		})
	);
	return { endpoints, rateLimit: rateLimiter().limit, timeZone: deploymentTimeZone(), origin: url.origin };
}) satisfies PageServerLoad;

/** A parameter's rules in a few words of code: its values, range, pattern and default. */
function rulesOf(schema: Record<string, unknown>): string {
	const parts: string[] = [];
	if (Array.isArray(schema.enum)) parts.push(schema.enum.join(' | '));
	else if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') parts.push('YYYY-MM-DD');
	else if (schema.type) parts.push(String(schema.type));
	// zod states "no upper bound" on integers as the largest safe integer.
	const maximum = schema.maximum === Number.MAX_SAFE_INTEGER ? undefined : schema.maximum;
	if (typeof schema.minimum === 'number' && typeof maximum === 'number') parts.push(`${schema.minimum}–${maximum}`);
	else if (typeof schema.minimum === 'number') parts.push(`≥ ${schema.minimum}`);
	if (schema.default !== undefined) parts.push(`= ${schema.default}`);
	return parts.join(', ');
}
