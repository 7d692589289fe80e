import { installApiErrors, type Logger } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';

/**
 * Every error leaves as `{ code, message, action, field? }` with the contract's status. The edge's
 * domain errors are all `EdgeError`s (coded already); `context` reaches staff screens only.
 */
export function installErrorHandler(app: FastifyInstance, logger: Logger, exposeContext: boolean): void {
  installApiErrors(app, { logger, exposeContext });
}
