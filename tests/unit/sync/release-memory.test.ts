import assert from 'node:assert/strict';
import { test } from 'node:test';
import { releaseMemoryWhenQuiet } from '@roompost/sync';
import { recordingLogger } from '../../support/recording-logger.js';

const MB = 2 ** 20;

/** A process whose CPU and heap the test sets; `second(cpuShare, heapMb)` is one interval of it. */
function watched(t: import('node:test').TestContext, startHeapMb = 30) {
  t.mock.timers.enable({ apis: ['setInterval'] });
  let cpu = 0;
  let heap = startHeapMb * MB;
  const collections: number[] = [];
  const logger = recordingLogger();
  const release = releaseMemoryWhenQuiet({
    logger,
    intervalMs: 1000,
    cpuMicros: () => cpu,
    heapBytes: () => heap,
    // Each collection gives back up to 12 MB, down to where the heap started.
    gc: () => {
      collections.push(heap / MB);
      heap = Math.max(startHeapMb * MB, heap - 12 * MB);
    },
  });
  t.after(() => release.stop());
  return {
    collections,
    logger,
    second(cpuShare: number, heapMb: number) {
      cpu += cpuShare * 1_000_000;
      heap = heapMb * MB;
      t.mock.timers.tick(1000);
    },
  };
}

test('after a burst that grew the heap, two quiet intervals release it once', (t) => {
  const p = watched(t);
  p.second(0.3, 40);
  p.second(1.0, 48);
  p.second(0.6, 50);
  p.second(0.02, 50);
  assert.deepEqual(p.collections, [], 'one quiet interval may be a pause in the burst');
  p.second(0.02, 50);
  // Again while a collection gives back 2 MB or more, at most three: 50 -> 38 -> 30, then 0 freed.
  assert.deepEqual(p.collections, [50, 38, 30]);
  for (let i = 0; i < 5; i++) p.second(0.01, 30);
  assert.deepEqual(p.collections, [50, 38, 30], 'once per burst');
  assert.deepEqual(
    p.logger.find('released the memory of a burst').map((e) => {
      const { heapBeforeMb, heapAfterMb, passes } = e.obj as Record<string, number>;
      return [heapBeforeMb, heapAfterMb, passes];
    }),
    [[50, 30, 3]],
  );
  // The next burst is released again.
  p.second(0.9, 45);
  p.second(0.05, 45);
  p.second(0.05, 45);
  assert.deepEqual(p.collections, [50, 38, 30, 45, 33, 30]);
});

test('no collection while work goes on, nor when the heap grew by less than 8 MB', (t) => {
  const p = watched(t);
  // Steady work, light or heavy, with quiet intervals only one at a time: never two quiet in a row.
  for (let i = 0; i < 10; i++) {
    p.second(i % 2 ? 0.3 : 0.9, 50);
    p.second(0.05, 50);
  }
  assert.deepEqual(p.collections, []);
  // Quiet, but within the heap V8 already had.
  p.second(0.05, 37);
  p.second(0.05, 37);
  p.second(0.05, 37);
  assert.deepEqual(p.collections, []);
  // V8 shrank the heap by itself: growth is counted from there.
  p.second(0.05, 26);
  p.second(0.9, 35);
  p.second(0.05, 35);
  p.second(0.05, 35);
  assert.deepEqual(p.collections, [35, 30]);
});

test('without gc() (node without --expose-gc) nothing runs', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const logger = recordingLogger();
  const release = releaseMemoryWhenQuiet({ logger, gc: undefined, cpuMicros: () => 0 });
  t.mock.timers.tick(5000);
  release.stop();
  assert.equal(logger.entries.length, 1);
  assert.equal(logger.entries[0]?.level, 'debug');
});
