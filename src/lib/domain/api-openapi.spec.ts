import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ENDPOINTS, openApiDocument } from './api-openapi';

/** Every endpoint folder under src/routes/api/v1, written as OpenAPI paths: [planId] → {planId}. */
function routePaths(dir = path.resolve('src/routes/api/v1'), prefix = '/api/v1'): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (entry.isFile()) return entry.name === '+server.ts' ? [prefix] : [];
		const part = entry.name.replace(/^\[(\w+)\]$/, '{$1}');
		return routePaths(path.join(dir, entry.name), `${prefix}/${part}`);
	});
}

describe('the OpenAPI document', () => {
	const document = openApiDocument({ rateLimit: 120, timeZone: 'Asia/Shanghai', version: '1' });

	it('lists every API route, and only those', () => {
		const routes = routePaths().sort();
		expect(routes.length).toBeGreaterThanOrEqual(9);
		expect(Object.keys(document.paths).sort()).toEqual(routes);
		expect(API_ENDPOINTS.map((e) => e.path).sort()).toEqual(routes);
	});

	it('is OpenAPI 3.1 JSON with parameters, answers and refusals for each endpoint', () => {
		const parsed = JSON.parse(JSON.stringify(document));
		expect(parsed.openapi).toBe('3.1.0');
		expect(parsed.info.description).toContain('120 requests per minute');
		expect(parsed.info.description).toContain('Asia/Shanghai');
		for (const [p, item] of Object.entries(parsed.paths) as [string, { get: Record<string, any> }][]) {
			const op = item.get;
			expect(op.operationId, p).toBeTruthy();
			expect(op.responses['200'].content['application/json'].schema.type, p).toBe('object');
			const names = op.parameters.map((x: { name: string }) => x.name);
			for (const [, name] of p.matchAll(/\{(\w+)\}/g)) expect(names, p).toContain(name);
			if (op.security === undefined) {
				expect(names, p).toContain('asOf');
				expect(Object.keys(op.responses).sort(), p).toEqual(['200', '400', '401', '403', '404', '429']);
			}
		}
		// The query parameters come from the zod schemas: limits and enumerations included.
		const targets = parsed.paths['/api/v1/targets'].get.parameters;
		expect(targets.find((x: { name: string }) => x.name === 'limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 100 });
		expect(targets.find((x: { name: string }) => x.name === 'status').schema.enum).toContain('on_pace_forecast_short');
		expect(targets.find((x: { name: string }) => x.name === 'asOf').schema.pattern).toBe('^\\d{4}-\\d{2}-\\d{2}$');
	});
});
