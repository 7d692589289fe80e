// How edge and central answer a failed HTTP request: one handler, the same for both services. Each
// service passes its one mapping from its domain errors to a coded error; the contract's status for
// the code and its `{ code, message, action, field? }` body go out. Fastify's own refusals (body too
// large, not JSON, malformed) are answered the same way by both.
import type { FastifyError, FastifyInstance } from 'fastify';
import { CodedError } from '../contract/coded-error.js';
import { apiErrorBody, HTTP_STATUS } from '../contract/errors.js';
import type { Logger } from '../logger.js';

export interface ApiErrorOptions {
  logger: Logger;
  /** The service's mapping of its domain errors (folio's, the PMS adapters') to coded ones. */
  toCoded?: (err: unknown) => CodedError | null;
  /** Whether refusal bodies carry their `context` (ids, limits) to the client. */
  exposeContext: boolean;
}

export function installApiErrors(app: FastifyInstance, options: ApiErrorOptions): void {
  const { logger } = options;
  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    // A route schema's refusal is already coded (zod-routes.ts).
    const coded = err instanceof CodedError ? err : (options.toCoded?.(err) ?? null);
    if (coded) {
      const body = coded.body();
      if (!options.exposeContext && 'context' in body) delete body.context;
      return reply.status(HTTP_STATUS[coded.code]).send(body);
    }
    const refusal = fastifyRefusal(err as FastifyError, app.initialConfig.bodyLimit ?? 1024 * 1024);
    if (refusal) return reply.status(refusal.status).send(refusal.body);
    logger.error({ err, url: request.url }, 'request failed');
    return reply.status(500).send(apiErrorBody('INTERNAL'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(apiErrorBody('NOT_FOUND', `no route ${request.method} ${request.url}`)),
  );
}

/** Fastify's own 4xx errors, with the status a client can act on: too big, not JSON, malformed. */
function fastifyRefusal(err: FastifyError, bodyLimit: number) {
  const status = err.statusCode;
  if (status === 413) {
    const kb = Math.round(bodyLimit / 1024);
    return {
      status,
      body: apiErrorBody('PAYLOAD_TOO_LARGE', `the request body is larger than ${kb} KB`, 'body'),
    };
  }
  if (status === 415) {
    return {
      status,
      body: apiErrorBody(
        'UNSUPPORTED_MEDIA_TYPE',
        `send the body as application/json: ${err.message}`,
        'content-type',
      ),
    };
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return { status: 400, body: apiErrorBody('VALIDATION_FAILED', `request body: ${err.message}`, 'body') };
  }
  return null;
}
