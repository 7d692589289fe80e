import { getHeapStatistics } from 'node:v8';
import type { Logger } from '../logger.js';

export interface ReleaseMemoryOptions {
  logger: Logger;
  /**
   * V8's full collection. Default `globalThis.gc`, there when node runs with `--expose-gc` (the
   * systemd units' flag); without it nothing is done.
   */
  gc?: (() => void) | undefined;
  /** How often the process's CPU and heap are looked at. Default 500 ms. */
  intervalMs?: number;
  /** CPU (user + system) the process has used so far, µs. Default `process.cpuUsage()`. */
  cpuMicros?: () => number;
  /** The V8 heap's committed size, bytes. Default `v8.getHeapStatistics().total_heap_size`. */
  heapBytes?: () => number;
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
 * Gives the memory of a burst back to the system once the service is quiet again. During a burst (a
 * backlog drained after an outage, many charges at once) V8 raises the old generation's limit and
 * fills it with charges in flight and their garbage; afterwards it keeps those pages committed until
 * its memory reducer runs, which waits for a low allocation rate over several seconds (15-30 s
 * measured after a 10,000-charge backlog at central, docs/performance.md). Here, after two quiet
 * half-seconds in a row (under a tenth of a core each) with the heap grown by 8 MB or more since the
 * last release, full collections (`gc()`, two or three: 60-130 ms in all on a 50 MB heap at load
 * 6-8) compact the old generation and return its free pages. Steady work is never quiet, and a quiet
 * service's heap does not grow, so nothing runs while charges keep coming.
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
  const heapBytes = options.heapBytes ?? (() => getHeapStatistics().total_heap_size);
  let lastCpu = cpuMicros();
  let heapAfterRelease = heapBytes();
  let quiet = 0;
  const timer = setInterval(() => {
    const cpu = cpuMicros();
    const share = (cpu - lastCpu) / 1000 / intervalMs;
    lastCpu = cpu;
    quiet = share < QUIET_SHARE ? quiet + 1 : 0;
    if (quiet < QUIET_INTERVALS) return;
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
    // The collection's own CPU is not the service's work.
    lastCpu = cpuMicros();
    options.logger.debug(
      {
        heapBeforeMb: Math.round(before / 2 ** 20),
        heapAfterMb: Math.round(heapAfterRelease / 2 ** 20),
        passes,
        ms: Math.round(performance.now() - started),
      },
      'released the memory of a burst',
    );
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
