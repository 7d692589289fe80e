import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// Staff passwords for central's HTTP API, hashed with scrypt (memory-hard):
//   N = 2^15, r = 8, p = 1, 32-byte key, 16-byte random salt.
// That is 128 × N × r = 32 MiB of memory and ~100 ms of one core per hash here, so a stolen users
// table costs an attacker the same per guess. Stored as `scrypt$N$r$p$salt$hash` (base64url), so
// the parameters can grow later without invalidating older hashes.
export const PASSWORD_SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;
const MAX_MEM = 128 * 1024 * 1024;
const MIN_N = 2 ** 15;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, PASSWORD_SCRYPT.keyLength, { N: n, r, p, maxmem: MAX_MEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = PASSWORD_SCRYPT;
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; a malformed or weak hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  const N = Number(n);
  if (kind !== 'scrypt' || !salt || !hash || !(N >= MIN_N) || !Number(r) || !Number(p)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), N, Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const PASSWORD_HASH_PATTERN = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/;
