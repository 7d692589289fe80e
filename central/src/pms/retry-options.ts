import { z } from 'zod';

/**
 * Seed 000 `hotel_pms.retry`: how often a failed posting is tried again. The same schema checks
 * central.json's `retry` and `PUT /api/pms/config`'s `retry` section.
 */
export const retryOptions = z
  .object({
    maxRetries: z.number().int().min(0).max(20),
    intervalMinutes: z.number().positive().max(1440),
    /** Double the wait after each failure (seed 000's fixed interval when false). */
    exponential: z.boolean().default(false),
  })
  .strict();
export type RetryOptions = z.infer<typeof retryOptions>;

export const DEFAULT_RETRY_OPTIONS: RetryOptions = { maxRetries: 3, intervalMinutes: 5, exponential: false };

/**
 * A RetryPolicy whose fields read `current()` each time: the posting pipeline and the void service
 * hold this one object and see a new `PUT /api/pms/config` retry section at their next failure.
 */
export function liveRetryPolicy(current: () => RetryOptions): {
  readonly maxRetries: number;
  readonly intervalMs: number;
  readonly exponential: boolean;
} {
  return {
    get maxRetries() {
      return current().maxRetries;
    },
    get intervalMs() {
      return current().intervalMinutes * 60_000;
    },
    get exponential() {
      return current().exponential;
    },
  };
}
