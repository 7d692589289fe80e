/**
 * What the UI shows for a device: `connected` (working), `retrying` (not yet connected, or lost and
 * reconnecting with back-off), `error` (gave up or needs a person: unplugged, misconfigured).
 */
export type DeviceHealth = 'connected' | 'retrying' | 'error';

/** Health plus the reason a person reads on the service screen (null while connected). */
export interface DeviceStatus {
  health: DeviceHealth;
  reason: string | null;
}
