import type { DeviceStatusMessage } from '@roompost/sync';

export type FleetState = 'green' | 'amber' | 'red' | 'revoked';

export interface DeviceSighting {
  status: DeviceStatusMessage | null;
  /** When central last heard a status from the device. */
  lastSeenAt: Date | null;
  /** From the retained presence message and the Last Will; null before either arrived. */
  online: boolean | null;
}

/** How long without a status before a device turns amber, then red (it reports every 30 s). */
export const AMBER_AFTER_MS = 60_000;
export const RED_AFTER_MS = 120_000;
/** A charge waiting this long for central's answer turns the device amber. */
export const QUEUE_AMBER_SECONDS = 300;

/**
 * The fleet page's colour for one device (docs/fleet.md):
 * red — offline (Last Will), never reported, or silent for more than 2 minutes;
 * amber — silent for more than 1 minute, a charge unacknowledged for more than 5 minutes,
 *         or the printer or card reader in error;
 * green — otherwise.
 */
export function fleetHealth(
  s: DeviceSighting,
  now: Date,
  revoked = false,
): { state: FleetState; reasons: string[] } {
  if (revoked) return { state: 'revoked', reasons: ['revoked'] };
  if (s.online === false) return { state: 'red', reasons: ['offline'] };
  if (!s.lastSeenAt || !s.status) return { state: 'red', reasons: ['never reported'] };
  const silentMs = now.getTime() - s.lastSeenAt.getTime();
  if (silentMs > RED_AFTER_MS)
    return { state: 'red', reasons: [`silent for ${Math.round(silentMs / 1000)} s`] };
  const reasons: string[] = [];
  if (silentMs > AMBER_AFTER_MS) reasons.push(`silent for ${Math.round(silentMs / 1000)} s`);
  const oldest = s.status.oldestUnsentSeconds;
  if (oldest !== null && oldest > QUEUE_AMBER_SECONDS) reasons.push(`charge unacknowledged for ${oldest} s`);
  for (const [name, health] of Object.entries(s.status.devices)) {
    if (health === 'error') reasons.push(`${name} error`);
  }
  return { state: reasons.length ? 'amber' : 'green', reasons };
}
