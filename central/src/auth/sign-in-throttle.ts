/**
 * Wrong-password lockout that holds under concurrency: an attempt is reserved (counted as if it
 * failed) BEFORE the slow password hash and settled after it, so a burst of parallel guesses cannot
 * all pass the check while the first ones are still hashing. One throttle per key space (user
 * names, clients); at most `maxFailures` attempts are ever checked between two lock periods.
 */
export interface ThrottleLimits {
  maxFailures: number;
  lockMinutes: number;
}

interface Entry {
  failures: number;
  inFlight: number;
  lockedUntil: number;
}

/** A reserved attempt: settle it once the hash has answered. */
export interface Reservation {
  settle(ok: boolean, now: number): void;
}

const MAX_TRACKED = 10_000;

export class SignInThrottle {
  readonly #limits: ThrottleLimits;
  /** Whether a success clears the key's failures (a user name: yes; a client address: no). */
  readonly #successResets: boolean;
  readonly #entries = new Map<string, Entry>();

  constructor(limits: ThrottleLimits, successResets: boolean) {
    this.#limits = limits;
    this.#successResets = successResets;
  }

  /** Seconds until `key` may try again; null when it may try now. */
  lockedFor(key: string, now: number): number | null {
    const entry = this.#live(key, now);
    if (!entry) return null;
    if (entry.lockedUntil > now) return Math.ceil((entry.lockedUntil - now) / 1000);
    if (entry.failures + entry.inFlight >= this.#limits.maxFailures) return this.#limits.lockMinutes * 60;
    return null;
  }

  /** Reserves one attempt for `key`; call only after `lockedFor` answered null. */
  reserve(key: string, now: number): Reservation {
    const entry = this.#live(key, now) ?? { failures: 0, inFlight: 0, lockedUntil: 0 };
    entry.inFlight += 1;
    this.#entries.set(key, entry);
    let settled = false;
    return {
      settle: (ok, settledAt) => {
        if (settled) return;
        settled = true;
        entry.inFlight -= 1;
        if (ok) {
          if (this.#successResets) entry.failures = 0;
        } else {
          entry.failures += 1;
          if (entry.failures >= this.#limits.maxFailures) {
            entry.lockedUntil = settledAt + this.#limits.lockMinutes * 60_000;
          }
        }
        this.#prune(settledAt);
      },
    };
  }

  /** The entry of `key`, with an expired lock cleared. */
  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry?.lockedUntil && entry.lockedUntil <= now) {
      entry.lockedUntil = 0;
      entry.failures = 0;
    }
    return entry;
  }

  #prune(now: number) {
    if (this.#entries.size <= MAX_TRACKED) return;
    for (const [key, e] of this.#entries) {
      if (e.inFlight === 0 && e.lockedUntil <= now) this.#entries.delete(key);
    }
  }
}
