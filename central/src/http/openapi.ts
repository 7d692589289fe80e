import { registerOpenApi as registerServiceOpenApi, useZodSchemas } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';

/**
 * The OpenAPI document of central's API, served at `/api/openapi.json` (sync/src/http/openapi.ts):
 * built from each route's zod `schema`, the same schema that validates the request (a refusal is
 * `{ code, message, action, field }`) and types the handler. Must be registered before any route.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  useZodSchemas(app);
  await registerServiceOpenApi(app, {
    title: 'roompost central',
    description: 'Room charges, PMS posting and the built-in folio engine. Amounts are integer minor units.',
    path: '/api/openapi.json',
    // Every route but health, sign-in, enrollment and this document needs a session token
    // (POST /api/auth/sign-in; docs/central-api.md "Sign-in and roles").
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    security: [{ bearer: [] }],
  });
}

type Part = 'body' | 'params' | 'querystring';

/** A route's schema: its summary and tags for the document, its zod parts for validation and types. */
export function describe<P extends Partial<Record<Part, z.ZodType>>>(
  summary: string,
  tags: string[],
  parts: P = {} as P,
): { schema: { summary: string; tags: string[] } & P } {
  return { schema: { summary, tags, ...parts } };
}
