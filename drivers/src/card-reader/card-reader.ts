import type { DeviceHealth, DeviceStatus } from '../device-health.js';
import type { Emitter } from '../events/typed-emitter.js';

export type { DeviceHealth } from '../device-health.js';

export interface CardEvent {
  /** Upper-case hex, 8, 14 or 20 characters (a 4-, 7- or 10-byte ISO 14443 UID). */
  uid: string;
  at: Date;
  /** Upper-case hex of the data block read from the card, when the reader is configured to read one. */
  data?: string;
}

export interface CardRemovedEvent {
  uid: string;
}

export interface CardReaderEvents {
  /** A card arrived. Never emitted for an invalid UID, nor for the same UID inside the debounce window. */
  card: CardEvent;
  /** The card of the last `card` event left the reader. */
  'card-removed': CardRemovedEvent;
  /** Emitted on every change of `health()`. */
  health: DeviceHealth;
  /** A reader fault worth logging; `health` says whether the reader still works. */
  error: Error;
}

/**
 * A key-card / wristband reader. Implementations: `SimulatedCardReader` and `PcscCardReader` (PC/SC
 * through the `smartcard` module, see docs/devices.md). Every implementation runs `runCardReaderContract`.
 *
 * Lifecycle: `health()` is `retrying` until `start()` connects; no event is emitted before
 * `start()` or after `close()`.
 */
export interface CardReader extends Emitter<CardReaderEvents> {
  start(): Promise<void>;
  /** Idempotent. After it resolves no event is emitted and the reader holds no OS handle. */
  close(): Promise<void>;
  health(): DeviceHealth;
  /** Health with the reason it is not `connected`, for the service screen and /api/health. */
  status(): DeviceStatus;
}

export interface CardReaderOptions {
  /** The same UID seen again within this many ms of its last sighting emits nothing. Default 1500. */
  debounceMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 1500;
