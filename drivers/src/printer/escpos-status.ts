import type { PaperState } from './printer.js';

/**
 * ESC/POS DLE EOT n, real-time status (Epson ESC/POS reference, "DLE EOT"): the printer answers
 * one byte per request even while busy. n = 1 printer status, n = 4 roll paper sensor status.
 */
export const STATUS_REQUEST = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x04]);

export interface EscPosStatus {
  online: boolean;
  paper: PaperState;
}

/**
 * Every DLE EOT answer has bit 1 and bit 4 set and bits 0 and 7 clear ("fixed" bits in the
 * reference); a byte without that pattern is line noise or another protocol, never a status.
 */
const isStatusByte = (byte: number) => (byte & 0x93) === 0x12;

/** Decodes the two answers to STATUS_REQUEST; null when they are not DLE EOT answers. */
export function parseStatus(answer: Uint8Array): EscPosStatus | null {
  const printer = answer[0];
  const paper = answer[1];
  if (printer === undefined || paper === undefined || !isStatusByte(printer) || !isStatusByte(paper)) {
    return null;
  }
  return {
    // n = 1, bit 3: off-line.
    online: (printer & 0x08) === 0,
    // n = 4, bits 5–6: roll paper end detected; bits 2–3: roll paper near-end detected.
    paper: (paper & 0x60) !== 0 ? 'out' : (paper & 0x0c) !== 0 ? 'near-end' : 'ok',
  };
}
