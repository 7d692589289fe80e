import type { DepositState } from './deposit-state.js';

export type DepositType = 'BOOKING_DEPOSIT' | 'CHECKIN_ADVANCE' | 'SECURITY_DEPOSIT';

export interface DepositPolicyTable {
  id: string;
  code: string;
  type: DepositType;
  /** Exactly one of fixed_minor and percent (of the stay's total) is set. */
  fixed_minor: number | null;
  percent: string | null;
  /** A hold not captured within this many hours expires. */
  expiry_hours: number;
}

/** A deposit: a hold first (not a posting), then captured into the folio, released, refunded or expired. */
export interface DepositTable {
  id: string;
  reservation_id: string;
  policy_id: string | null;
  type: DepositType;
  state: DepositState;
  amount_minor: number;
  currency: string;
  method: string;
  reference: string | null;
  expires_at: string;
  held_at: string;
  held_by: string;
  /** When and by whom it was captured, released or expired. */
  settled_at: string | null;
  settled_by: string | null;
  refunded_at: string | null;
  refunded_by: string | null;
  /** The DEPOSIT credit on the folio; null while captured before check-in (applied at check-in). */
  deposit_posting_id: string | null;
  refund_posting_id: string | null;
}
