import { ERROR_CATALOG, type ErrorCode } from '@roompost/sync';
import { CentralError } from '../central-error.js';
import type { ChargeVoidRow } from './charge-void.repository.js';

/**
 * A void the PMS has not taken (yet), as the coded error the caller gets: the PMS's own refusal, or
 * CONNECTION_FAILED while it is queued for another try (the outlet hears `voided` when it goes through).
 */
export function voidNotDone(row: ChargeVoidRow): CentralError {
  const code: ErrorCode =
    row.error_code !== null && row.error_code in ERROR_CATALOG
      ? (row.error_code as ErrorCode)
      : 'POSTING_REJECTED';
  const message =
    row.status === 'queued'
      ? `the void is queued and will be sent again at ${row.next_attempt_at}: ${row.error_message ?? ''}`
      : `the PMS did not take the void (${row.status}): ${row.error_message ?? ''}`;
  return new CentralError(code, message, {
    context: { chargeId: row.charge_id, voidId: row.void_id, voidStatus: row.status },
  });
}
