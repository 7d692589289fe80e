// A service's OpenAPI document, built by @fastify/swagger from each route's zod `schema`: the same
// schema that validates the request and types the handler (zod-routes.ts). Central and the edge
// serve theirs the same way.
//
// The document is built at its first request, not at start: @fastify/swagger (with its YAML writer
// and JSON-schema resolver) would otherwise stay loaded in every service for a document that is
// rarely read (about 2 MB of central's idle heap, docs/performance.md "Idle memory"). At start only
// the routes are noted as they are added; the first request loads @fastify/swagger into a fastify
// instance of its own, adds the same routes there (with handlers that never run) and keeps the
// document it writes.
import type { FastifyInstance, RouteOptions } from 'fastify';
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
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    // fastify adds a HEAD route beside each GET; the documenting instance adds its own, and
    // @fastify/swagger leaves them out of the document.
    if (route.method !== 'HEAD') routes.push(route);
  });
  let built: Promise<unknown> | undefined;
  app.get(doc.path, { schema: { hide: true } }, () => {
    built ??= documentOf(app, routes, doc).catch((err: unknown) => {
      built = undefined;
      throw err;
    });
    return built;
  });
}

async function documentOf(
  app: FastifyInstance,
  routes: RouteOptions[],
  doc: OpenApiDocument,
): Promise<unknown> {
  const [{ default: swagger }, { default: Fastify }] = await Promise.all([
    import('@fastify/swagger'),
    import('fastify'),
  ]);
  // The same router options, so that the same paths are told apart (or not) as in the service.
  const { routerOptions } = app.initialConfig;
  const documenting = Fastify(routerOptions ? { routerOptions } : {});
  // The schemas are zod's: they document the routes here, they validate and serialize nothing.
  documenting.setValidatorCompiler(() => () => true);
  documenting.setSerializerCompiler(() => (data) => JSON.stringify(data));
  for (const [id, schema] of Object.entries(app.getSchemas()))
    documenting.addSchema({ ...(schema as object), $id: id });
  await documenting.register(swagger, {
    transform: createJsonSchemaTransform({ zodToJsonConfig: { unrepresentable: 'any' } }),
    openapi: {
      info: { title: doc.title, version: '0.1.0', description: doc.description },
      ...(doc.securitySchemes ? { components: { securitySchemes: doc.securitySchemes } } : {}),
      ...(doc.security ? { security: doc.security } : {}),
    },
  });
  const never = async () => undefined;
  for (const route of routes) {
    documenting.route({
      method: route.method,
      url: route.url,
      ...(route.schema ? { schema: route.schema } : {}),
      ...(route.config ? { config: route.config } : {}),
      ...(route.constraints ? { constraints: route.constraints } : {}),
      exposeHeadRoute: false,
      handler: never,
    });
  }
  await documenting.ready();
  try {
    return documenting.swagger();
  } finally {
    await documenting.close();
  }
}
