// Minor units ↔ the decimals HTTP PMSs speak, exact for every currency exponent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chargeFor } from '@roompost/central/pms-contract';
import { PmsError } from '../../../../central/src/pms/adapter.js';
import {
  amountFromPms,
  assertPostable,
  decimalToMinor,
  minorToDecimal,
  minorToDecimalString,
} from '../../../../central/src/pms/http/money.js';

test('minor units become decimals by the currency exponent (USD 2, JPY 0, KWD 3)', () => {
  assert.equal(minorToDecimalString(10575, 'USD'), '105.75');
  assert.equal(minorToDecimalString(5, 'USD'), '0.05');
  assert.equal(minorToDecimalString(-200, 'USD'), '-2.00');
  assert.equal(minorToDecimalString(1200, 'JPY'), '1200');
  assert.equal(minorToDecimalString(1234, 'KWD'), '1.234');
  assert.equal(minorToDecimal(10575, 'USD'), 105.75);
});

test('decimals from a PMS become exact minor units, numbers or strings', () => {
  assert.equal(decimalToMinor(105.75, 'USD'), 10575);
  assert.equal(decimalToMinor('0.1', 'USD'), 10);
  assert.equal(decimalToMinor(0.29, 'USD'), 29, 'a float that is not exact in binary');
  assert.equal(decimalToMinor('-245.00', 'USD'), -24500);
  assert.equal(decimalToMinor('1.234', 'KWD'), 1234);
  assert.equal(decimalToMinor(1200, 'JPY'), 1200);
});

test('an amount with more decimals than the currency has is refused, never rounded', () => {
  assert.throws(() => decimalToMinor('1.005', 'USD'), RangeError);
  assert.throws(() => decimalToMinor('12,50', 'EUR'), RangeError);
  const err = (() => {
    try {
      amountFromPms('abc', 'USD');
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof PmsError);
  assert.equal(err.code, 'CONNECTION_FAILED');
});

test('a charge whose parts do not add up, or in a foreign currency, is refused before sending', () => {
  assert.doesNotThrow(() => assertPostable(chargeFor('412', 'USD'), 'USD'));
  for (const [charge, currency] of [
    [chargeFor('412', 'USD', { totalMinor: 1 }), 'USD'],
    [chargeFor('412', 'EUR'), 'USD'],
  ] as const) {
    assert.throws(
      () => assertPostable(charge, currency),
      (e: unknown) => e instanceof PmsError && e.code === 'POSTING_REJECTED' && !e.retryable,
    );
  }
});
