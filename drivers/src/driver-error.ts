export const DRIVER_ERROR_CODES = [
  /** A card reported a UID that is not 4, 7 or 10 bytes of hex. */
  'INVALID_UID',
  /** The printer has no paper; nothing was printed. */
  'PAPER_OUT',
  /**
   * The printer cannot be reached, did not answer a status request in time, or reports itself
   * offline or in error; nothing was printed. `context.condition` says which (PrinterCondition).
   */
  'PRINTER_OFFLINE',
  /** The printer reports its cover open; nothing was printed. */
  'COVER_OPEN',
  /** Sending the job failed part-way (I/O error); the receipt may be missing or partial. */
  'PRINT_FAILED',
  /** `reprintLast()` was called before any job was submitted. */
  'NOTHING_TO_REPRINT',
  /** A receipt was built from amounts that are not integer minor units. */
  'INVALID_RECEIPT',
  /** The device was used after `close()`. */
  'DEVICE_CLOSED',
  /** A card answered garbage or an error status word; nothing was read from it. */
  'CARD_UNREADABLE',
  /** The device, its driver module or its path is missing, or it stopped answering. */
  'DEVICE_UNAVAILABLE',
  /** A GPIO chip or line named in the config does not exist on this machine. */
  'GPIO_LINE_NOT_FOUND',
] as const;

export type DriverErrorCode = (typeof DRIVER_ERROR_CODES)[number];

/** The one error class of @roompost/drivers. Callers branch on `code`, never on `message`. */
export class DriverError extends Error {
  override readonly name = 'DriverError';
  readonly code: DriverErrorCode;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    code: DriverErrorCode,
    message: string,
    context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.context = context;
  }
}

export function isDriverError(error: unknown, code?: DriverErrorCode): error is DriverError {
  return error instanceof DriverError && (code === undefined || error.code === code);
}
