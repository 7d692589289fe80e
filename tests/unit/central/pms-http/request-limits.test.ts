import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestLimiter, requestLimits } from '../../../../central/src/pms/http/request-limits.js';

/** A limiter on a clock the test moves; acquire() resolves at once whenever no wait is due. */
function limiterAt(windows: Array<{ requests: number; seconds: number }>) {
  let now = 0;
  const limiter = new RequestLimiter(windows, () => now);
  return {
    limiter,
    at(ms: number) {
      now = ms;
    },
  };
}

test('a request holds its place in the window from sending until a window after its answer', async () => {
  const { limiter, at } = limiterAt([{ requests: 2, seconds: 1 }]);
  const first = await limiter.acquire();
  at(400);
  const second = await limiter.acquire();
  // Both in flight: the window is full until one is answered (the PMS may not have counted them yet).
  assert.equal(limiter.delayMs(), Number.POSITIVE_INFINITY);
  at(600);
  first(); // answered at 600: it frees its place at 1600, whenever the PMS counted it
  assert.equal(limiter.delayMs(), 1000);
  at(700);
  second();
  at(1600);
  assert.equal(limiter.delayMs(), 0);
  const third = await limiter.acquire();
  assert.equal(limiter.delayMs(), 100, 'the one answered at 700 frees at 1700');
  third();
});

test('every window applies at once: a per-minute cap holds even when each second is under its own', async () => {
  const { limiter, at } = limiterAt([
    { requests: 5, seconds: 1 },
    { requests: 6, seconds: 60 },
  ]);
  for (let i = 0; i < 6; i++) {
    at(i * 2000);
    assert.equal(limiter.delayMs(), 0, `request ${i + 1}`);
    (await limiter.acquire())();
  }
  at(12_000);
  // The first request (answered at 0) leaves the minute window at 60 000 ms.
  assert.equal(limiter.delayMs(), 48_000);
});

test("a 429 closes the gate for the PMS's Retry-After, or backs off 1 s, 2 s, 4 s… without one", () => {
  const { limiter, at } = limiterAt([{ requests: 100, seconds: 1 }]);
  assert.equal(limiter.rateLimited(7), 7000);
  assert.equal(limiter.delayMs(), 7000);
  at(7000);
  assert.equal(limiter.rateLimited(null), 1000);
  // A second 429 from the same burst (sent before the gate closed) adds no strike.
  at(7100);
  assert.equal(limiter.rateLimited(null), 900);
  at(8000);
  assert.equal(limiter.rateLimited(null), 2000);
  at(10_000);
  assert.equal(limiter.rateLimited(null), 4000);
  // An answer that is not a 429 starts the back-off over.
  limiter.answered();
  at(14_000);
  assert.equal(limiter.rateLimited(null), 1000);
  assert.equal(limiter.rateLimitedCount, 6);
});

test('requestLimits refuses a limit that is no limit, naming the field', () => {
  assert.equal(requestLimits.safeParse([]).success, false);
  const zero = requestLimits.safeParse([{ requests: 0, seconds: 1 }]);
  assert.deepEqual(zero.error?.issues[0]?.path, [0, 'requests']);
  const unknown = requestLimits.safeParse([{ requests: 5, seconds: 1, burst: 10 }]);
  assert.equal(unknown.success, false);
});
