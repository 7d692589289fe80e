// A service's OpenAPI document, built by @fastify/swagger from each route's zod `schema`: the same
// schema that validates the request and types the handler (zod-routes.ts). Central and the edge
// serve theirs the same way.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import type { OpenAPIV3 } from 'openapi-types';

export interface OpenApiDocument {
  title: string;
  description: string;
  /** Where the document is served, e.g. `/api/openapi.json`. */
  path: string;
  securitySchemes?: Record<string, OpenAPIV3.SecuritySchemeObject>;
  security?: OpenAPIV3.SecurityRequirementObject[];
}

/** Must be registered before any route: the document is collected as routes are added. */
export async function registerOpenApi(app: FastifyInstance, doc: OpenApiDocument): Promise<void> {
  await app.register(swagger, {
    transform: createJsonSchemaTransform({ zodToJsonConfig: { unrepresentable: 'any' } }),
    openapi: {
      info: { title: doc.title, version: '0.1.0', description: doc.description },
      ...(doc.securitySchemes ? { components: { securitySchemes: doc.securitySchemes } } : {}),
      ...(doc.security ? { security: doc.security } : {}),
    },
  });
  app.get(doc.path, { schema: { hide: true } }, async () => app.swagger());
}
