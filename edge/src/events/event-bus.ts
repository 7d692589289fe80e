import { EventEmitter } from 'node:events';
import type { KioskEvents } from '@roompost/sync';

type Listener<K extends keyof KioskEvents> = (data: KioskEvents[K]) => void;

/** What the edge tells every open kiosk screen (server-sent events on GET /api/events). */
export class KioskEventBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(100); // one per open kiosk tab; more means a leak worth a warning
  }

  emit<K extends keyof KioskEvents>(event: K, data: KioskEvents[K]): void {
    this.#emitter.emit(event, data);
  }

  /** Whether anyone listens for `event` (an open kiosk screen, the customer display, the fridge). */
  listening(event: keyof KioskEvents): boolean {
    return this.#emitter.listenerCount(event) > 0;
  }

  on<K extends keyof KioskEvents>(event: K, listener: Listener<K>): () => void {
    this.#emitter.on(event, listener);
    return () => this.#emitter.off(event, listener);
  }
}
