export interface BackoffOptions {
  /** First delay. Default 1000 ms. */
  initialMs?: number;
  /** Growth per failed attempt. Default 1.5 (SignalK's serial stream). */
  factor?: number;
  /** Cap. Default 60 s: a device plugged back in is found within a minute. */
  maxMs?: number;
}

/** Delays between reconnect attempts: initial, ×factor each failure, capped; reset on success. */
export class Backoff {
  readonly #initialMs: number;
  readonly #factor: number;
  readonly #maxMs: number;
  #nextMs: number;

  constructor(options: BackoffOptions = {}) {
    this.#initialMs = options.initialMs ?? 1000;
    this.#factor = options.factor ?? 1.5;
    this.#maxMs = options.maxMs ?? 60_000;
    if (!(this.#initialMs > 0 && this.#factor >= 1 && this.#maxMs >= this.#initialMs)) {
      throw new RangeError('backoff needs initialMs > 0, factor >= 1 and maxMs >= initialMs');
    }
    this.#nextMs = this.#initialMs;
  }

  /** The delay before the next attempt; each call grows the one after. */
  next(): number {
    const delay = this.#nextMs;
    this.#nextMs = Math.min(this.#maxMs, Math.round(this.#nextMs * this.#factor));
    return delay;
  }

  reset(): void {
    this.#nextMs = this.#initialMs;
  }
}

/**
 * Runs `attempt` until it succeeds, waiting `backoff.next()` between failures. One timer at a
 * time; `cancel()` clears it so a closed device holds no handle.
 */
export class RetryTimer {
  readonly #backoff: Backoff;
  #timer: NodeJS.Timeout | null = null;

  constructor(backoff: Backoff) {
    this.#backoff = backoff;
  }

  get pending(): boolean {
    return this.#timer !== null;
  }

  /** Schedules `run` after the next back-off delay (replacing any scheduled run); returns the delay. */
  schedule(run: () => void): number {
    this.cancel();
    const delay = this.#backoff.next();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      run();
    }, delay);
    return delay;
  }

  succeeded(): void {
    this.#backoff.reset();
  }

  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
