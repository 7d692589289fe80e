// Seed 003 §4: a deposit is a two-phase flow. HELD is an authorisation only (no posting); CAPTURED
// credits the folio; RELEASED drops a hold; REFUNDED returns a capture (a new posting); EXPIRED ends a
// hold nobody captured in time.
import { FolioError } from '../errors.js';

export const DEPOSIT_STATES = ['HELD', 'CAPTURED', 'RELEASED', 'REFUNDED', 'EXPIRED'] as const;
export type DepositState = (typeof DEPOSIT_STATES)[number];

export const DEPOSIT_TRANSITIONS: Readonly<Record<DepositState, readonly DepositState[]>> = {
  HELD: ['CAPTURED', 'RELEASED', 'EXPIRED'],
  CAPTURED: ['REFUNDED'],
  RELEASED: [],
  REFUNDED: [],
  EXPIRED: [],
};

export function canDepositTransition(from: DepositState, to: DepositState): boolean {
  return DEPOSIT_TRANSITIONS[from].includes(to);
}

export function assertDepositTransition(depositId: string, from: DepositState, to: DepositState): void {
  if (!canDepositTransition(from, to)) {
    throw new FolioError('ILLEGAL_TRANSITION', `a ${from} deposit cannot become ${to}`, {
      depositId,
      from,
      to,
      allowed: DEPOSIT_TRANSITIONS[from],
    });
  }
}
