import { ApiError, apiErrorBody, type Logger } from '@roompost/sync';
import type { FastifyError, FastifyInstance } from 'fastify';
import { PmsError } from '../pms/adapter.js';

/** Every error leaves as `{ code, message, action }` with the contract's status; internals are logged only. */
export function installErrorHandler(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    if (err instanceof ApiError) return reply.status(err.status).send(err.body());
    if (err instanceof PmsError) {
      const api = new ApiError(err.code, err.message, { context: err.context });
      return reply.status(api.status).send(api.body());
    }
    const fe = err as FastifyError;
    if (fe.statusCode === 400 || fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
      return reply.status(400).send(apiErrorBody('VALIDATION_FAILED', `request body: ${fe.message}`, 'body'));
    }
    if (fe.statusCode === 413)
      return reply.status(413).send(apiErrorBody('VALIDATION_FAILED', 'request body too large', 'body'));
    logger.error({ err, url: request.url }, 'request failed');
    return reply.status(500).send(apiErrorBody('INTERNAL'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(apiErrorBody('NOT_FOUND', `no route ${request.method} ${request.url}`)),
  );
}
