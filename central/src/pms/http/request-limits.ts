// A cloud PMS's published request limits, honoured on our side: every request to one PMS connection
// waits for a free slot in each of its sliding windows, and a 429 closes the gate for everyone until
// the PMS's Retry-After (or an exponential back-off where the PMS sends none) has passed. A backlog
// therefore drains at the rate the vendor allows instead of in bursts of 429s.
import { z } from 'zod';

/** At most `requests` in any `seconds`-long window. */
export const requestWindow = z
  .object({
    requests: z.number().int().positive().max(100_000),
    seconds: z.number().positive().max(3_600),
  })
  .strict();
export type RequestWindow = z.infer<typeof requestWindow>;

/** The `requestLimits` of a PMS config: every window applies at once. */
export const requestLimits = z.array(requestWindow).min(1).max(5);

// The published figures each adapter defaults to (a property's config may lower or raise them).

/**
 * Mews Connector API, `guidelines/environments.md` (MewsSystems/gitbook-connector-api, snapshot of
 * 2026-01-27), demo and production alike: "200 requests per `AccessToken` within 30 seconds".
 * `guidelines/requests.md`: a 429 carries `Retry-After`; otherwise back off exponentially, "Pausing
 * for a fixed amount of time is never recommended".
 */
export const MEWS_REQUEST_LIMITS: RequestWindow[] = [{ requests: 200, seconds: 30 }];

/**
 * Cloudbeds, developers.cloudbeds.com/docs/faq "What are your Rate Limits": "Properties and Group
 * Properties: 5 requests per second; Tech Partners: 10 requests per second", per ClientID (Help
 * Center "Introduction to Cloudbeds API"). Exceeding them "may result in a temporary suspension of
 * a user's API credentials"; no 429 or Retry-After is documented. The default is the property
 * figure: a technology partner raises it to 10 in its config.
 */
export const CLOUDBEDS_REQUEST_LIMITS: RequestWindow[] = [{ requests: 5, seconds: 1 }];
export const CLOUDBEDS_PARTNER_REQUEST_LIMITS: RequestWindow[] = [{ requests: 10, seconds: 1 }];

/**
 * apaleo, apaleo.dev/guides/api/rate-limiting (and the announcement apaleo/announcements#110),
 * per Client ID and Account Code. Live accounts: "A total of 3500 requests/minute with 100
 * requests/second on average and a burst of up to 200 requests/second". Dev and trial accounts: "A
 * total of 200 requests/minute with 5 requests/second on average". Requests answered 429 do not
 * count. The page names no Retry-After header.
 */
export const APALEO_LIVE_REQUEST_LIMITS: RequestWindow[] = [
  { requests: 200, seconds: 1 },
  { requests: 3500, seconds: 60 },
];
export const APALEO_TRIAL_REQUEST_LIMITS: RequestWindow[] = [
  { requests: 5, seconds: 1 },
  { requests: 200, seconds: 60 },
];

/**
 * OPERA Cloud (OHIP), Oracle Hospitality Integration Platform User Guide "API Throttling"
 * (docs.oracle.com/en/industries/hospitality/integration-platform/ohipu/c_api_throttling_ssd.htm):
 * "If more than 50 requests per second are received for a single OPERA Cloud environment ... The
 * 51st and subsequent requests received in a single second will be delayed by 1000 milliseconds."
 * The limit is per environment (every integration of the hotel shares it), so a property with other
 * integrations lowers it in its config. No 429 is documented for the property APIs (the guide's
 * "Limits" page names "delays or HTTP 429" for the streaming management calls); a 429 is handled like
 * the others' (Retry-After, else back-off).
 */
export const OHIP_REQUEST_LIMITS: RequestWindow[] = [{ requests: 50, seconds: 1 }];

/** Where the limiter reads the time; tests of the windows themselves may step it. */
export type MonotonicMs = () => number;

/**
 * One connection's limiter. `acquire()` resolves when a request may be sent (first come, first
 * served) with `done`, to call when its answer is in (or the wait for it is over); `rateLimited()`
 * is told of each 429 and closes the gate; `answered()` of every other answer, which resets the
 * back-off.
 *
 * The PMS counts a request when it arrives, which is somewhere between our sending it and our
 * reading its answer. So a request takes its place in each window from the moment it leaves until
 * `window` after its answer came back: a request held up on the way (a busy event loop, a slow hop)
 * can never make the PMS see one too many.
 */
export class RequestLimiter {
  readonly #windows: Array<{ requests: number; ms: number }>;
  readonly #now: MonotonicMs;
  /** Each granted request: null while it is in flight, then when its answer came. */
  readonly #requests: Array<{ answeredAt: number | null }> = [];
  readonly #waiting: Array<(done: () => void) => void> = [];
  #closedUntil = 0;
  #timer: NodeJS.Timeout | undefined;
  /** 429s in a row without a Retry-After: the exponent of the back-off. */
  #strikes = 0;
  /** How many 429s this connection has met (for logs and tests). */
  rateLimitedCount = 0;

  constructor(windows: RequestWindow[], now: MonotonicMs = () => performance.now()) {
    this.#windows = windows.map((w) => ({ requests: w.requests, ms: w.seconds * 1000 }));
    this.#now = now;
  }

  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#pump();
    });
  }

  /**
   * The PMS answered 429. With `retryAfterSeconds` the gate stays closed that long; without it, for
   * an exponential back-off (1 s, 2 s, 4 s … at most 64 s). Returns the wait in ms.
   */
  rateLimited(retryAfterSeconds: number | null): number {
    this.rateLimitedCount++;
    const now = this.#now();
    let waitMs: number;
    if (retryAfterSeconds === null && now < this.#closedUntil) {
      // Sent before the gate closed and refused with the rest of its burst: one strike, not several.
      return this.#closedUntil - now;
    }
    if (retryAfterSeconds !== null) {
      this.#strikes = 0;
      waitMs = Math.max(retryAfterSeconds, 0) * 1000;
    } else {
      waitMs = 1000 * 2 ** Math.min(this.#strikes, 6);
      this.#strikes++;
    }
    this.#closedUntil = Math.max(this.#closedUntil, now + waitMs);
    return waitMs;
  }

  answered(): void {
    this.#strikes = 0;
  }

  /**
   * How long the next request would wait now: 0 when it may go, Infinity when the window is full of
   * requests still in flight (it goes when one of them is answered).
   */
  delayMs(): number {
    const now = this.#now();
    let wait = Math.max(0, this.#closedUntil - now);
    for (const w of this.#windows) {
      // When each request still in this window frees its place, soonest first (in flight: unknown).
      const frees = this.#requests
        .map((r) => (r.answeredAt === null ? Number.POSITIVE_INFINITY : r.answeredAt + w.ms))
        .filter((t) => t > now)
        .sort((a, b) => a - b);
      if (frees.length >= w.requests) wait = Math.max(wait, (frees[frees.length - w.requests] ?? now) - now);
    }
    return wait;
  }

  #pump(): void {
    if (this.#timer) return;
    while (this.#waiting.length > 0) {
      const wait = this.delayMs();
      // Full of requests in flight: the next answer (its done()) pumps again.
      if (wait === Number.POSITIVE_INFINITY) return;
      if (wait > 0) {
        // +1 ms: a timer may fire a hair early, and the window is strict.
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#pump();
        }, Math.ceil(wait) + 1);
        return;
      }
      const entry: { answeredAt: number | null } = { answeredAt: null };
      this.#requests.push(entry);
      this.#prune();
      const done = () => {
        if (entry.answeredAt !== null) return;
        entry.answeredAt = this.#now();
        this.#pump();
      };
      this.#waiting.shift()?.(done);
    }
  }

  #prune(): void {
    const longest = Math.max(...this.#windows.map((w) => w.ms));
    const now = this.#now();
    for (let i = this.#requests.length - 1; i >= 0; i--) {
      const at = this.#requests[i]?.answeredAt;
      if (at !== null && at !== undefined && at + longest <= now) this.#requests.splice(i, 1);
    }
  }
}
