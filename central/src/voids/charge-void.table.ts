/**
 * One manager's void of a posted charge: queued (to be sent, or retrying) · voided (the PMS took the
 * reversal) · rejected (the PMS refused it, final) · failed (retries used up, a manager decides).
 */
export type VoidState = 'queued' | 'voided' | 'rejected' | 'failed';

export interface ChargeVoidTable {
  /** The void's own idempotency key, sent again unchanged on every retry. */
  void_id: string;
  charge_id: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  status: VoidState;
  attempts: number;
  next_attempt_at: string | null;
  pms_void_id: string | null;
  error_code: string | null;
  error_message: string | null;
  voided_at: string | null;
}

export interface VoidDatabase {
  charge_voids: ChargeVoidTable;
}
