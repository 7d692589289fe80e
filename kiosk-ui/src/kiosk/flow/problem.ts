// Why a room charge cannot go ahead, as the "Room charge not available" screen shows it (seed 000
// "Charge Restrictions" and "Error Codes"): the message and the action come from the edge.
import type { KioskLookup } from '@roompost/sync/contract';
import { ERROR_CATALOG, type ErrorCode } from '@roompost/sync/errors';

/** The codes seed 000 words itself; for any other code the edge's own message is the reason. */
const SEED_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'ROOM_NOT_FOUND',
  'GUEST_CHECKED_OUT',
  'CREDIT_EXCEEDED',
  'CHARGES_BLOCKED',
  'CONNECTION_FAILED',
  'POSTING_REJECTED',
]);

import type { EdgeError } from '../api/edge-error.js';

export interface Problem {
  /** A seed error code from the edge, or a kiosk-side one when the edge could not be reached. */
  code: EdgeError['code'] | 'EDGE_UNREACHABLE' | 'NOT_CONFIRMED';
  /** The reason, in the seed's words where the seed has the code. */
  message: string;
  /** The edge's more specific wording, when it says more than `message`. */
  detail: string | null;
  action: string;
  /**
   * false only when the kiosk lost the answer to "create the check": the edge may have stored it,
   * so the screen must not tell the guest that nothing was charged.
   */
  nothingCharged: boolean;
}

export function problemFromApiError(error: EdgeError): Problem {
  return {
    code: error.code,
    ...reason(error.code, error.message),
    action: error.action,
    nothingCharged: true,
  };
}

function reason(code: EdgeError['code'], edgeMessage: string): { message: string; detail: string | null } {
  const message = SEED_CODES.has(code) ? ERROR_CATALOG[code as ErrorCode].message : edgeMessage;
  const detail = edgeMessage.trim().toLowerCase() === message.toLowerCase() ? null : edgeMessage;
  return { message, detail };
}

/** A lookup that found the guest but says charges are not allowed (no-post, credit limit…). */
export function problemFromRestriction(lookup: KioskLookup): Problem {
  const restriction = lookup.restriction;
  const code = restriction?.code ?? 'CHARGES_BLOCKED';
  return {
    code,
    ...reason(code, restriction?.reason ?? 'Room charges are not allowed for this room'),
    action: ERROR_CATALOG[code].action,
    nothingCharged: true,
  };
}

/** The edge itself did not answer a lookup: nothing was sent to the hotel. */
export const edgeUnreachable: Problem = {
  code: 'EDGE_UNREACHABLE',
  message: 'The kiosk cannot reach its service',
  detail: null,
  action: 'Please pay at the bar or call the front desk',
  nothingCharged: true,
};

/** The answer to "create the check" was lost: the charge may or may not be stored. */
export const chargeNotConfirmed: Problem = {
  code: 'NOT_CONFIRMED',
  message: 'The kiosk could not confirm this charge',
  detail: null,
  action: 'Please ask the bar staff to check it before paying another way',
  nothingCharged: false,
};

/**
 * Codes where the guest can simply try again on the same screen (a mistyped room, a card that is
 * not linked, an expired check) rather than being sent to the dead end of "not available".
 */
export function isRetryableLookupError(code: Problem['code']): boolean {
  return (
    code === 'ROOM_NOT_FOUND' ||
    code === 'CREDENTIAL_NOT_FOUND' ||
    code === 'VALIDATION_FAILED' ||
    code === 'VERIFICATION_EXPIRED'
  );
}
