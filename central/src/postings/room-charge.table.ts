import type { ChargeAmountColumns } from '@roompost/sync';
import type { Generated } from 'kysely';

/**
 * received: stored, not yet tried · queued: a retryable failure, next try at next_attempt_at ·
 * posted · rejected: the PMS said no, final · failed: retries used up, waits for a manager ·
 * withdrawn: the outlet took another tender (or a manager took it off the queue) before the PMS
 * held it, final: it is never posted, not even by Retry All.
 * A held charge (outlet `autoPost: false`) is 'queued' with `held_at` set and no next attempt.
 */
export type PostingState = 'received' | 'queued' | 'posted' | 'rejected' | 'failed' | 'withdrawn';

/** Seed 000 `room_charges` plus its `pms_posting_queue` columns: one row per charge id. */
export interface RoomChargeTable extends ChargeAmountColumns {
  id: string;
  device: string;
  source: 'mqtt' | 'http';
  outlet_code: string;
  check_number: string;
  room_number: string;
  stay_ref: string | null;
  guest_name: string | null;
  items_json: string;
  employee_id: string | null;
  created_at: string;
  received_at: string;
  content_hash: string;
  posting_status: PostingState;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  pms_transaction_id: string | null;
  folio_balance_minor: number | null;
  error_code: string | null;
  error_message: string | null;
  posted_at: string | null;
  /** `{ by, reason }` when staff overrode the credit limit at the outlet. */
  override_json: string | null;
  /**
   * Set while the charge is held (its outlet has `autoPost: false`): posting_status is 'queued'
   * with no next attempt, shown as `held`, until a manager posts it (then null again).
   */
  held_at: string | null;
  /** 1: the outlet accepted it against its replicated roster while central or the PMS was away. */
  stand_in: number;
  /** Set with posting_status 'withdrawn': when, who (`device:staff` or a console user) and why. */
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
  /** The withdrawal's idempotency key as the outlet minted it (null for a console withdrawal). */
  withdrawal_id: string | null;
  /**
   * Several workers on one PostgreSQL database: the worker posting this charge now, and until when its claim
   * holds (ISO time). A claim past its time (the worker died) is taken over. Null when nobody holds it.
   */
  claimed_by: string | null;
  claimed_until: string | null;
  /**
   * Of `attempts`, how many the PMS answered 429 (rate limited). A throttled request is not a failed
   * attempt: the retry limit counts `attempts - rate_limited_answers`.
   */
  rate_limited_answers: number;
}

/** Every attempt to post, kept for reconciliation ("Timeout → Retried → Success"). Append-only. */
export interface PostingAttemptTable {
  id: Generated<number>;
  charge_id: string;
  attempt: number;
  at: string;
  outcome:
    | 'posted'
    | 'rejected'
    | 'retry'
    | 'failed'
    | 'manual-retry'
    // A manager released a held charge (`POST /api/pms/queue/process`): it is posted next.
    | 'released'
    | 'withdrawn'
    // A manager's void of the posted charge and the attempts to send it (central/src/voids/).
    | 'void-requested'
    | 'void-posted'
    | 'void-retry'
    | 'void-rejected'
    | 'void-failed';
  error_code: string | null;
  error_message: string | null;
  /** Who asked for a manual action (null for the pipeline's own attempts). */
  actor: string | null;
  note: string | null;
}
