import type { ChargeAmountColumns, KioskChargeStatus } from '@roompost/sync';

export interface CounterTable {
  name: string;
  value: number;
}

export interface CheckTable {
  id: string;
  /** The kiosk's idempotency key for "create this check"; null for checks made before it existed. */
  request_id: string | null;
  /** What the request asked for (items, tip, guest), to refuse a reused request id with other content. */
  request_hash: string | null;
  number: string;
  outlet_code: string;
  employee_id: string | null;
  created_at: string;
}

/** One room charge as the outlet made it. Amounts in minor units; the status follows central's answers. */
export interface ChargeTable extends ChargeAmountColumns {
  id: string;
  check_id: string;
  room_number: string;
  stay_ref: string;
  /** Full name as central gave it; masked on the way out for self-service screens. */
  guest_name: string;
  guest_first_name: string;
  guest_last_name: string;
  items_json: string;
  status: KioskChargeStatus;
  /** Time of the status message applied last, to ignore older ones arriving late. */
  status_at: string | null;
  error_code: string | null;
  error_message: string | null;
  pms_transaction_id: string | null;
  folio_balance_minor: number | null;
  /** When the guest signed on the screen (the image is in charge_signatures); null: not signed. */
  signed_at: string | null;
  /** 1: accepted against the replicated roster while central or the PMS was unreachable (roster/). */
  stand_in: number;
  /**
   * Another tender was chosen after the posting failed: the withdrawal's idempotency key, when it
   * was asked for, by whom (staff id, or `guest`) and why. Until central confirms (`withdrawn_at`,
   * status `withdrawn`) the charge is "withdrawing" and the screen says to wait.
   */
  withdrawal_id: string | null;
  withdraw_requested_at: string | null;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  withdrawn_at: string | null;
  /** Central's attempts to post it so far (seed 000 "Retry #2"); null until central says. */
  attempts: number | null;
  /**
   * The GSTIN and tax lines (CGST/SGST per rate, VAT) the receipt prints, as priced when the charge
   * was made (receipts/tax-breakdown.ts); null: one "Tax" line (no GSTIN, or made before this was kept).
   */
  tax_json: string | null;
  created_at: string;
  updated_at: string;
}

/** The guest's signature (PNG bytes), written with its charge and never changed. */
export interface ChargeSignatureTable {
  charge_id: string;
  png: Uint8Array;
  created_at: string;
}

export interface OutboxTable {
  charge_id: string;
  payload: string;
  attempts: number;
  next_attempt_at: string;
  done_at: string | null;
}

/** One row (id 1): the charge whose receipt was printed last, for Reprint after a restart. */
export interface LastReceiptTable {
  id: number;
  charge_id: string;
  printed_at: string;
}

/** A check number held for a check being built (staff Room Found), used by the check with that request id. */
export interface CheckNumberHoldTable {
  request_id: string;
  number: string;
  created_at: string;
}
