import type { PaperState, PrinterCondition } from './printer.js';

/**
 * ESC/POS DLE EOT n, real-time status (Epson ESC/POS reference, "DLE EOT"): the printer answers
 * one byte per request at once, even while busy or offline. n = 1 printer status, n = 2 off-line
 * cause, n = 3 error cause, n = 4 roll paper sensor. Four requests, four answer bytes, in order.
 */
export const STATUS_REQUEST = Buffer.from([
  0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04,
]);
export const STATUS_ANSWER_LENGTH = 4;

export interface EscPosStatus {
  /** n = 1 bit 3 clear. */
  online: boolean;
  /** n = 2 bit 2: the cover is open. */
  coverOpen: boolean;
  /** n = 2 bit 5 (printing stopped at paper end) or n = 4 bits 5–6 (roll paper end sensor). */
  paperEnd: boolean;
  /** n = 2 bit 6 or n = 3 bits 3 (autocutter), 5 (unrecoverable), 6 (auto-recoverable). */
  error: boolean;
  paper: PaperState;
  /** The one condition a person acts on, most specific first. */
  condition: PrinterCondition;
}

/**
 * Every DLE EOT answer has bit 1 and bit 4 set and bits 0 and 7 clear ("fixed" bits in the
 * reference); a byte without that pattern is line noise or another protocol, never a status.
 */
const isStatusByte = (byte: number) => (byte & 0x93) === 0x12;

/** Decodes the four answers to STATUS_REQUEST; null when they are not DLE EOT answers. */
export function parseStatus(answer: Uint8Array): EscPosStatus | null {
  const bytes = [...answer.subarray(0, STATUS_ANSWER_LENGTH)];
  if (bytes.length < STATUS_ANSWER_LENGTH || !bytes.every(isStatusByte)) return null;
  const [printer, cause, errors, sensor] = bytes as [number, number, number, number];
  const online = (printer & 0x08) === 0;
  const coverOpen = (cause & 0x04) !== 0;
  const sensorEnd = (sensor & 0x60) !== 0;
  const paperEnd = (cause & 0x20) !== 0 || sensorEnd;
  const error = (cause & 0x40) !== 0 || (errors & 0x68) !== 0;
  const paper: PaperState = paperEnd ? 'out' : (sensor & 0x0c) !== 0 ? 'near-end' : 'ok';
  // Cover first: opening the cover to change the roll also trips the paper sensor on most models.
  const condition: PrinterCondition = coverOpen
    ? 'cover-open'
    : paperEnd
      ? 'paper-out'
      : error
        ? 'printer-error'
        : online
          ? 'ready'
          : 'offline';
  return { online, coverOpen, paperEnd, error, paper, condition };
}
