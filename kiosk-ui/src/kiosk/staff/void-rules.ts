// Void of a charge (seed 000: manager and admin, with a reason): which rows offer Void, what a
// reason must be, and what to say when the edge refuses. The edge checks all of it again.
import type { ChargeView } from '@roompost/sync/contract';
import { VOID_REASON_MAX, VOID_REASON_MIN } from '@roompost/sync/limits';

/**
 * Only a posted charge can be voided (the edge reverses it in the PMS through central). One not on a
 * folio yet is withdrawn from the queue in the console instead; voided and rejected ones are final.
 */
export function voidable(charge: Pick<ChargeView, 'status'>): boolean {
  return charge.status === 'posted';
}

/** The contract's limits, the ones the edge and central check again. */
export { VOID_REASON_MAX, VOID_REASON_MIN };

export function voidReasonOk(reason: string): boolean {
  const r = reason.trim();
  return r.length >= VOID_REASON_MIN && r.length <= VOID_REASON_MAX;
}

/** Typing on the letter keyboard: the first letter upper case, the rest as typed in lower case. */
export function typeReason(reason: string, key: string): string {
  if (reason.length >= VOID_REASON_MAX) return reason;
  return reason === '' ? key : reason + key.toLowerCase();
}
