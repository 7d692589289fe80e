import swagger from '@fastify/swagger';
import { useZodSchemas } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import type { z } from 'zod';

/**
 * The OpenAPI document of central's API, served at `/api/openapi.json`, built by @fastify/swagger
 * from each route's zod `schema`, the same schema that validates the request (a refusal is
 * `{ code, message, action, field }`) and types the handler (sync/src/http/zod-routes.ts).
 * Must be registered before any route.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  useZodSchemas(app);
  await app.register(swagger, {
    transform: createJsonSchemaTransform({ zodToJsonConfig: { unrepresentable: 'any' } }),
    openapi: {
      info: {
        title: 'roompost central',
        version: '0.1.0',
        description:
          'Room charges, PMS posting and the built-in folio engine. Amounts are integer minor units.',
      },
      // Every route but health, sign-in, enrollment and this document needs a session token
      // (POST /api/auth/sign-in; docs/central-api.md "Sign-in and roles").
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
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
