import { DriverError } from '../driver-error.js';

/** ISO/IEC 14443-3 UIDs are single (4 bytes), double (7) or triple (10) size. */
const UID_HEX_LENGTHS: ReadonlySet<number> = new Set([8, 14, 20]);

/**
 * Turns what a reader reports into the one UID form the rest of roompost compares: upper-case hex
 * without separators. Accepts raw bytes, or hex with `:`, `-` or space separators in any case.
 * Throws `DriverError` `INVALID_UID` for anything else.
 */
export function normaliseCardUid(raw: string | Uint8Array): string {
  const hex =
    typeof raw === 'string'
      ? raw.trim().replace(/[\s:-]/g, '')
      : Array.from(raw, (byte) => byte.toString(16).padStart(2, '0')).join('');
  if (!/^[0-9a-f]*$/i.test(hex)) {
    throw new DriverError('INVALID_UID', 'card UID is not hexadecimal', { reason: 'not-hex' });
  }
  if (!UID_HEX_LENGTHS.has(hex.length)) {
    throw new DriverError('INVALID_UID', 'card UID is not 4, 7 or 10 bytes long', {
      reason: 'length',
      hexLength: hex.length,
    });
  }
  return hex.toUpperCase();
}
