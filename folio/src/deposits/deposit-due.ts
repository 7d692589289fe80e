// What a reservation's deposit policy asks (seed 003 §4 "configurable policies: amount"), and how much of it
// the deposits already held or captured cover. A changed stay (reservation-change.service.ts) asks for the
// policy on its new total: a top-up when it costs more. When it costs less the deposits stay as they are:
// nothing is released or refunded by a change; the excess credits the folio at check-in, or a manager
// releases or refunds it explicitly. Pure.
import { asMinorUnits, type MinorUnits, percentOfMinor } from '../money/index.js';

export interface DepositPolicyTerms {
  code: string;
  fixed_minor: number | null;
  percent: string | null;
}

/** The policy on a stay total: its fixed amount, else its percentage rounded half-up; 0 without either. */
export function policyDueMinor(policy: DepositPolicyTerms, stayTotalMinor: number): MinorUnits {
  if (policy.fixed_minor !== null) return asMinorUnits(policy.fixed_minor);
  return asMinorUnits(percentOfMinor(stayTotalMinor, policy.percent ?? '0', 'HALF_UP'));
}

export interface DepositCover {
  /** What the policy asks on the stay total. */
  dueMinor: MinorUnits;
  /** Held and captured deposits against the stay. */
  coveredMinor: MinorUnits;
  /** What is still to take (due − covered, never below 0). */
  topUpMinor: MinorUnits;
  /** What the deposits hold beyond the due (covered − due, never below 0): kept, never refunded here. */
  excessMinor: MinorUnits;
}

export function depositCover(dueMinor: number, coveredMinor: number): DepositCover {
  return {
    dueMinor: asMinorUnits(dueMinor),
    coveredMinor: asMinorUnits(coveredMinor),
    topUpMinor: asMinorUnits(Math.max(0, dueMinor - coveredMinor)),
    excessMinor: asMinorUnits(Math.max(0, coveredMinor - dueMinor)),
  };
}
