import type { DeviceHealth } from '../device-health.js';
import { CardReaderBase, type CardReaderBaseOptions } from './card-reader-base.js';

export type SimulatedCardReaderOptions = CardReaderBaseOptions;

/**
 * A card reader driven by code: the developer panel's "tap" button, `npm run tap`, and tests.
 * It behaves like the PC/SC reader: same validation, debounce and lifecycle (see CardReaderBase),
 * and a reader that is not `connected` sees no cards.
 */
export class SimulatedCardReader extends CardReaderBase {
  /** A card touches the reader and leaves again. */
  tap(uid: string): void {
    this.present(uid);
    this.remove();
  }

  /** A card is put on the reader and stays there until `remove()` or another card arrives. */
  present(uid: string): void {
    const health = this.health();
    if (health !== 'connected') {
      this.logger.warn({ health }, 'card ignored: simulated reader is not connected');
      return;
    }
    this.cardArrived(uid);
  }

  remove(): void {
    this.cardLeft();
  }

  /** Simulate the reader being unplugged (`error`), reconnecting (`retrying`) or back (`connected`). */
  setHealth(health: DeviceHealth): void {
    this.updateHealth(health);
  }

  protected override async connect(): Promise<void> {
    this.updateHealth('connected');
  }

  protected override async disconnect(): Promise<void> {}
}
