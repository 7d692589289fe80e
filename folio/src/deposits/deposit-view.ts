import { asMinorUnits, type MinorUnits } from '../money/index.js';
import type { DepositRow } from './deposit.repository.js';
import type { DepositType } from './deposit.table.js';
import type { DepositState } from './deposit-state.js';

export interface DepositView {
  id: string;
  reservationId: string;
  type: DepositType;
  state: DepositState;
  amountMinor: MinorUnits;
  currency: string;
  method: string;
  reference: string | null;
  expiresAt: string;
  heldAt: string;
  heldBy: string;
  settledAt: string | null;
  settledBy: string | null;
  refundedAt: string | null;
  refundedBy: string | null;
  /** The DEPOSIT credit on the folio; null while held, or captured before check-in. */
  depositPostingId: string | null;
  refundPostingId: string | null;
}

export function toDepositView(row: DepositRow): DepositView {
  return {
    id: row.id,
    reservationId: row.reservation_id,
    type: row.type,
    state: row.state,
    amountMinor: asMinorUnits(row.amount_minor),
    currency: row.currency,
    method: row.method,
    reference: row.reference,
    expiresAt: row.expires_at,
    heldAt: row.held_at,
    heldBy: row.held_by,
    settledAt: row.settled_at,
    settledBy: row.settled_by,
    refundedAt: row.refunded_at,
    refundedBy: row.refunded_by,
    depositPostingId: row.deposit_posting_id,
    refundPostingId: row.refund_posting_id,
  };
}
