// One zod schema per route part validates the request, types the handler and documents the route
// (fastify-type-provider-zod; @fastify/swagger reads the same schemas). A refusal is the contract's
// coded error (`VALIDATION_FAILED` or `AMOUNT_OUT_OF_RANGE` naming the first bad field), so the
// services' error handler answers it like any other.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { parseRequest } from '../contract/coded-error.js';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Switches `app` to zod route schemas; register routes on the instance it returns. */
export function useZodSchemas(app: FastifyInstance): ZodApp {
  app.setValidatorCompiler(({ schema }) => (data) => {
    try {
      return { value: parseRequest(schema as z.ZodType, data) };
    } catch (err) {
      return { error: err as Error };
    }
  });
  app.setSerializerCompiler(serializerCompiler);
  return app.withTypeProvider<ZodTypeProvider>();
}
