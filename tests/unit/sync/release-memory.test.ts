import assert from 'node:assert/strict';
import { test } from 'node:test';
import { releaseMemoryWhenQuiet } from '@roompost/sync';
import { recordingLogger } from '../../support/recording-logger.js';

const MB = 2 ** 20;

/** A process whose CPU and heap the test sets; each `second(cpuShare, heapMb)` is one interval. */
function process1(t: import('node:test').TestContext, startHeapMb = 30) {
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
    gc: () => {
      collections.push(heap / MB);
      heap = startHeapMb * MB;
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

test('after a burst that grew the heap, the first quiet second runs one collection', (t) => {
  const p = process1(t);
  p.second(0.9, 40);
  p.second(1.0, 48);
  p.second(0.6, 50);
  assert.deepEqual(p.collections, [], 'not while busy');
  p.second(0.02, 50);
  assert.deepEqual(p.collections, [50]);
  p.second(0.01, 30);
  p.second(0.01, 30);
  assert.deepEqual(p.collections, [50], 'once per burst');
  assert.deepEqual(
    p.logger.find('released the memory of a burst').map((e) => {
      const { heapBeforeMb, heapAfterMb } = e.obj as Record<string, number>;
      return [heapBeforeMb, heapAfterMb];
    }),
    [[50, 30]],
  );
  // The next burst is released again.
  p.second(0.9, 45);
  p.second(0.9, 45);
  p.second(0.05, 45);
  assert.deepEqual(p.collections, [50, 45]);
});

test('no collection in steady work, after a short burst, or when the heap did not grow', (t) => {
  const p = process1(t);
  // Steady light work: never busy.
  for (let i = 0; i < 10; i++) p.second(0.3, 40);
  // One busy second is not a burst, nor are two with a quiet one between them.
  p.second(0.9, 40);
  p.second(0.05, 40);
  p.second(0.9, 40);
  p.second(0.05, 40);
  assert.deepEqual(p.collections, []);
  // A burst within the heap V8 already had (under 4 MB of growth).
  p.second(0.9, 32);
  p.second(0.9, 33);
  p.second(0.05, 33);
  assert.deepEqual(p.collections, []);
  // Steady heavy work: never quiet.
  for (let i = 0; i < 10; i++) p.second(0.9, 50);
  assert.deepEqual(p.collections, []);
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
