// PMS credentials that central stores in its database (set over `PUT /api/pms/config`) are sealed
// with AES-256-GCM. The key comes from ROOMPOST_SECRET_KEY (base64 of 32 bytes), else from the file
// ROOMPOST_SECRET_KEY_FILE names, else from `secret.key` in central's data dir, created (0600) on
// first start. The last keeps a database copy useless without the data dir's key file, but not a
// copy of the whole data dir: production should set one of the variables (docs/pms-http-adapters.md).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PREFIX = 'enc:v1:';

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export const isSealed = (value: string) => value.startsWith(PREFIX);

/** `enc:v1:<iv>:<tag>:<ciphertext>`, base64 each; a fresh 96-bit IV per value. */
export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new SecretKeyError('the secret key must be 32 bytes (AES-256)');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`;
    },
    open(sealed) {
      const [iv, tag, body] = sealed.slice(PREFIX.length).split(':');
      if (!isSealed(sealed) || iv === undefined || tag === undefined || body === undefined) {
        throw new SecretKeyError('not a sealed secret');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretKeyError(
          'a stored secret does not open with this key (was ROOMPOST_SECRET_KEY changed?)',
        );
      }
    },
  };
}

/** The key as described above; `env` is passed in (process.env in production). */
export function loadSecretKey(env: Record<string, string | undefined>, dataDir: string): Buffer {
  const fromEnv = env.ROOMPOST_SECRET_KEY;
  if (fromEnv) return decodeKey(fromEnv, 'ROOMPOST_SECRET_KEY');
  const file = env.ROOMPOST_SECRET_KEY_FILE ?? join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    if (env.ROOMPOST_SECRET_KEY_FILE)
      throw new SecretKeyError(`ROOMPOST_SECRET_KEY_FILE ${file} does not exist`);
    // `wx`: never overwrite a key another process wrote meanwhile.
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return decodeKey(readFileSync(file, 'utf8').trim(), file);
}

function decodeKey(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32)
    throw new SecretKeyError(`${source} must hold 32 bytes in base64 (openssl rand -base64 32)`);
  return key;
}
