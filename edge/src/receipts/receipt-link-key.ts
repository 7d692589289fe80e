import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const RECEIPT_LINK_KEY_FILE = 'receipt-link.key';

/**
 * The secret that signs receipts' public links (the QR code), this edge's own: made at first start
 * in the data folder (0600) and kept, so links stay valid across restarts and a rotated MQTT secret
 * neither breaks them nor is exposed through them.
 */
export function receiptLinkKey(dataDir: string): string {
  const file = resolve(dataDir, RECEIPT_LINK_KEY_FILE);
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new Error(`${file} holds no usable key: delete it and restart the edge`);
  return key;
}
