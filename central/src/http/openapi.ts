import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { z } from 'zod';

/**
 * The OpenAPI document of central's API, served at `/api/openapi.json`, built by @fastify/swagger
 * from each route's `schema`. Requests are validated by zod inside the handlers (one error format:
 * `{ code, message, action, field }`), so route schemas are documentation only: fastify's own
 * validator and serializer are switched off here. Must be registered before any route.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await app.register(swagger, {
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

/** A route's documentation from the same zod schemas its handler validates with. */
export function describe(
  summary: string,
  tags: string[],
  parts: Partial<Record<Part, z.ZodType>> = {},
): { schema: FastifySchema } {
  const schema: Record<string, unknown> = { summary, tags };
  for (const [part, zod] of Object.entries(parts)) {
    schema[part] = z.toJSONSchema(zod, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
  }
  return { schema: schema as FastifySchema };
}
