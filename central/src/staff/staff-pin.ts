// Outlet staff PINs, hashed as the edge verifies them: salted scrypt, N = 2^15, r = 8, p = 1
// (32 MiB and ~100 ms per guess here), stored as `scrypt$<N>$<salt hex>$<key hex>`. A 6-digit PIN
// still falls to an offline search in hours, so the hashes go only to staff outlets, and the real
// guard is the lockout at the terminal and at central.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { CentralError } from '../central-error.js';

const N = 2 ** 15;
const MIN_N = 2 ** 14;
const KEY_LENGTH = 32;
const MAX_MEM = 128 * 1024 * 1024;

function derive(pin: string, salt: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_LENGTH, { N: n, r: 8, p: 1, maxmem: MAX_MEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashStaffPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${N}$${salt.toString('hex')}$${(await derive(pin, salt, N)).toString('hex')}`;
}

export async function verifyStaffPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, cost, salt, key] = stored.split('$');
  const n = Number(cost);
  if (scheme !== 'scrypt' || !salt || !key || !(n >= MIN_N)) return false;
  const expected = Buffer.from(key, 'hex');
  const actual = await derive(pin, Buffer.from(salt, 'hex'), n);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A new PIN: digits only, at least `minLength` (6 by default), at most 12, not one repeated digit. */
export function assertNewPin(pin: string, minLength: number): void {
  if (!/^\d+$/.test(pin) || pin.length < minLength || pin.length > 12) {
    throw new CentralError('VALIDATION_FAILED', `a PIN is ${minLength} to 12 digits`, { field: 'pin' });
  }
  if (/^(\d)\1+$/.test(pin)) {
    throw new CentralError('VALIDATION_FAILED', 'a PIN may not repeat one digit', { field: 'pin' });
  }
}
