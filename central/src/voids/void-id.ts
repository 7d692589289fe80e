import { createHash } from 'node:crypto';

/**
 * The idempotency key of a charge's void, derived from the charge id: every request and retry for
 * one charge sends the same key, even two managers pressing Void at once. UUID-shaped (v8, RFC 9562
 * "custom") because several PMSs take only a UUID or a short reference.
 */
export function voidIdOf(chargeId: string): string {
  const h = createHash('sha256').update(`roompost-void:${chargeId}`).digest('hex');
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
