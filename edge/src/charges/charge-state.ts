import type { KioskChargeStatus } from '@roompost/sync';

const FINAL: ReadonlySet<KioskChargeStatus> = new Set(['posted', 'rejected', 'voided', 'withdrawn']);

export function isFinal(status: KioskChargeStatus): boolean {
  return FINAL.has(status);
}

/**
 * Whether a status from central may replace the charge's current one. MQTT does not promise order
 * and the relay asks again on its own, so a status may arrive twice or late: a final status never
 * changes, `pending` is never re-entered, and an update older than the last one applied is ignored.
 */
export function acceptsStatus(
  current: { status: KioskChargeStatus; statusAt: string | null },
  incoming: { status: KioskChargeStatus; at: string },
): boolean {
  // A posted charge changes once more, when a manager voids it (central reverses it in the PMS).
  if (current.status === 'posted') return incoming.status === 'voided';
  if (isFinal(current.status)) return false;
  if (incoming.status === 'pending') return false;
  if (current.statusAt !== null && Date.parse(incoming.at) < Date.parse(current.statusAt)) return false;
  return true;
}
