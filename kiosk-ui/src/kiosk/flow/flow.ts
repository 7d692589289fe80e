// The kiosk's screens and the moves between them (seed 000 "Room Charge Flow", guest self-service):
// order → identify (tap card or type room + last name) → guest → charged, with "not available"
// and its instruction screens as the way out when the room cannot be charged.
import type { ChargeView, KioskEvents, KioskLookup } from '@roompost/sync/contract';
import {
  isRetryableLookupError,
  type Problem,
  problemFromApiError,
  problemFromRestriction,
} from './problem.js';

export type Choice = 'pay-by-card' | 'call-front-desk';

export type Flow =
  | { screen: 'order' }
  | { screen: 'identify'; notice: Problem | null }
  | { screen: 'room-entry'; notice: Problem | null }
  | { screen: 'guest'; lookup: KioskLookup }
  | { screen: 'charged'; charge: ChargeView }
  | { screen: 'unavailable'; problem: Problem; lookup: KioskLookup | null }
  | { screen: 'instruction'; choice: Choice; nothingCharged: boolean };

export type FlowAction =
  /** Back to the item tiles; the app also empties the cart. */
  | { type: 'start-over' }
  /** Back to the item tiles keeping the cart (Cancel on the guest screen). */
  | { type: 'back-to-order' }
  | { type: 'charge-to-room' }
  | { type: 'enter-room' }
  | { type: 'use-card' }
  | { type: 'tapped'; result: KioskEvents['tap'] }
  | { type: 'looked-up'; lookup: KioskLookup }
  | { type: 'lookup-failed'; problem: Problem }
  | { type: 'charged'; charge: ChargeView }
  | { type: 'charge-failed'; problem: Problem }
  | { type: 'charge-updated'; charge: ChargeView }
  | { type: 'chose'; choice: Choice };

export const initialFlow: Flow = { screen: 'order' };

export function flowReducer(flow: Flow, action: FlowAction): Flow {
  switch (action.type) {
    case 'start-over':
    case 'back-to-order':
      return flow.screen === 'order' ? flow : initialFlow;
    case 'charge-to-room':
      return flow.screen === 'order' ? { screen: 'identify', notice: null } : flow;
    case 'enter-room':
      return flow.screen === 'identify' ? { screen: 'room-entry', notice: null } : flow;
    case 'use-card':
      return flow.screen === 'room-entry' ? { screen: 'identify', notice: null } : flow;
    case 'tapped':
      // A card only counts while the kiosk is asking for one; a stray tap elsewhere is ignored.
      if (!isIdentifying(flow)) return flow;
      return action.result.ok
        ? afterLookup(action.result.lookup)
        : afterLookupError(flow, problemFromApiError(action.result.error));
    case 'looked-up':
      return isIdentifying(flow) ? afterLookup(action.lookup) : flow;
    case 'lookup-failed':
      return isIdentifying(flow) ? afterLookupError(flow, action.problem) : flow;
    case 'charged':
      return flow.screen === 'guest' ? { screen: 'charged', charge: action.charge } : flow;
    case 'charge-failed':
      if (flow.screen !== 'guest') return flow;
      if (action.problem.code === 'VERIFICATION_EXPIRED')
        return { screen: 'identify', notice: action.problem };
      return { screen: 'unavailable', problem: action.problem, lookup: flow.lookup };
    case 'charge-updated':
      if (flow.screen !== 'charged' || flow.charge.id !== action.charge.id) return flow;
      // Events and polls can arrive out of order: never step back to an older state.
      if (Date.parse(action.charge.updatedAt) < Date.parse(flow.charge.updatedAt)) return flow;
      return { screen: 'charged', charge: action.charge };
    case 'chose':
      if (flow.screen !== 'unavailable') return flow;
      // The charge may be stored (its answer was lost): paying by card as well could charge twice,
      // so only staff, who can see the outlet's charges, decide.
      if (action.choice === 'pay-by-card' && !flow.problem.nothingCharged) return flow;
      return { screen: 'instruction', choice: action.choice, nothingCharged: flow.problem.nothingCharged };
  }
}

function isIdentifying(flow: Flow): flow is Extract<Flow, { screen: 'identify' | 'room-entry' }> {
  return flow.screen === 'identify' || flow.screen === 'room-entry';
}

function afterLookup(lookup: KioskLookup): Flow {
  if (lookup.chargesAllowed) return { screen: 'guest', lookup };
  return { screen: 'unavailable', problem: problemFromRestriction(lookup), lookup };
}

function afterLookupError(
  flow: Extract<Flow, { screen: 'identify' | 'room-entry' }>,
  problem: Problem,
): Flow {
  if (isRetryableLookupError(problem.code)) return { screen: flow.screen, notice: problem };
  return { screen: 'unavailable', problem, lookup: null };
}

/** Posted and rejected are where a charge ends; the screen stops asking after them. */
export function isFinalStatus(status: ChargeView['status']): boolean {
  return status === 'posted' || status === 'rejected';
}
