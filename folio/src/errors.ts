// The folio engine's one error class and its codes. A folio code is defined here once: its message,
// the action staff should take and what kind of refusal it is. sync's contract takes the catalog as
// it is (`ERROR_CATALOG`), and each service's HTTP edge turns the kind into a status, so central
// hands folio codes to outlets and API clients unchanged. Seed 000 "Error Codes" define the first
// five; seed 003/004 the billing ones.

/** What kind of refusal a code is; the services' HTTP edges map it to a status. */
export type RefusalKind = 'invalid' | 'not-found' | 'conflict' | 'unprocessable';

interface FolioErrorEntry {
  readonly message: string;
  readonly action: string;
  readonly kind: RefusalKind;
}

export const FOLIO_ERRORS = {
  ROOM_NOT_FOUND: {
    message: 'Room number not found in PMS',
    action: 'Verify room number with guest',
    kind: 'not-found',
  },
  CREDENTIAL_NOT_FOUND: {
    message: 'Key card is not linked to an in-house stay',
    action: 'Enter the room number or ask the front desk to re-encode the card',
    kind: 'not-found',
  },
  GUEST_CHECKED_OUT: {
    message: 'Guest has already checked out',
    action: 'Collect payment by card',
    kind: 'conflict',
  },
  CREDIT_EXCEEDED: {
    message: 'Room credit limit exceeded',
    action: 'Collect payment or contact front desk',
    kind: 'conflict',
  },
  CHARGES_BLOCKED: {
    message: 'Room charges are blocked',
    action: 'Contact front desk for authorization',
    kind: 'conflict',
  },
  IDEMPOTENCY_CONFLICT: {
    message: 'A charge with this id was already received with different content',
    action: 'Contact IT: the outlet sent two different charges under one id',
    kind: 'conflict',
  },
  VALIDATION_FAILED: {
    message: 'The request is not valid',
    action: 'Correct the named field and try again',
    kind: 'invalid',
  },
  NOT_FOUND: { message: 'Not found', action: 'Check the id', kind: 'not-found' },
  // setup: a room type code or room number that is taken
  ALREADY_EXISTS: {
    message: 'Something with this code or number already exists',
    action: 'Use another code or number, or leave the existing one as it is',
    kind: 'conflict',
  },
  // reservations, deposits, folio operations, payments, checkout (seed 003/004)
  ILLEGAL_TRANSITION: {
    message: 'This step is not allowed from the current status',
    action: 'Check the reservation or deposit status first',
    kind: 'conflict',
  },
  ROOM_UNAVAILABLE: {
    message: 'The room is taken for these dates',
    action: 'Choose other dates or another room',
    kind: 'conflict',
  },
  FOLIO_CLOSED: { message: 'The folio is closed', action: 'Post to an open folio window', kind: 'conflict' },
  CORRECTION_NOT_ALLOWED: {
    message: 'This posting cannot be corrected this way',
    action: 'Void on the same business date, otherwise post an adjustment',
    kind: 'conflict',
  },
  REFUND_EXCEEDS_PAID: {
    message: 'The refund exceeds what was paid',
    action: 'Refund at most the amount paid',
    kind: 'unprocessable',
  },
  BALANCE_NOT_SETTLED: {
    message: 'The folio balance is not zero',
    action: 'Collect payment or refund the credit before checking out',
    kind: 'conflict',
  },
  // taxes and invoices
  NOTHING_TO_INVOICE: {
    message: 'The folio has no charges that are not already invoiced',
    action: 'Post the charges first, or open the invoice already issued',
    kind: 'unprocessable',
  },
  INVOICE_ALREADY_FINALIZED: {
    message: 'These charges are already on a finalized invoice',
    action: 'Open the finalized invoice; to change it, issue a credit note',
    kind: 'conflict',
  },
  INVOICE_ALREADY_CREDITED: {
    message: 'This invoice already has a credit note',
    action: 'Open the credit note; issue a new invoice for the corrected charges',
    kind: 'conflict',
  },
  // surcharge/discount rules and night audit
  RULE_OVERLAP: {
    message: 'A rule of the same kind already applies to these dates or room types',
    action: 'Change the dates or room types, or deactivate the other rule first',
    kind: 'conflict',
  },
  PROMO_NOT_VALID: {
    message: 'The promo code is unknown, outside its validity or used up',
    action: 'Check the code and its dates; a used-up code cannot be redeemed again',
    kind: 'unprocessable',
  },
  AUDIT_DATE_MISMATCH: {
    message: 'Night audit runs only for the current business date',
    action: 'Reload the business date and run the audit for it',
    kind: 'conflict',
  },
  AUDIT_BLOCKED: {
    message: 'Room charges of this business date are not posted yet',
    action: 'Post or withdraw the queued charges, or have a manager override with a reason',
    kind: 'conflict',
  },
  AUDIT_UNPRICED_STAYS: {
    message: 'Some in-house stays have no rate for this night; the business date was not rolled',
    action: 'Give them a rate (a walk-in rate plan, a rate for the date, a reservation night) and run again',
    kind: 'conflict',
  },
} as const satisfies Record<string, FolioErrorEntry>;

export type FolioErrorCode = keyof typeof FOLIO_ERRORS;

export class FolioError extends Error {
  override readonly name = 'FolioError';
  readonly code: FolioErrorCode;
  readonly context: Record<string, unknown>;

  constructor(
    code: FolioErrorCode,
    message: string,
    context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.context = context;
  }
}

export function isFolioError(error: unknown, code?: FolioErrorCode): error is FolioError {
  return error instanceof FolioError && (code === undefined || error.code === code);
}
