import type { ChargeItem } from '@roompost/sync';
import type { RoomChargeRow } from './room-charge.repository.js';

/** A room charge as `GET /api/pms/postings` shows it. Amounts in minor units of `currency`. */
export function postingView(row: RoomChargeRow) {
  return {
    id: row.id,
    device: row.device,
    source: row.source,
    outletCode: row.outlet_code,
    checkNumber: row.check_number,
    roomNumber: row.room_number,
    guestName: row.guest_name,
    currency: row.currency,
    subtotalMinor: row.subtotal_minor,
    taxMinor: row.tax_minor,
    tipMinor: row.tip_minor,
    totalMinor: row.total_minor,
    items: JSON.parse(row.items_json) as ChargeItem[],
    employeeId: row.employee_id,
    // A held charge (outlet `autoPost: false`) waits for a manager: shown as `held`.
    status: row.held_at === null ? row.posting_status : ('held' as const),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    pmsTransactionId: row.pms_transaction_id,
    folioBalanceMinor: row.folio_balance_minor,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message },
    createdAt: row.created_at,
    receivedAt: row.received_at,
    postedAt: row.posted_at,
    /** The outlet accepted it against its roster while central or the PMS was unreachable. */
    standIn: row.stand_in === 1,
    // Set when the charge was withdrawn (another tender was collected): it is never posted.
    withdrawal:
      row.withdrawn_at === null
        ? null
        : { at: row.withdrawn_at, by: row.withdrawn_by, reason: row.withdrawn_reason, id: row.withdrawal_id },
  };
}
