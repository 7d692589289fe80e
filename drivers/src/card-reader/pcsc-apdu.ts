import { DriverError } from '../driver-error.js';

/** PC/SC Part 3 §3.2.2.1.3 GET DATA: the UID of a contactless card, whatever its kind. */
export const GET_UID = Buffer.from([0xff, 0xca, 0x00, 0x00, 0x00]);

/** PC/SC Part 3 §3.2.2.1.8 READ BINARY of `length` bytes from `block`. */
export function readBinary(block: number, length: number): Buffer {
  return Buffer.from([0xff, 0xb0, 0x00, block, length]);
}

/**
 * Splits an R-APDU into data and status word. ISO 7816-4 §5.1.3: 90 00 is success; anything else
 * (or an answer shorter than a status word) means the card did not do what was asked.
 */
export function responseData(answer: Uint8Array, what: string): Buffer {
  const bytes = Buffer.from(answer);
  if (bytes.length < 2) {
    throw new DriverError('CARD_UNREADABLE', `card gave a ${bytes.length}-byte answer to ${what}`, {
      what,
      length: bytes.length,
    });
  }
  const sw = bytes.subarray(-2).toString('hex').toUpperCase();
  if (sw !== '9000') {
    throw new DriverError('CARD_UNREADABLE', `card answered SW ${sw} to ${what}`, { what, sw });
  }
  return bytes.subarray(0, -2);
}
