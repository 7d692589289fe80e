import assert from 'node:assert/strict';
import { test } from 'node:test';
import { releaseMemoryWhenQuiet } from '@roompost/sync';
import { recordingLogger } from '../../support/recording-logger.js';

const MB = 2 ** 20;

/**
 * A process whose CPU and heap the test sets; `second(cpuShare, heapMb, youngMb)` is one interval of
 * it. A full collection gives back up to 12 MB of the old generation, down to where it started; a
 * minor one gives the young generation back (1 MB) from the `shrinkOnMinor`-th in a row on.
 */
function watched(t: import('node:test').TestContext, startHeapMb = 30, shrinkOnMinor = 1) {
  t.mock.timers.enable({ apis: ['setInterval'] });
  let cpu = 0;
  let heap = startHeapMb * MB;
  let young = 1 * MB;
  const collections: number[] = [];
  const minors: number[] = [];
  const logger = recordingLogger();
  const release = releaseMemoryWhenQuiet({
    logger,
    intervalMs: 1000,
    cpuMicros: () => cpu,
    heapBytes: () => heap,
    youngBytes: () => young,
    gc: (options) => {
      if (options?.type === 'minor') {
        minors.push(young / MB);
        if (minors.length >= shrinkOnMinor) young = 1 * MB;
        return;
      }
      collections.push(heap / MB);
      heap = Math.max(startHeapMb * MB, heap - 12 * MB);
    },
  });
  t.after(() => release.stop());
  return {
    collections,
    minors,
    logger,
    second(cpuShare: number, heapMb: number, youngMb?: number) {
      cpu += cpuShare * 1_000_000;
      heap = heapMb * MB;
      if (youngMb !== undefined) young = youngMb * MB;
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

test('a young generation grown by a burst gets minor collections while quiet until V8 gives it back', (t) => {
  // V8 shrinks the semi-spaces only in a collection that finds allocation low: here the fourth.
  const p = watched(t, 30, 4);
  p.second(0.9, 30, 32);
  p.second(0.9, 30, 32);
  assert.deepEqual(p.minors, [], 'never while work goes on');
  p.second(0.02, 30);
  assert.deepEqual(p.minors, [], 'one quiet interval may be a pause in the burst');
  for (let i = 0; i < 4; i++) p.second(0.02, 30);
  assert.deepEqual(p.minors, [32, 32, 32, 32]);
  assert.deepEqual(p.collections, [], 'the old generation did not grow: no full collection');
  for (let i = 0; i < 5; i++) p.second(0.02, 30);
  assert.equal(p.minors.length, 4, 'nothing more once the young generation is back at its start size');
  assert.deepEqual(
    p.logger.find('gave back the young generation of a burst').map((e) => {
      const { youngBeforeMb, youngAfterMb, tries } = e.obj as Record<string, number>;
      return [youngBeforeMb, youngAfterMb, tries];
    }),
    [[32, 1, 4]],
  );
});

test('a young generation V8 keeps gets 30 minor collections per quiet spell, then none until work comes again', (t) => {
  const p = watched(t, 30, Number.POSITIVE_INFINITY);
  p.second(0.9, 30, 16);
  for (let i = 0; i < 40; i++) p.second(0.02, 30);
  assert.equal(p.minors.length, 30);
  p.second(0.9, 30);
  p.second(0.02, 30);
  p.second(0.02, 30);
  assert.equal(p.minors.length, 31, 'a new quiet spell tries again');
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
