import type { DeviceHealth } from '../device-health.js';

export type PaperState = 'ok' | 'near-end' | 'out' | 'unknown';

/**
 * What the printer's last status round trip found, for a person to act on:
 * `ready`; `paper-out`, `cover-open`, `offline` (the printer says so, other cause) and
 * `printer-error` (cutter jam, head overheated) from its own DLE EOT answers; `not-responding`
 * (connected, or not even that, but no status answer within the timeout: powered off behind a
 * switch, a network dropping packets); `unreachable` (refused, no route, device file missing);
 * `unknown` (not asked yet, or a transport that cannot read status).
 */
export type PrinterCondition =
  | 'ready'
  | 'paper-out'
  | 'cover-open'
  | 'offline'
  | 'printer-error'
  | 'not-responding'
  | 'unreachable'
  | 'unknown';

export interface PrinterStatus {
  health: DeviceHealth;
  /** `unknown` when the transport cannot ask (e.g. a USB printer-class file without status reads). */
  paper: PaperState;
  condition: PrinterCondition;
  /** When the printer was last asked (a status round trip, a job, or a probe); null before that. */
  checkedAt: Date | null;
  /** Why the printer is not `connected` (or why paper is not `ok`), for the service screen. */
  reason?: string;
}

export type PrintJobKind = 'room-charge' | 'void' | 'summary' | 'test';

export interface PrintJob {
  kind: PrintJobKind;
  /** A receiptline document (see `roomChargeReceipt`); the printer chooses the command set and width. */
  document: string;
  /**
   * A copy of a receipt printed before (rebuilt from stored data, e.g. Reprint after a restart):
   * marked COPY on paper like `reprintLast()`, and remembered unmarked.
   */
  copy?: boolean;
  /**
   * The document already rendered as plain text `DEFAULT_CPL` wide (`renderReceiptText`), where the
   * caller has it (the kiosk's answer carries it): a printer that prints text at that width uses it
   * instead of rendering the document again. Must be exactly that rendering of `document`.
   */
  text?: string;
}

export interface PrintResult {
  kind: PrintJobKind;
  printedAt: Date;
  /** True when this came from `reprintLast()` or was a `copy`. */
  reprint: boolean;
}

/**
 * A receipt printer. Implementations: `SimulatedPrinter`, and `EscPosPrinter` over a
 * `PrinterTransport` (TCP 9100, serial port, USB printer class device file). Jobs are printed one at a time in call order.
 *
 * `print` rejects with `DriverError` `PAPER_OUT` or `PRINTER_OFFLINE` when nothing was printed, and
 * `PRINT_FAILED` when the transport failed part-way. The job is remembered for `reprintLast` even
 * when it failed, so after new paper goes in "reprint" prints the receipt that was missed. A `test`
 * page (the service screen's) is never remembered: reprint stays the last receipt.
 */
export interface ReceiptPrinter {
  print(job: PrintJob): Promise<PrintResult>;
  status(): Promise<PrinterStatus>;
  /** Rejects with `NOTHING_TO_REPRINT` before the first job. */
  reprintLast(): Promise<PrintResult>;
  /** What the last job, probe or status query found, without asking again (where the driver keeps it). */
  lastStatus?(): PrinterStatus;
  /** Calls `listener` on every change as it happens; returns the unsubscribe (where the driver reports). */
  onStatus?(listener: (status: PrinterStatus) => void): () => void;
  /** Idempotent; later calls to `print`/`reprintLast` reject with `DEVICE_CLOSED`. */
  close(): Promise<void>;
}
