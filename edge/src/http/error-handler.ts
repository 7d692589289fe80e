import { ApiError, apiErrorBody, type Logger } from '@roompost/sync';
import type { FastifyError, FastifyInstance } from 'fastify';

/** Every error leaves as `{ code, message, action, field? }` with the contract's status. */
export function installErrorHandler(app: FastifyInstance, logger: Logger, exposeContext: boolean): void {
  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    if (err instanceof ApiError) {
      const body = err.body();
      if (!exposeContext && 'context' in body) delete body.context;
      return reply.status(err.status).send(body);
    }
    const fe = err as FastifyError;
    // Fastify's own refusals, with the status a client can act on: too big, not JSON.
    if (fe.statusCode === 413) {
      return reply
        .status(413)
        .send(apiErrorBody('PAYLOAD_TOO_LARGE', 'the request body is larger than 64 KB', 'body'));
    }
    if (fe.statusCode === 415) {
      return reply
        .status(415)
        .send(
          apiErrorBody('UNSUPPORTED_MEDIA_TYPE', `send the body as application/json: ${fe.message}`, 'body'),
        );
    }
    if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(400).send(apiErrorBody('VALIDATION_FAILED', `request body: ${fe.message}`, 'body'));
    }
    logger.error({ err, url: request.url }, 'request failed');
    return reply.status(500).send(apiErrorBody('INTERNAL'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(apiErrorBody('NOT_FOUND', `no route ${request.method} ${request.url}`)),
  );
}
