import type { ChargeStatusMessage, ErrorBody, ErrorCode } from '@roompost/sync';
import { ERROR_CATALOG } from '@roompost/sync';
import type { RoomChargeRow } from './room-charge.repository.js';

const WIRE_STATUS = {
  received: 'accepted',
  queued: 'queued',
  posted: 'posted',
  rejected: 'rejected',
  failed: 'failed',
  withdrawn: 'withdrawn',
} as const;

/** Where a stored charge stands, as the edge is told it. */
export function chargeStatusOf(row: RoomChargeRow, at: Date): ChargeStatusMessage {
  return {
    v: 1,
    chargeId: row.id,
    // Held for a manager (outlet `autoPost: false`); the edge keeps asking, as for queued.
    status: row.held_at === null ? WIRE_STATUS[row.posting_status] : 'held',
    pmsTransactionId: row.pms_transaction_id,
    folioBalanceMinor: row.folio_balance_minor,
    attempts: row.attempts,
    error:
      row.posting_status === 'withdrawn'
        ? {
            code: 'POSTING_WITHDRAWN',
            message: `withdrawn by ${row.withdrawn_by ?? 'staff'}: ${row.withdrawn_reason ?? ''}`,
          }
        : row.error_code === null
          ? null
          : { code: asErrorCode(row.error_code), message: row.error_message ?? '' },
    at: at.toISOString(),
  };
}

function asErrorCode(code: string): ErrorCode {
  return code in ERROR_CATALOG ? (code as ErrorCode) : 'POSTING_REJECTED';
}

/** A refusal of a charge that was not stored (or not stored as sent): nothing was posted. */
export function refusedStatus(chargeId: string, error: ErrorBody, at: Date): ChargeStatusMessage {
  return {
    v: 1,
    chargeId,
    status: 'rejected',
    pmsTransactionId: null,
    folioBalanceMinor: null,
    error,
    at: at.toISOString(),
  };
}
