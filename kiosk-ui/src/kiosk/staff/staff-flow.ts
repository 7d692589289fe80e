// The staff screens of seed 000 and the moves between them: order → room (number or card) → Room
// Found → posted, with Room Charge Not Available (and a credit-limit override for front desk and
// up) and Posting Failed as the ways out; Pending Room Postings from the header.
import type { ChargeView, KioskLookup } from '@roompost/sync/contract';
import type { EdgeError } from '../api/edge-error.js';
import type { MessageKey } from '../i18n/i18n.js';

export type StaffFlow =
  | { screen: 'order' }
  | { screen: 'room'; notice: EdgeError | null }
  | { screen: 'found'; lookup: KioskLookup }
  | { screen: 'unavailable'; lookup: KioskLookup | null; error: EdgeError }
  | { screen: 'sign'; lookup: KioskLookup; overrideReason: string | null; back: SignBack }
  | { screen: 'charged'; charge: ChargeView }
  | { screen: 'pending' }
  | { screen: 'service' }
  | { screen: 'today' }
  | { screen: 'instruction'; message: MessageKey };

/** Where Back on the signature screen returns to. */
export type SignBack = Extract<StaffFlow, { screen: 'found' | 'unavailable' }>;

export type StaffFlowAction =
  | { type: 'start-over' }
  | { type: 'charge-to-room' }
  /** `totalMinor`: the check's total now, checked against the credit left before Room Found. */
  | { type: 'looked-up'; lookup: KioskLookup; totalMinor?: number | null }
  /** The check's total changed (a tip) while the guest is on screen: the credit is checked again. */
  | { type: 'total-changed'; totalMinor: number }
  | { type: 'lookup-failed'; error: EdgeError }
  | { type: 'charged'; charge: ChargeView }
  | { type: 'charge-refused'; error: EdgeError }
  | { type: 'charge-updated'; charge: ChargeView }
  | { type: 'show-pending' }
  | { type: 'show-service' }
  | { type: 'show-today' }
  | { type: 'sign'; overrideReason: string | null }
  | { type: 'sign-back' }
  | { type: 'instruction'; message: MessageKey };

export const initialStaffFlow: StaffFlow = { screen: 'order' };

/** Lookup errors worth another try on the same screen (typo in the room number, card not linked). */
const RETRY_ON_SCREEN = new Set(['ROOM_NOT_FOUND', 'CREDENTIAL_NOT_FOUND', 'VALIDATION_FAILED']);

export function staffFlowReducer(flow: StaffFlow, action: StaffFlowAction): StaffFlow {
  switch (action.type) {
    case 'start-over':
      return initialStaffFlow;
    case 'charge-to-room':
      return { screen: 'room', notice: null };
    case 'looked-up': {
      if (flow.screen !== 'room') return flow;
      const over = overCredit(action.lookup, action.totalMinor ?? null);
      if (over) return over;
      return action.lookup.chargesAllowed
        ? { screen: 'found', lookup: action.lookup }
        : {
            screen: 'unavailable',
            lookup: action.lookup,
            error: {
              code: action.lookup.restriction?.code ?? 'CHARGES_BLOCKED',
              message: action.lookup.restriction?.reason ?? 'Room charges are not allowed',
              action: '',
            },
          };
    }
    case 'total-changed':
      if (flow.screen !== 'found' && flow.screen !== 'sign') return flow;
      // Past an override (front desk, manager) the limit no longer applies to this check.
      if (flow.screen === 'sign' && flow.overrideReason !== null) return flow;
      return overCredit(flow.lookup, action.totalMinor) ?? flow;
    case 'lookup-failed':
      if (flow.screen !== 'room') return flow;
      return RETRY_ON_SCREEN.has(action.error.code)
        ? { screen: 'room', notice: action.error }
        : { screen: 'unavailable', lookup: null, error: action.error };
    case 'charged':
      return flow.screen === 'found' || flow.screen === 'unavailable' || flow.screen === 'sign'
        ? { screen: 'charged', charge: action.charge }
        : flow;
    case 'charge-refused':
      if (action.error.code === 'VERIFICATION_EXPIRED') return { screen: 'room', notice: action.error };
      if (flow.screen === 'found' || flow.screen === 'sign')
        return { screen: 'unavailable', lookup: flow.lookup, error: action.error };
      if (flow.screen === 'unavailable') return { ...flow, error: action.error };
      return flow;
    case 'charge-updated':
      if (flow.screen !== 'charged' || flow.charge.id !== action.charge.id) return flow;
      if (Date.parse(action.charge.updatedAt) < Date.parse(flow.charge.updatedAt)) return flow;
      return { screen: 'charged', charge: action.charge };
    case 'show-pending':
      return { screen: 'pending' };
    case 'show-service':
      return { screen: 'service' };
    case 'show-today':
      return { screen: 'today' };
    case 'sign':
      // Seed 000: at or above the outlet's threshold the guest signs before the charge is made.
      if (flow.screen !== 'found' && flow.screen !== 'unavailable') return flow;
      if (!flow.lookup) return flow;
      return { screen: 'sign', lookup: flow.lookup, overrideReason: action.overrideReason, back: flow };
    case 'sign-back':
      return flow.screen === 'sign' ? flow.back : flow;
    case 'instruction':
      return { screen: 'instruction', message: action.message };
  }
}

/**
 * Seed 000 "Credit Check: Verify available credit before posting", at lookup and whenever the total
 * changes, before Post, a tip or a signature: "Room charge not available" when the check is more
 * than the credit left (front desk and managers may still override it there).
 */
export function overCredit(lookup: KioskLookup, totalMinor: number | null): StaffFlow | null {
  const available = lookup.availableCreditMinor;
  if (!lookup.chargesAllowed || available === null || totalMinor === null || totalMinor <= available)
    return null;
  return {
    screen: 'unavailable',
    lookup,
    error: {
      code: 'CREDIT_EXCEEDED',
      message: 'Room credit limit exceeded',
      action: '',
    },
  };
}

/**
 * The charge was sent and the PMS never answered (POSTING_UNKNOWN): it may be on the folio or not.
 * While central reads it back (`queued`) or a manager checks the PMS folio (`failed`), it is neither
 * failed nor posted, and nothing may be collected another way (the guest could pay twice).
 */
export function outcomeUnknown(charge: ChargeView): boolean {
  return (
    charge.error?.code === 'POSTING_UNKNOWN' && (charge.status === 'queued' || charge.status === 'failed')
  );
}

/** What a charge's status reads as on the outlet's lists: an unknown outcome is "checking", not failed. */
export function statusKey(charge: ChargeView): MessageKey {
  if (outcomeUnknown(charge))
    return charge.status === 'failed' ? 'unknown.status.failed' : 'unknown.status.queued';
  return `posted.status.${charge.status}`;
}

/** Seed 000 "Posting Failed": the PMS did not take it (yet), or central cannot be reached. */
export function postingTrouble(charge: ChargeView, central: 'online' | 'offline' | 'unknown'): boolean {
  if (outcomeUnknown(charge)) return false;
  if (charge.status === 'failed' || charge.status === 'rejected' || charge.status === 'queued') return true;
  return charge.status === 'pending' && central === 'offline';
}
