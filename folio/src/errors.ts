// The folio engine's one error class. Codes equal the cross-boundary codes of sync's contract, so central
// can hand them to outlets unchanged; the seed 000 "Error Codes" define the first five.

export type FolioErrorCode =
  | 'ROOM_NOT_FOUND'
  | 'CREDENTIAL_NOT_FOUND'
  | 'GUEST_CHECKED_OUT'
  | 'CHARGES_BLOCKED'
  | 'CREDIT_EXCEEDED'
  | 'IDEMPOTENCY_CONFLICT'
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  // setup: a room type code or room number that is taken
  | 'ALREADY_EXISTS'
  // reservations, deposits, folio operations, payments, checkout (issue #3)
  | 'ILLEGAL_TRANSITION'
  | 'ROOM_UNAVAILABLE'
  | 'FOLIO_CLOSED'
  | 'CORRECTION_NOT_ALLOWED'
  | 'REFUND_EXCEEDS_PAID'
  | 'BALANCE_NOT_SETTLED'
  // taxes and invoices (issue #3)
  | 'NOTHING_TO_INVOICE'
  | 'INVOICE_ALREADY_FINALIZED'
  | 'INVOICE_ALREADY_CREDITED'
  // surcharge/discount rules and night audit (issue #4)
  | 'RULE_OVERLAP'
  | 'PROMO_NOT_VALID'
  | 'AUDIT_DATE_MISMATCH'
  | 'AUDIT_BLOCKED'
  | 'AUDIT_UNPRICED_STAYS';

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
