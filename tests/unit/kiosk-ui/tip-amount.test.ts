import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tipForPercent, tipOptions } from '../../../kiosk-ui/src/kiosk/tip/tip-amount.js';

test('a preset is a percentage of the subtotal, rounded half up to a minor unit', () => {
  assert.equal(tipForPercent(8750, 20), 1750); // seed 000: $87.50 → $17.50
  assert.equal(tipForPercent(8750, 18), 1575);
  assert.equal(tipForPercent(1005, 10), 101); // 100.5 → 101
  assert.equal(tipForPercent(333, 12.5), 42); // 41.625 → 42
  assert.equal(tipForPercent(0, 20), 0);
});

test('"No tip" comes first, then valid presets once each in the configured order', () => {
  assert.deepEqual(tipOptions(10000, [15, 10, 15, 0, -5, 200, Number.NaN, 20]), [
    { percent: null, tipMinor: 0 },
    { percent: 15, tipMinor: 1500 },
    { percent: 10, tipMinor: 1000 },
    { percent: 20, tipMinor: 2000 },
  ]);
  assert.deepEqual(tipOptions(10000, []), [{ percent: null, tipMinor: 0 }]);
});
