import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/domain/api-openapi';
import { rateLimiter } from '$lib/server/api/endpoint';
import { deploymentTimeZone } from '$lib/server/config';
import type { RequestHandler } from './$types';

/** Open to anyone: a system learns from it how to get in. */
export const GET: RequestHandler = () => json(openApiDocument({ rateLimit: rateLimiter().limit, timeZone: deploymentTimeZone(), version: '1' }));
