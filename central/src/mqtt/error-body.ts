import type { ErrorBody, Logger } from '@roompost/sync';
import { CentralError } from '../central-error.js';
import { PmsError } from '../pms/adapter.js';

/** What a device is told when a request fails: the PMS code, or INTERNAL (details stay in our log). */
export function toErrorBody(err: unknown, logger: Logger): ErrorBody {
  // Our own refusals (NOT_FOUND, INVALID_STATE of a manual retry) travel with their code.
  if (err instanceof CentralError) return { code: err.code, message: err.message };
  if (err instanceof PmsError) {
    return Object.keys(err.context).length
      ? { code: err.code, message: err.message, context: err.context }
      : { code: err.code, message: err.message };
  }
  logger.error({ err }, 'request failed');
  return { code: 'INTERNAL', message: 'central could not answer' };
}
