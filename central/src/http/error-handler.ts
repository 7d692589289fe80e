import { FolioError } from '@roompost/folio';
import { ApiError, apiErrorBody, type ErrorCode, HTTP_STATUS, type Logger } from '@roompost/sync';
import type { FastifyError, FastifyInstance } from 'fastify';
import { PmsError } from '../pms/adapter.js';

/** Every error leaves as `{ code, message, action }` with the contract's status; internals are logged only. */
export function installErrorHandler(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    if (err instanceof ApiError) return reply.status(err.status).send(err.body());
    if (err instanceof FolioError) {
      // The folio engine's codes are contract codes (sync/src/contract/errors.ts); an unknown one is a bug.
      const known = Object.hasOwn(HTTP_STATUS, err.code);
      const field = typeof err.context.field === 'string' ? err.context.field : undefined;
      const api = new ApiError(known ? (err.code as ErrorCode) : 'INTERNAL', err.message, {
        ...(field === undefined ? {} : { field }),
        context: err.context,
      });
      if (!known) logger.error({ err, url: request.url }, 'folio error code missing from the contract');
      return reply.status(api.status).send(api.body());
    }
    if (err instanceof PmsError) {
      const api = new ApiError(err.code, err.message, { context: err.context });
      return reply.status(api.status).send(api.body());
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
      return reply
        .status(415)
        .send(
          apiErrorBody(
            'VALIDATION_FAILED',
            `request body: send application/json (${fe.message})`,
            'content-type',
          ),
        );
    }
    if (fe.statusCode === 400) {
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
