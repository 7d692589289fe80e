import { performance } from 'node:perf_hooks';
import type { Logger } from '../logger.js';

export interface LivenessOptions {
  /** Things that must answer, by name: e.g. `database: () => sql\`select 1\`.execute(db)`. */
  checks: Record<string, () => Promise<unknown>>;
  logger: Logger;
  /** The longest the event loop may have been blocked since the last check. Default 5000 ms. */
  maxLagMs?: number;
  /** How long each check may take to answer. Default 5000 ms. */
  timeoutMs?: number;
}

const TICK_MS = 50;

export type LivenessProblem =
  | { code: 'EVENT_LOOP_BLOCKED'; lagMs: number }
  | { code: 'CHECK_FAILED'; check: string; error: string };

/**
 * What the systemd watchdog asks before each WATCHDOG=1: the event loop turned over without a
 * block longer than `maxLagMs` since the last question (measured by how late a 50 ms ticker
 * fires), and every check (the database) answered within `timeoutMs`. A hung loop sends no
 * WATCHDOG=1 at all; a loop that turns while the database does not answer is caught here.
 */
export function livenessCheck(options: LivenessOptions): () => Promise<boolean> {
  const maxLagMs = options.maxLagMs ?? 5000;
  const timeoutMs = options.timeoutMs ?? 5000;
  // A timer that should fire every TICK_MS: how late it fired is how long the loop was blocked.
  let last = performance.now();
  let worstLagMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worstLagMs = Math.max(worstLagMs, now - last - TICK_MS);
    last = now;
  }, TICK_MS);
  ticker.unref();
  return async () => {
    const problems: LivenessProblem[] = [];
    // One tick first: a block that just ended is recorded when the ticker fires late, not before.
    await new Promise((resolve) => setTimeout(resolve, TICK_MS + 10));
    const lagMs = Math.round(worstLagMs);
    worstLagMs = 0;
    if (lagMs > maxLagMs) problems.push({ code: 'EVENT_LOOP_BLOCKED', lagMs });
    for (const [name, check] of Object.entries(options.checks)) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } catch (err) {
        problems.push({ code: 'CHECK_FAILED', check: name, error: (err as Error).message });
      } finally {
        clearTimeout(timer);
      }
    }
    if (problems.length > 0) options.logger.error({ problems }, 'liveness check failed: no watchdog ping');
    return problems.length === 0;
  };
}
