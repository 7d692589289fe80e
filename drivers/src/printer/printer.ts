import type { DeviceHealth } from '../device-health.js';

export type PaperState = 'ok' | 'near-end' | 'out' | 'unknown';

export interface PrinterStatus {
  health: DeviceHealth;
  /** `unknown` when the transport cannot ask (e.g. a USB printer-class file without status reads). */
  paper: PaperState;
  /** Why the printer is not `connected` (or why paper is not `ok`), for the service screen. */
  reason?: string;
}

export type PrintJobKind = 'room-charge' | 'void' | 'summary' | 'test';

export interface PrintJob {
  kind: PrintJobKind;
  /** A receiptline document (see `roomChargeReceipt`); the printer chooses the command set and width. */
  document: string;
}

export interface PrintResult {
  kind: PrintJobKind;
  printedAt: Date;
  /** True when this came from `reprintLast()`. */
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
  /** Idempotent; later calls to `print`/`reprintLast` reject with `DEVICE_CLOSED`. */
  close(): Promise<void>;
}
