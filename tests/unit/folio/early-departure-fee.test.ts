import assert from 'node:assert/strict';
import { test } from 'node:test';
import { earlyDepartureFee } from '@roompost/folio';

// Two released nights at 6,000.00 and 6,500.00 (paise).
const REMOVED = [600_000, 650_000];

test('FIXED charges the configured amount once, whatever was released', () => {
  assert.deepEqual(earlyDepartureFee('FIXED', '250000', REMOVED), {
    amountMinor: 250_000,
    rule: 'EARLY_DEPARTURE FIXED 250000',
  });
});

test('PERCENT_OF_REMOVED takes the percent of the released room revenue, half-up', () => {
  // 33.33 % of 12,500.00 = 4,166.25 → 416,625 paise exactly; 12.345 % of 1,250,000 = 154,312.5 → 154,313.
  assert.equal(earlyDepartureFee('PERCENT_OF_REMOVED', '33.33', REMOVED)?.amountMinor, 416_625);
  assert.equal(earlyDepartureFee('PERCENT_OF_REMOVED', '12.345', REMOVED)?.amountMinor, 154_313);
});

test('NIGHTS charges the first released nights at their booked rate, at most as many as were released', () => {
  assert.equal(earlyDepartureFee('NIGHTS', '1', REMOVED)?.amountMinor, 600_000);
  assert.equal(earlyDepartureFee('NIGHTS', '5', REMOVED)?.amountMinor, 1_250_000);
});

test('no fee without released nights, with NONE, or when the rule comes to zero', () => {
  assert.equal(earlyDepartureFee('FIXED', '250000', []), null);
  assert.equal(earlyDepartureFee('NONE', null, REMOVED), null);
  assert.equal(earlyDepartureFee('PERCENT_OF_REMOVED', '0', REMOVED), null);
});
