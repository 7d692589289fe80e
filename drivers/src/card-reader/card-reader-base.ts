import { type Clock, systemClock } from '../clock.js';
import type { DeviceHealth, DeviceStatus } from '../device-health.js';
import { DriverError } from '../driver-error.js';
import { TypedEmitter } from '../events/typed-emitter.js';
import type { Logger } from '../logger.js';
import {
  type CardReader,
  type CardReaderEvents,
  type CardReaderOptions,
  DEFAULT_DEBOUNCE_MS,
} from './card-reader.js';
import { normaliseCardUid } from './card-uid.js';
import { TapDebouncer } from './tap-debouncer.js';

export interface CardReaderBaseOptions extends CardReaderOptions {
  logger: Logger;
  clock?: Clock;
}

type Lifecycle = 'idle' | 'started' | 'closed';

/**
 * What every reader shares, so the simulated and the PC/SC reader behave the same: UID
 * normalisation and validation, debounce, the one-card-at-a-time presence model, health, and "no
 * event before start() or after close()". A concrete reader implements `connect`/`disconnect` and
 * reports what the hardware sees through `cardArrived` / `cardLeft` / `updateHealth` / `reportError`.
 */
export abstract class CardReaderBase extends TypedEmitter<CardReaderEvents> implements CardReader {
  protected readonly logger: Logger;
  readonly #clock: Clock;
  readonly #debouncer: TapDebouncer;
  #health: DeviceHealth = 'retrying';
  #reason: string | null = 'not started';
  #lifecycle: Lifecycle = 'idle';
  /** The card on the reader now; `announced` is false when debounce swallowed its arrival. */
  #onReader: { uid: string; announced: boolean } | null = null;

  constructor(options: CardReaderBaseOptions) {
    super((error, event) => options.logger.error({ err: error, event }, 'card reader listener failed'));
    this.logger = options.logger;
    this.#clock = options.clock ?? systemClock;
    this.#debouncer = new TapDebouncer(options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  /** Open the device. May resolve before the reader is connected; report progress with `updateHealth`. */
  protected abstract connect(): Promise<void>;
  /** Release every OS handle. Called once, after events have stopped. */
  protected abstract disconnect(): Promise<void>;

  health(): DeviceHealth {
    return this.#health;
  }

  status(): DeviceStatus {
    return { health: this.#health, reason: this.#reason };
  }

  async start(): Promise<void> {
    if (this.#lifecycle === 'closed') throw new DriverError('DEVICE_CLOSED', 'card reader is closed');
    if (this.#lifecycle === 'started') return;
    this.#lifecycle = 'started';
    try {
      await this.connect();
    } catch (error) {
      this.#lifecycle = 'idle';
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.#lifecycle === 'closed') return;
    // Stop events first: a native callback racing with close() must not reach the kiosk.
    this.#lifecycle = 'closed';
    this.#onReader = null;
    try {
      await this.disconnect();
    } finally {
      this.removeAllListeners();
    }
  }

  /** `reason` says why the reader is not `connected`; it is dropped when it is. */
  protected updateHealth(health: DeviceHealth, reason: string | null = null): void {
    this.#reason = health === 'connected' ? null : (reason ?? this.#reason);
    if (health === this.#health) return;
    this.#health = health;
    if (this.#lifecycle === 'started') this.emit('health', health);
  }

  protected reportError(error: Error): void {
    this.logger.error({ err: error }, 'card reader error');
    if (this.#lifecycle === 'started') this.emit('error', error);
  }

  /** The hardware saw a card. Invalid UIDs are logged and dropped, never guessed at. */
  protected cardArrived(raw: string | Uint8Array, data?: Uint8Array): void {
    if (this.#lifecycle !== 'started') {
      this.logger.warn({ lifecycle: this.#lifecycle }, 'card ignored: reader is not started');
      return;
    }
    let uid: string;
    try {
      uid = normaliseCardUid(raw);
    } catch (error) {
      if (!(error instanceof DriverError)) throw error;
      this.logger.warn(
        { code: error.code, ...error.context, raw: preview(raw) },
        'card ignored: invalid UID',
      );
      return;
    }
    const now = this.#clock();
    if (this.#onReader?.uid === uid) {
      // Some readers report the card again while it stays in the field.
      this.#debouncer.sighting(uid, now.getTime());
      return;
    }
    // A reader holds one card: a different arrival means the previous card is gone.
    if (this.#onReader) this.cardLeft();
    const isNewTap = this.#debouncer.arrival(uid, now.getTime());
    this.#onReader = { uid, announced: isNewTap };
    if (!isNewTap) return;
    this.emit(
      'card',
      data ? { uid, at: now, data: Buffer.from(data).toString('hex').toUpperCase() } : { uid, at: now },
    );
  }

  /** The hardware says the card left the field. */
  protected cardLeft(): void {
    const card = this.#onReader;
    if (!card || this.#lifecycle !== 'started') return;
    this.#onReader = null;
    this.#debouncer.sighting(card.uid, this.#clock().getTime());
    if (card.announced) this.emit('card-removed', { uid: card.uid });
  }
}

// Invalid UIDs are never credentials, so logging them is safe; cap the size of garbage reads.
function preview(raw: string | Uint8Array): string {
  return typeof raw === 'string' ? raw.slice(0, 64) : `<${raw.length} bytes>`;
}
