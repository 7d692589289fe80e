// The error codes that cross package and network boundaries, with the seed's message and the action
// staff should take (seed 000 "Error Codes"). The kiosk shows `action`; logs and tests use `code`.
// The folio engine's codes are defined once, in folio/src/errors.ts, and join the catalog here.

import { FOLIO_ERRORS, type RefusalKind } from '@roompost/folio/errors';

/** The codes of sync's own contract: the message, the action and the HTTP status an API answers with. */
const CONTRACT_ERRORS = {
  CONNECTION_FAILED: {
    message: 'Unable to connect to PMS',
    action: 'Add to queue or collect payment',
    status: 503,
  },
  POSTING_REJECTED: {
    message: 'PMS rejected the posting',
    action: 'Review error details or contact IT',
    status: 422,
  },
  POSTING_UNKNOWN: {
    message: 'The PMS did not answer after the charge was sent',
    action: 'A manager must check the folio in the PMS before posting again',
    status: 502,
  },
  POSTING_WITHDRAWN: {
    message: 'This room charge was withdrawn and will not be posted',
    action: 'Collect payment by another tender',
    status: 409,
  },
  ALREADY_POSTED: {
    message: 'The room charge is already on the folio',
    action: 'Do not take another payment; a manager voids the room charge if the guest pays otherwise',
    status: 409,
  },
  VOID_NOT_SUPPORTED: {
    message: 'This PMS does not accept reversals from roompost',
    action: 'Post the correction in the PMS itself',
    status: 422,
  },
  OUTLET_NOT_ALLOWED: {
    message: 'This outlet may not charge to rooms',
    action: 'Collect payment by another tender',
    status: 403,
  },
  INVALID_STATE: {
    message: 'The item is not in a state that allows this',
    action: 'Reload and check its status',
    status: 409,
  },
  ENROLLMENT_REFUSED: {
    message: 'The enrollment token cannot be used',
    action: 'Ask IT for a new token (roompost-provision rotate-credentials)',
    status: 401,
  },
  PROPERTY_NOT_CONFIGURED: {
    message: 'Central has no property set up yet',
    action: 'Run roompost-central init on the central server first (docs/installation.md)',
    status: 409,
  },
  RATE_LIMITED: {
    message: 'The PMS asked us to slow down',
    action: 'It will be retried automatically',
    status: 503,
  },
  VERIFICATION_EXPIRED: {
    message: 'The guest check has expired',
    action: 'Look up the room or tap the card again',
    status: 410,
  },
  // staff sign-in and seed 000's permission table (edge staff mode)
  UNAUTHENTICATED: {
    message: 'Sign-in required',
    action: 'Sign in (a staff PIN at the outlet; user name and password for the back office) and try again',
    status: 401,
  },
  FORBIDDEN: { message: 'Your role may not do this', action: 'Ask a manager to do it', status: 403 },
  SIGN_IN_LOCKED: {
    message: 'Too many wrong PINs on this terminal',
    action: 'Wait a few minutes, then sign in again',
    status: 429,
  },
  // central's HTTP API sign-in: unknown user and wrong password answer the same
  SIGN_IN_FAILED: {
    message: 'Wrong user name or password',
    action: 'Check both and try again; repeated failures lock the user for a few minutes',
    status: 401,
  },
  // the offline stand-in (DESIGN "Offline stand-in"): central or the PMS is unreachable
  OFFLINE_LIMIT_EXCEEDED: {
    message: 'Room charges are limited while the hotel system is offline',
    action: 'Collect payment by card or call the front desk',
    status: 409,
  },
  // staff proofs (central checks who did an override, a void or a custom price) and guest screens
  STAFF_PROOF_REQUIRED: {
    message: 'This needs a signed-in staff member that central has confirmed',
    action: 'Sign in again while central is reachable, then try again',
    status: 401,
  },
  STAFF_PROOF_INVALID: {
    message: 'The staff proof is forged, expired, from another device or names someone else',
    action: 'Sign in again on this terminal, then try again',
    status: 403,
  },
  SCREEN_NOT_PAIRED: {
    message: 'Only the outlet screen itself may do this',
    action: 'Use the kiosk screen of this outlet',
    status: 401,
  },
  SECOND_FACTOR_REQUIRED: {
    message: 'This outlet signs staff in with a PIN and a staff badge',
    action: 'Tap your staff badge on the reader, then enter your PIN',
    status: 401,
  },
  LOOKUP_THROTTLED: {
    message: 'Too many guest lookups from this screen',
    action: 'Wait a minute, then try again or ask staff',
    status: 429,
  },
  PAYLOAD_TOO_LARGE: {
    message: 'The request body is too large',
    action: 'Send a smaller request',
    status: 413,
  },
  UNSUPPORTED_MEDIA_TYPE: {
    message: 'The request body is not JSON',
    action: 'Send the body as application/json',
    status: 415,
  },
  // central's admission of a charge: what it knows about the device, the outlet and the amounts
  AMOUNT_OUT_OF_RANGE: {
    message: 'An amount is zero, negative, too large, or past what can be counted exactly',
    action: 'Check the amounts; split a very large charge or post it at the front desk',
    status: 422,
  },
  CATALOG_MISMATCH: {
    message: "An item does not match the outlet's menu at central",
    action: 'Wait for the menu to update at the outlet, then charge again',
    status: 409,
  },
  DEVICE_NOT_ALLOWED: {
    message: 'This device may not do this',
    action: 'Use a staff terminal of this outlet, or contact IT',
    status: 403,
  },
  CLOCK_SKEW: {
    message: "The charge's time is too far from central's clock",
    action: "Contact IT: check the outlet device's clock",
    status: 422,
  },
  INTERNAL: { message: 'Internal error', action: 'Try again; if it persists contact IT', status: 500 },
  // an external MQTT broker whose accounts central manages (docs/scale-out.md)
  BROKER_UNAVAILABLE: {
    message: 'The MQTT broker did not apply the device account change',
    action: 'Check that the broker is running and central may administer it, then try again',
    status: 503,
  },
  // e-mail of an invoice through the property's SMTP relay (central config emailRelay)
  EMAIL_NOT_CONFIGURED: {
    message: 'No SMTP relay is configured for e-mail',
    action: 'Print or download the invoice, or ask IT to set emailRelay in central.json',
    status: 409,
  },
  EMAIL_NOT_SENT: {
    message: 'The SMTP relay did not accept the e-mail',
    action: 'Check the address and try again; print or download the invoice meanwhile',
    status: 502,
  },
} as const satisfies Record<string, { message: string; action: string; status: number }>;

/** The HTTP status of each kind of folio refusal (folio knows kinds, not HTTP). */
const KIND_STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
};

const folioErrors = Object.fromEntries(
  Object.entries(FOLIO_ERRORS).map(([code, e]) => [
    code,
    { message: e.message, action: e.action, status: KIND_STATUS[e.kind] },
  ]),
) as { [C in keyof typeof FOLIO_ERRORS]: { message: string; action: string; status: number } };

/** Every code that crosses a package or network boundary: the folio engine's, then sync's own. */
export const ERROR_CATALOG = { ...folioErrors, ...CONTRACT_ERRORS };

export type ErrorCode = keyof typeof ERROR_CATALOG;

export const ERROR_CODES = Object.keys(ERROR_CATALOG) as [ErrorCode, ...ErrorCode[]];

export function errorAction(code: ErrorCode): string {
  return ERROR_CATALOG[code].action;
}

/** The HTTP status an API answers a contract error with (edge and central alike). */
export const HTTP_STATUS = Object.fromEntries(
  Object.entries(ERROR_CATALOG).map(([code, e]) => [code, e.status]),
) as Record<ErrorCode, number>;

/** The JSON body of every API error: `{ code, message, action, field? }`. */
export function apiErrorBody(code: ErrorCode, message?: string, field?: string) {
  return {
    code,
    message: message ?? ERROR_CATALOG[code].message,
    action: ERROR_CATALOG[code].action,
    ...(field === undefined ? {} : { field }),
  };
}
