// Staff PINs are stored as salted scrypt hashes: `scrypt$<N>$<salt hex>$<key hex>`. A 4–8 digit PIN
// is guessable offline whatever the cost, so the real guard is the lockout in StaffAuth; the hash
// keeps the PINs themselves out of config files and backups.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
const COST = 16_384;
export const PIN_HASH_PATTERN = /^scrypt\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}$/;

function scrypt(pin: string, salt: Buffer, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(pin, salt, KEY_LENGTH, { N: cost, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, COST);
  return `scrypt$${COST}$${salt.toString('hex')}$${key.toString('hex')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, cost, salt, key] = stored.split('$');
  // A cheap hash (N below 2^14) is never accepted, so a roster cannot be downgraded to a fast hash.
  if (scheme !== 'scrypt' || !cost || !salt || !key || !(Number(cost) >= COST)) return false;
  const expected = Buffer.from(key, 'hex');
  const actual = await scrypt(pin, Buffer.from(salt, 'hex'), Number(cost));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
