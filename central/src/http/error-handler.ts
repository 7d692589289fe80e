import { FolioError } from '@roompost/folio';
import { installApiErrors, type Logger } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';
import { CentralError } from '../central-error.js';

/**
 * Every error leaves as `{ code, message, action, field? }` with the contract's status; internals
 * are logged only. Central's one mapping: its own and the PMS adapters' errors are
 * coded, the folio engine's are translated here.
 */
export function installErrorHandler(app: FastifyInstance, logger: Logger): void {
  installApiErrors(app, { logger, exposeContext: true, toCoded: centralCoded });
}

/** Folio's codes are contract codes (sync/src/contract/errors.ts); PmsError is coded already. */
function centralCoded(err: unknown): CentralError | null {
  if (err instanceof FolioError) {
    const field = typeof err.context.field === 'string' ? err.context.field : undefined;
    return new CentralError(err.code, err.message, {
      ...(field === undefined ? {} : { field }),
      context: err.context,
      cause: err,
    });
  }
  return null;
}
