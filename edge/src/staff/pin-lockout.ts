/**
 * Wrong-PIN accounting for one terminal and for each staff member (seed 000: PIN sign-in is
 * rate-limited). Two rules make guessing slow whatever a signed-in colleague does in between:
 * - a successful sign-in never clears a count: failures only age out of a sliding window, so a
 *   server cannot guess four PINs, sign in with her own and guess four more;
 * - every lock is longer than the one before (doubling up to a cap), and the lock level only falls
 *   back after a quiet day without a wrong PIN.
 * The terminal counts every wrong PIN; a sign-in that names its staff member (`staffId`, or a badge)
 * also counts against that member, so a targeted manager locks after her own `maxFailures` even if
 * the guesses are spread over terminals' windows.
 */
export interface PinLockoutOptions {
  /** Wrong PINs within `windowMs` that lock (seed: five). */
  maxFailures: number;
  /** How long a wrong PIN keeps counting. */
  windowMs: number;
  /** The first lock; each further lock doubles it up to `maxLockMs`. */
  lockMs: number;
  maxLockMs: number;
  /** A lock level falls back to zero after this long without a wrong PIN. */
  forgiveMs: number;
}

export const DEFAULT_PIN_LOCKOUT: PinLockoutOptions = {
  maxFailures: 5,
  windowMs: 60 * 60_000,
  lockMs: 5 * 60_000,
  maxLockMs: 24 * 60 * 60_000,
  forgiveMs: 24 * 60 * 60_000,
};

interface Counter {
  failures: number[];
  lockedUntil: number;
  level: number;
  lastFailure: number;
}

export class PinLockout {
  readonly #o: PinLockoutOptions;
  readonly #counters = new Map<string, Counter>();

  constructor(options: Partial<PinLockoutOptions> = {}) {
    this.#o = { ...DEFAULT_PIN_LOCKOUT, ...options };
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  lockedFor(key: string, now: number): number {
    const c = this.#counters.get(key);
    return c && c.lockedUntil > now ? c.lockedUntil - now : 0;
  }

  /** Records a wrong PIN for `key`; answers how many are left before a lock (0: locked now). */
  fail(key: string, now: number): number {
    const c = this.#counter(key, now);
    c.failures = c.failures.filter((at) => at > now - this.#o.windowMs);
    c.failures.push(now);
    c.lastFailure = now;
    if (c.failures.length < this.#o.maxFailures) return this.#o.maxFailures - c.failures.length;
    c.lockedUntil = now + Math.min(this.#o.lockMs * 2 ** c.level, this.#o.maxLockMs);
    c.level += 1;
    c.failures = [];
    return 0;
  }

  #counter(key: string, now: number): Counter {
    let c = this.#counters.get(key);
    if (c && c.lastFailure < now - this.#o.forgiveMs && c.lockedUntil <= now) c = undefined;
    if (!c) {
      c = { failures: [], lockedUntil: 0, level: 0, lastFailure: now };
      this.#counters.set(key, c);
    }
    return c;
  }
}
