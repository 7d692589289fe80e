// An edge's check, charge and outbox rows for a charge message, as the edge writes them when it takes
// a charge while central is away: for tests and benchmarks that fill an edge's SQLite file through
// the edge's own repository function (insertCheckWithCharge) without its HTTP API.
import type { ChargeMessage } from '@roompost/sync';
import type { ChargeTable, CheckTable, OutboxTable } from '../../edge/src/charges/charge.table.js';

export function offlineChargeRows(
  m: ChargeMessage,
  checkNumber: string,
  now: string,
): { check: CheckTable; charge: ChargeTable; outbox: OutboxTable } {
  return {
    check: {
      id: `k-${m.chargeId}`,
      request_id: m.chargeId,
      request_hash: 'offline',
      number: checkNumber,
      outlet_code: m.outletCode,
      employee_id: null,
      created_at: now,
    },
    charge: {
      id: m.chargeId,
      check_id: `k-${m.chargeId}`,
      room_number: m.roomNumber,
      stay_ref: m.stayRef,
      guest_name: m.guestName,
      guest_first_name: 'Offline',
      guest_last_name: 'Guest',
      currency: m.currency,
      subtotal_minor: m.subtotalMinor,
      tax_minor: m.taxMinor,
      tip_minor: m.tipMinor,
      total_minor: m.totalMinor,
      items_json: JSON.stringify(m.items),
      status: 'pending',
      status_at: null,
      error_code: null,
      error_message: null,
      pms_transaction_id: null,
      folio_balance_minor: null,
      signed_at: null,
      stand_in: 0,
      created_at: now,
      withdrawal_id: null,
      withdraw_requested_at: null,
      withdrawn_by: null,
      withdraw_reason: null,
      withdrawn_at: null,
      attempts: null,
      tax_json: null,
      updated_at: now,
    },
    outbox: {
      charge_id: m.chargeId,
      payload: JSON.stringify(m),
      attempts: 0,
      next_attempt_at: now,
      done_at: null,
    },
  };
}
