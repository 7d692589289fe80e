import { type Clock, systemClock } from '../clock.js';
import { TypedEmitter } from '../events/typed-emitter.js';
import type { Logger } from '../logger.js';
import type { DigitalInput, InputEvents } from './gpio.js';

/**
 * The shared half of every input: takes raw physical levels from a driver, applies active-low and
 * debounce (a level must hold `debounceMs` before it counts), and emits logical changes.
 */
export class DebouncedInput extends TypedEmitter<InputEvents> implements DigitalInput {
  readonly #activeLow: boolean;
  readonly #debounceMs: number;
  readonly #clock: Clock;
  readonly #release: () => Promise<void>;
  #value: boolean;
  #pending: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(options: {
    initialLevel: boolean;
    activeLow: boolean;
    debounceMs: number;
    logger: Logger;
    clock?: Clock;
    release: () => Promise<void>;
  }) {
    super((error, event) => options.logger.error({ err: error, event }, 'gpio listener failed'));
    this.#activeLow = options.activeLow;
    this.#debounceMs = options.debounceMs;
    this.#clock = options.clock ?? systemClock;
    this.#release = options.release;
    this.#value = options.initialLevel !== options.activeLow;
  }

  value(): boolean {
    return this.#value;
  }

  /** The driver saw the physical level change (or bounce). */
  level(high: boolean): void {
    if (this.#closed) return;
    const value = high !== this.#activeLow;
    if (this.#pending) clearTimeout(this.#pending);
    this.#pending = null;
    if (value === this.#value) return;
    const commit = () => {
      this.#pending = null;
      this.#value = value;
      this.emit('change', { value, at: this.#clock() });
    };
    if (this.#debounceMs === 0) commit();
    else this.#pending = setTimeout(commit, this.#debounceMs);
  }

  fail(error: Error): void {
    if (!this.#closed) this.emit('error', error);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#pending) clearTimeout(this.#pending);
    this.removeAllListeners();
    await this.#release();
  }
}
