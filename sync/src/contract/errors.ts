// The error codes that cross package and network boundaries, with the seed's message and the action
// staff should take (seed 000 "Error Codes"). The kiosk shows `action`; logs and tests use `code`.

export const ERROR_CATALOG = {
  ROOM_NOT_FOUND: { message: 'Room number not found in PMS', action: 'Verify room number with guest' },
  CREDENTIAL_NOT_FOUND: {
    message: 'Key card is not linked to an in-house stay',
    action: 'Enter the room number or ask the front desk to re-encode the card',
  },
  GUEST_CHECKED_OUT: { message: 'Guest has already checked out', action: 'Collect payment by card' },
  CREDIT_EXCEEDED: { message: 'Room credit limit exceeded', action: 'Collect payment or contact front desk' },
  CHARGES_BLOCKED: { message: 'Room charges are blocked', action: 'Contact front desk for authorization' },
  CONNECTION_FAILED: { message: 'Unable to connect to PMS', action: 'Add to queue or collect payment' },
  POSTING_REJECTED: { message: 'PMS rejected the posting', action: 'Review error details or contact IT' },
  POSTING_UNKNOWN: {
    message: 'The PMS did not answer after the charge was sent',
    action: 'A manager must check the folio in the PMS before posting again',
  },
  POSTING_WITHDRAWN: {
    message: 'This room charge was withdrawn and will not be posted',
    action: 'Collect payment by another tender',
  },
  ALREADY_POSTED: {
    message: 'The room charge is already on the folio',
    action: 'Do not take another payment; a manager voids the room charge if the guest pays otherwise',
  },
  VOID_NOT_SUPPORTED: {
    message: 'This PMS does not accept reversals from roompost',
    action: 'Post the correction in the PMS itself',
  },
  OUTLET_NOT_ALLOWED: {
    message: 'This outlet may not charge to rooms',
    action: 'Collect payment by another tender',
  },
  ALREADY_EXISTS: {
    message: 'Something with this code or number already exists',
    action: 'Use another code or number, or leave the existing one as it is',
  },
  INVALID_STATE: {
    message: 'The item is not in a state that allows this',
    action: 'Reload and check its status',
  },
  ENROLLMENT_REFUSED: {
    message: 'The enrollment token cannot be used',
    action: 'Ask IT for a new token (roompost-provision rotate-credentials)',
  },
  PROPERTY_NOT_CONFIGURED: {
    message: 'Central has no property set up yet',
    action: 'Run roompost-central init on the central server first (docs/installation.md)',
  },
  RATE_LIMITED: { message: 'The PMS asked us to slow down', action: 'It will be retried automatically' },
  IDEMPOTENCY_CONFLICT: {
    message: 'A charge with this id was already received with different content',
    action: 'Contact IT: the outlet sent two different charges under one id',
  },
  VERIFICATION_EXPIRED: {
    message: 'The guest check has expired',
    action: 'Look up the room or tap the card again',
  },
  VALIDATION_FAILED: { message: 'The request is not valid', action: 'Correct the named field and try again' },
  NOT_FOUND: { message: 'Not found', action: 'Check the id' },
  // folio engine: reservations, deposits, folio operations, payments, checkout (issue #3)
  ILLEGAL_TRANSITION: {
    message: 'This step is not allowed from the current status',
    action: 'Check the reservation or deposit status first',
  },
  ROOM_UNAVAILABLE: {
    message: 'The room is taken for these dates',
    action: 'Choose other dates or another room',
  },
  FOLIO_CLOSED: { message: 'The folio is closed', action: 'Post to an open folio window' },
  CORRECTION_NOT_ALLOWED: {
    message: 'This posting cannot be corrected this way',
    action: 'Void on the same business date, otherwise post an adjustment',
  },
  REFUND_EXCEEDS_PAID: {
    message: 'The refund exceeds what was paid',
    action: 'Refund at most the amount paid',
  },
  BALANCE_NOT_SETTLED: {
    message: 'The folio balance is not zero',
    action: 'Collect payment or refund the credit before checking out',
  },
  // folio engine: taxes and invoices (issue #3)
  NOTHING_TO_INVOICE: {
    message: 'The folio has no charges that are not already invoiced',
    action: 'Post the charges first, or open the invoice already issued',
  },
  INVOICE_ALREADY_FINALIZED: {
    message: 'These charges are already on a finalized invoice',
    action: 'Open the finalized invoice; to change it, issue a credit note',
  },
  INVOICE_ALREADY_CREDITED: {
    message: 'This invoice already has a credit note',
    action: 'Open the credit note; issue a new invoice for the corrected charges',
  },
  // folio engine: surcharge/discount rules and night audit (issue #4)
  RULE_OVERLAP: {
    message: 'A rule of the same kind already applies to these dates or room types',
    action: 'Change the dates or room types, or deactivate the other rule first',
  },
  PROMO_NOT_VALID: {
    message: 'The promo code is unknown, outside its validity or used up',
    action: 'Check the code and its dates; a used-up code cannot be redeemed again',
  },
  AUDIT_DATE_MISMATCH: {
    message: 'Night audit runs only for the current business date',
    action: 'Reload the business date and run the audit for it',
  },
  AUDIT_BLOCKED: {
    message: 'Room charges of this business date are not posted yet',
    action: 'Post or withdraw the queued charges, or have a manager override with a reason',
  },
  AUDIT_UNPRICED_STAYS: {
    message: 'Some in-house stays have no rate for this night; the business date was not rolled',
    action: 'Give them a rate (a walk-in rate plan, a rate for the date, a reservation night) and run again',
  },
  // staff sign-in and seed 000's permission table (edge staff mode)
  UNAUTHENTICATED: {
    message: 'Sign-in required',
    action: 'Sign in (a staff PIN at the outlet; user name and password for the back office) and try again',
  },
  FORBIDDEN: { message: 'Your role may not do this', action: 'Ask a manager to do it' },
  SIGN_IN_LOCKED: {
    message: 'Too many wrong PINs on this terminal',
    action: 'Wait a few minutes, then sign in again',
  },
  // central's HTTP API sign-in (issue #8): unknown user and wrong password answer the same
  SIGN_IN_FAILED: {
    message: 'Wrong user name or password',
    action: 'Check both and try again; repeated failures lock the user for a few minutes',
  },
  // the offline stand-in (DESIGN "Offline stand-in"): central or the PMS is unreachable
  OFFLINE_LIMIT_EXCEEDED: {
    message: 'Room charges are limited while the hotel system is offline',
    action: 'Collect payment by card or call the front desk',
  },
  // staff proofs (central checks who did an override, a void or a custom price) and guest screens
  STAFF_PROOF_REQUIRED: {
    message: 'This needs a signed-in staff member that central has confirmed',
    action: 'Sign in again while central is reachable, then try again',
  },
  STAFF_PROOF_INVALID: {
    message: 'The staff proof is forged, expired, from another device or names someone else',
    action: 'Sign in again on this terminal, then try again',
  },
  SCREEN_NOT_PAIRED: {
    message: 'Only the outlet screen itself may do this',
    action: 'Use the kiosk screen of this outlet',
  },
  LOOKUP_THROTTLED: {
    message: 'Too many guest lookups from this screen',
    action: 'Wait a minute, then try again or ask staff',
  },
  PAYLOAD_TOO_LARGE: { message: 'The request body is too large', action: 'Send a smaller request' },
  UNSUPPORTED_MEDIA_TYPE: {
    message: 'The request body is not JSON',
    action: 'Send the body as application/json',
  },
  // central's admission of a charge: what it knows about the device, the outlet and the amounts
  AMOUNT_OUT_OF_RANGE: {
    message: 'An amount is zero, negative, too large, or past what can be counted exactly',
    action: 'Check the amounts; split a very large charge or post it at the front desk',
  },
  CATALOG_MISMATCH: {
    message: "An item does not match the outlet's menu at central",
    action: 'Wait for the menu to update at the outlet, then charge again',
  },
  DEVICE_NOT_ALLOWED: {
    message: 'This device may not do this',
    action: 'Use a staff terminal of this outlet, or contact IT',
  },
  CLOCK_SKEW: {
    message: "The charge's time is too far from central's clock",
    action: "Contact IT: check the outlet device's clock",
  },
  INTERNAL: { message: 'Internal error', action: 'Try again; if it persists contact IT' },
  // an external MQTT broker whose accounts central manages (docs/scale-out.md)
  BROKER_UNAVAILABLE: {
    message: 'The MQTT broker did not apply the device account change',
    action: 'Check that the broker is running and central may administer it, then try again',
  },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export const ERROR_CODES = Object.keys(ERROR_CATALOG) as [ErrorCode, ...ErrorCode[]];

export function errorAction(code: ErrorCode): string {
  return ERROR_CATALOG[code].action;
}

/** The HTTP status an API answers a contract error with (edge and central alike). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  ROOM_NOT_FOUND: 404,
  CREDENTIAL_NOT_FOUND: 404,
  NOT_FOUND: 404,
  GUEST_CHECKED_OUT: 409,
  CHARGES_BLOCKED: 409,
  CREDIT_EXCEEDED: 409,
  IDEMPOTENCY_CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  ROOM_UNAVAILABLE: 409,
  FOLIO_CLOSED: 409,
  CORRECTION_NOT_ALLOWED: 409,
  REFUND_EXCEEDS_PAID: 422,
  BALANCE_NOT_SETTLED: 409,
  NOTHING_TO_INVOICE: 422,
  INVOICE_ALREADY_FINALIZED: 409,
  INVOICE_ALREADY_CREDITED: 409,
  RULE_OVERLAP: 409,
  PROMO_NOT_VALID: 422,
  AUDIT_DATE_MISMATCH: 409,
  AUDIT_BLOCKED: 409,
  AUDIT_UNPRICED_STAYS: 409,
  VERIFICATION_EXPIRED: 410,
  POSTING_REJECTED: 422,
  POSTING_UNKNOWN: 502,
  POSTING_WITHDRAWN: 409,
  ALREADY_POSTED: 409,
  INVALID_STATE: 409,
  ALREADY_EXISTS: 409,
  VOID_NOT_SUPPORTED: 422,
  OUTLET_NOT_ALLOWED: 403,
  ENROLLMENT_REFUSED: 401,
  PROPERTY_NOT_CONFIGURED: 409,
  RATE_LIMITED: 503,
  CONNECTION_FAILED: 503,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SIGN_IN_LOCKED: 429,
  SIGN_IN_FAILED: 401,
  OFFLINE_LIMIT_EXCEEDED: 409,
  STAFF_PROOF_REQUIRED: 401,
  STAFF_PROOF_INVALID: 403,
  SCREEN_NOT_PAIRED: 401,
  LOOKUP_THROTTLED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  AMOUNT_OUT_OF_RANGE: 422,
  CATALOG_MISMATCH: 409,
  DEVICE_NOT_ALLOWED: 403,
  CLOCK_SKEW: 422,
  INTERNAL: 500,
  BROKER_UNAVAILABLE: 503,
};

/** The JSON body of every API error: `{ code, message, action, field? }`. */
export function apiErrorBody(code: ErrorCode, message?: string, field?: string) {
  return {
    code,
    message: message ?? ERROR_CATALOG[code].message,
    action: ERROR_CATALOG[code].action,
    ...(field === undefined ? {} : { field }),
  };
}
