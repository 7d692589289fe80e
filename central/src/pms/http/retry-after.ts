import type { Clock } from '../../clock.js';

/**
 * RFC 9110 §10.2.3: Retry-After is either delay-seconds or an HTTP-date. Returns whole seconds from
 * now (never negative), or null when the header is absent or unreadable.
 */
export function retryAfterSeconds(header: string | null, clock: Clock): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - clock.now().getTime()) / 1000));
}
