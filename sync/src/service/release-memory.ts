import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import type { Logger } from '../logger.js';

export interface ReleaseMemoryOptions {
  logger: Logger;
  /**
   * V8's collection: full without options, of the young generation only with `{ type: 'minor' }`.
   * Default `globalThis.gc`, there when node runs with `--expose-gc` (the systemd units' flag);
   * without it nothing is done.
   */
  gc?: ((options?: { type: 'minor' }) => void) | undefined;
  /** How often the process's CPU and heap are looked at. Default 500 ms. */
  intervalMs?: number;
  /** CPU (user + system) the process has used so far, µs. Default `process.cpuUsage()`. */
  cpuMicros?: () => number;
  /** The V8 heap's committed size but the young generation, bytes. Default from `node:v8`. */
  heapBytes?: () => number;
  /** The young generation's committed size (V8's `new_space`), bytes. Default from `node:v8`. */
  youngBytes?: () => number;
}

/** An interval in which the process used less than this share of a core is quiet... */
const QUIET_SHARE = 0.1;
/** ...and this many quiet intervals in a row end a burst... */
const QUIET_INTERVALS = 2;
/** ...that left the heap at least this much larger than after the last release (or the start). */
const MIN_GROWTH_BYTES = 8 * 2 ** 20;
/** Collections run again while one gave back at least this much, up to MAX_PASSES in all. */
const MIN_PASS_BYTES = 2 * 2 ** 20;
const MAX_PASSES = 3;
/**
 * The young generation is back at its start size (V8's one-megabyte first semi-space; a full
 * collection may leave it at two)...
 */
const YOUNG_START_BYTES = 2 * 2 ** 20;
/** ...or given up on for this quiet spell after this many minor collections (15 s at 500 ms). */
const MAX_YOUNG_TRIES = 30;

/**
 * Gives the memory of a burst back to the system once the service is quiet again. During a burst (a
 * backlog drained after an outage, many charges at once) V8 raises the old generation's limit and
 * fills it with charges in flight and their garbage; afterwards it keeps those pages committed until
 * its memory reducer runs, which waits for a low allocation rate over several seconds (15-30 s
 * measured after a 10,000-charge backlog at central, docs/performance.md). Here, after two quiet
 * half-seconds in a row (under a tenth of a core each) with the heap grown by 8 MB or more since the
 * last release, full collections (`gc()`, two or three: 60-130 ms in all on a 50 MB heap at load
 * 6-8) compact the old generation and return its free pages. Steady work is never quiet, and a quiet
 * service's heap does not grow, so nothing runs while charges keep coming.
 *
 * The young generation grows under load up to the units' `--max-semi-space-size` (16 MB: two
 * semi-spaces of 16 MB committed) and V8 shrinks it back only in a collection that finds the
 * allocation rate low, which an idle service, making no garbage, never runs. So while the service is
 * quiet and its young generation is above its start size, a minor collection runs each interval
 * (0.5 ms on an empty young generation); measured, V8 gives the semi-spaces back after 5-6 s of
 * them (central: 32 MB committed, RSS 15 MB lower).
 */
export function releaseMemoryWhenQuiet(options: ReleaseMemoryOptions): { stop(): void } {
  const gc = 'gc' in options ? options.gc : globalThis.gc;
  if (!gc) {
    options.logger.debug({}, 'no gc() (node without --expose-gc): memory is released by V8 alone');
    return { stop: () => {} };
  }
  const intervalMs = options.intervalMs ?? 500;
  const cpuMicros =
    options.cpuMicros ??
    (() => {
      const u = process.cpuUsage();
      return u.user + u.system;
    });
  const youngBytes = options.youngBytes ?? youngGenerationBytes;
  const heapBytes = options.heapBytes ?? (() => getHeapStatistics().total_heap_size - youngGenerationBytes());
  let lastCpu = cpuMicros();
  let heapAfterRelease = heapBytes();
  let quiet = 0;
  let youngTries = 0;
  const releaseYoung = (): void => {
    if (youngTries >= MAX_YOUNG_TRIES) return;
    const before = youngBytes();
    if (before <= YOUNG_START_BYTES) return;
    gc({ type: 'minor' });
    youngTries++;
    const after = youngBytes();
    if (after < before) {
      options.logger.debug(
        {
          youngBeforeMb: Math.round(before / 2 ** 20),
          youngAfterMb: Math.round(after / 2 ** 20),
          tries: youngTries,
        },
        'gave back the young generation of a burst',
      );
    }
  };

  const releaseOld = (): void => {
    const before = heapBytes();
    if (before < heapAfterRelease + MIN_GROWTH_BYTES) {
      // V8's own reducer may have shrunk the heap meanwhile.
      heapAfterRelease = Math.min(heapAfterRelease, before);
      return;
    }
    const started = performance.now();
    // A full collection compacts only the most fragmented pages; the next one takes more (one:
    // 45 -> 34 MB committed after a 10,000-charge backlog; two or three: 48-50 -> 30-31 MB).
    heapAfterRelease = before;
    let passes = 0;
    while (passes < MAX_PASSES) {
      gc();
      passes++;
      const now = heapBytes();
      const freed = heapAfterRelease - now;
      heapAfterRelease = now;
      if (freed < MIN_PASS_BYTES) break;
    }
    options.logger.debug(
      {
        heapBeforeMb: Math.round(before / 2 ** 20),
        heapAfterMb: Math.round(heapAfterRelease / 2 ** 20),
        passes,
        ms: Math.round(performance.now() - started),
      },
      'released the memory of a burst',
    );
  };
  const timer = setInterval(() => {
    const cpu = cpuMicros();
    const share = (cpu - lastCpu) / 1000 / intervalMs;
    lastCpu = cpu;
    quiet = share < QUIET_SHARE ? quiet + 1 : 0;
    if (quiet === 0) youngTries = 0;
    if (quiet < QUIET_INTERVALS) return;
    releaseOld();
    releaseYoung();
    // The collections' own CPU is not the service's work.
    lastCpu = cpuMicros();
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}
