import { parseRequest, type ZodApp } from '@roompost/sync';
import { z } from 'zod';
import { actorOf } from '../http/actor.js';
import { describe } from '../http/openapi.js';
import { catalogShape, putCatalogBody } from './catalog-input.js';
import type { CatalogService } from './catalog-service.js';

const outletParams = z.object({ code: z.string().min(1).max(16) });

export function registerCatalogRoutes(app: ZodApp, deps: { catalog: CatalogService }): void {
  app.get<{ Params: { code: string } }>(
    '/api/outlets/:code/catalog',
    describe("An outlet's item master: categories, items, charge templates, version", ['catalog'], {
      params: outletParams,
    }),
    async (req) => deps.catalog.get(req.params.code),
  );

  app.put(
    '/api/outlets/:code/catalog',
    {
      ...describe(
        "Replace an outlet's whole item master (manager); the outlet's devices pick it up on their next sync",
        ['catalog'],
        { params: outletParams, body: putCatalogBody },
      ),
      // The same schema, with the catalog's own field names (`items[3].price`, catalog-input.ts).
      validatorCompiler:
        ({ schema, httpPart }) =>
        (data) => {
          try {
            return {
              value:
                httpPart === 'body' ? catalogShape(data) : parseRequest(schema as unknown as z.ZodType, data),
            };
          } catch (err) {
            return { error: err as Error };
          }
        },
    },
    async (req) => deps.catalog.put(req.params.code, req.body, actorOf(req)),
  );
}
