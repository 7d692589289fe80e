import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addMinor,
  applyRate,
  asMinorUnits,
  currencyExponent,
  formatMinor,
  parseDecimalAmount,
  percentOfMinor,
  type RoundingMode,
  roundToMinor,
  sumMinor,
  toDecimalString,
} from '@roompost/folio/money';
import { Decimal } from 'decimal.js';

describe('currencyExponent', () => {
  test('gives the minor-unit digits of USD, JPY, KWD and INR', () => {
    assert.equal(currencyExponent('USD'), 2);
    assert.equal(currencyExponent('JPY'), 0);
    assert.equal(currencyExponent('KWD'), 3);
    assert.equal(currencyExponent('INR'), 2);
  });

  test('rejects codes that are malformed or unknown to Intl', () => {
    for (const code of ['usd', 'US', 'USDX', '', 'XYZ', 'QQQ']) {
      assert.throws(() => currencyExponent(code), RangeError, code);
    }
  });
});

describe('parseDecimalAmount', () => {
  test('converts decimal strings to exact minor units', () => {
    assert.equal(parseDecimalAmount('87.50', 'USD'), 8750);
    assert.equal(parseDecimalAmount('87.5', 'USD'), 8750);
    assert.equal(parseDecimalAmount('0.01', 'USD'), 1);
    assert.equal(parseDecimalAmount('-17.50', 'USD'), -1750);
    assert.equal(parseDecimalAmount('1234', 'JPY'), 1234);
    assert.equal(parseDecimalAmount('1.234', 'KWD'), 1234);
    assert.equal(parseDecimalAmount('100000', 'INR'), 10_000_000);
    // 0.1 + 0.2 style float error cannot happen: the digits are moved, not multiplied
    assert.equal(parseDecimalAmount('1.15', 'USD'), 115);
    assert.equal(parseDecimalAmount('90071992547409.91', 'USD'), Number.MAX_SAFE_INTEGER);
  });

  test('turns negative zero into plain zero', () => {
    assert.ok(Object.is(parseDecimalAmount('-0.00', 'USD'), 0));
  });

  test('rejects more decimals than the currency has', () => {
    assert.throws(() => parseDecimalAmount('1.505', 'USD'), RangeError);
    assert.throws(() => parseDecimalAmount('100.0', 'JPY'), RangeError);
    assert.throws(() => parseDecimalAmount('1.2345', 'KWD'), RangeError);
  });

  test('rejects anything that is not a plain decimal number', () => {
    for (const text of [
      '',
      'abc',
      '1,50',
      '1.',
      '.5',
      '+1',
      ' 1',
      '1e3',
      '0x10',
      'NaN',
      'Infinity',
      '1.5.0',
      '--1',
    ]) {
      assert.throws(() => parseDecimalAmount(text, 'USD'), RangeError, JSON.stringify(text));
    }
  });

  test('rejects amounts beyond a safe integer of minor units', () => {
    assert.throws(() => parseDecimalAmount('90071992547409.92', 'USD'), RangeError);
  });

  test('rejects input that is not a string', () => {
    assert.throws(() => parseDecimalAmount(8750 as unknown as string, 'USD'), RangeError);
  });

  test('rejects an unknown currency', () => {
    assert.throws(() => parseDecimalAmount('1.00', 'XYZ'), RangeError);
  });
});

describe('toDecimalString', () => {
  test('renders minor units with the currency exponent', () => {
    assert.equal(toDecimalString(8750, 'USD'), '87.50');
    assert.equal(toDecimalString(5, 'USD'), '0.05');
    assert.equal(toDecimalString(-5, 'USD'), '-0.05');
    assert.equal(toDecimalString(0, 'USD'), '0.00');
    assert.equal(toDecimalString(1234, 'JPY'), '1234');
    assert.equal(toDecimalString(1, 'KWD'), '0.001');
    assert.equal(toDecimalString(Number.MAX_SAFE_INTEGER, 'USD'), '90071992547409.91');
  });

  test('round-trips with parseDecimalAmount', () => {
    for (const minor of [0, 1, -1, 99, 100, 8750, -123456789, Number.MAX_SAFE_INTEGER]) {
      assert.equal(parseDecimalAmount(toDecimalString(minor, 'USD'), 'USD'), minor);
    }
  });

  test('rejects non-integer input', () => {
    assert.throws(() => toDecimalString(87.5, 'USD'), RangeError);
  });
});

describe('formatMinor', () => {
  test('formats with the currency symbol in en-US by default', () => {
    assert.equal(formatMinor(8750, 'USD'), '$87.50');
    assert.equal(formatMinor(-1750, 'USD'), '-$17.50');
    assert.equal(formatMinor(123456789, 'USD'), '$1,234,567.89');
  });

  test('uses Indian lakh grouping for en-IN', () => {
    assert.equal(formatMinor(10_000_000, 'INR', 'en-IN'), '₹1,00,000.00');
    assert.equal(formatMinor(1_234_567_89, 'INR', 'en-IN'), '₹12,34,567.89');
  });

  test('shows exactly the currency exponent of decimals', () => {
    assert.equal(formatMinor(1234, 'JPY', 'en-US'), '¥1,234');
    assert.equal(formatMinor(1234, 'KWD', 'en-US'), 'KWD\u00a01.234');
  });

  test('keeps amounts beyond float precision exact', () => {
    assert.equal(formatMinor(Number.MAX_SAFE_INTEGER, 'USD'), '$90,071,992,547,409.91');
  });

  test('rejects non-integer input', () => {
    assert.throws(() => formatMinor(0.5, 'USD'), RangeError);
  });
});

describe('addMinor and sumMinor', () => {
  test('add safe integers', () => {
    assert.equal(addMinor(8750, 1750), 10500);
    assert.equal(sumMinor([8750, 0, 1750, -500]), 10000);
    assert.equal(sumMinor([]), 0);
  });

  test('reject non-integer input and results beyond safe integers', () => {
    assert.throws(() => addMinor(0.1, 0.2), RangeError);
    assert.throws(() => addMinor(Number.NaN, 1), RangeError);
    assert.throws(() => addMinor(Number.MAX_SAFE_INTEGER, 1), RangeError);
    assert.throws(() => sumMinor([1, 2.5]), RangeError);
    assert.throws(() => asMinorUnits(Number.POSITIVE_INFINITY), RangeError);
  });
});

describe('roundToMinor', () => {
  const cases: Array<[string, Record<RoundingMode, number>]> = [
    ['2.5', { HALF_UP: 3, HALF_EVEN: 2, DOWN: 2, UP: 3 }],
    ['3.5', { HALF_UP: 4, HALF_EVEN: 4, DOWN: 3, UP: 4 }],
    ['-2.5', { HALF_UP: -3, HALF_EVEN: -2, DOWN: -2, UP: -3 }],
    ['-3.5', { HALF_UP: -4, HALF_EVEN: -4, DOWN: -3, UP: -4 }],
    ['2.4999', { HALF_UP: 2, HALF_EVEN: 2, DOWN: 2, UP: 3 }],
    ['2.5001', { HALF_UP: 3, HALF_EVEN: 3, DOWN: 2, UP: 3 }],
    ['-2.1', { HALF_UP: -2, HALF_EVEN: -2, DOWN: -2, UP: -3 }],
    ['-2.7', { HALF_UP: -3, HALF_EVEN: -3, DOWN: -2, UP: -3 }],
    ['7', { HALF_UP: 7, HALF_EVEN: 7, DOWN: 7, UP: 7 }],
    ['0.5', { HALF_UP: 1, HALF_EVEN: 0, DOWN: 0, UP: 1 }],
  ];
  for (const [value, expected] of cases) {
    for (const mode of Object.keys(expected) as RoundingMode[]) {
      test(`${mode} rounds ${value} to ${expected[mode]}`, () => {
        assert.equal(roundToMinor(new Decimal(value), mode), expected[mode]);
      });
    }
  }

  test('never yields negative zero', () => {
    assert.ok(Object.is(roundToMinor(new Decimal('-0.4'), 'HALF_UP'), 0));
  });

  test('rejects unknown modes, non-finite values and results beyond safe integers', () => {
    assert.throws(() => roundToMinor(new Decimal(1), 'CEILING' as RoundingMode), RangeError);
    assert.throws(() => roundToMinor(new Decimal(1), 'toString' as RoundingMode), RangeError);
    assert.throws(() => roundToMinor(new Decimal(Number.NaN), 'HALF_UP'), RangeError);
    assert.throws(() => roundToMinor(new Decimal('1e16'), 'HALF_UP'), RangeError);
  });
});

describe('applyRate and percentOfMinor', () => {
  test('apply a decimal rate exactly, then round once', () => {
    // 8.875% NYC sales tax on $87.50 = 776.5625 cents
    assert.equal(applyRate(8750, '0.08875', 'HALF_UP'), 777);
    assert.equal(applyRate(8750, '0.08875', 'DOWN'), 776);
    // 754.375 and 976.25
    assert.equal(applyRate(8500, '0.08875', 'HALF_UP'), 754);
    assert.equal(applyRate(11000, '0.08875', 'UP'), 977);
  });

  test('decide exact halves by the mode', () => {
    // 1050 × 0.05 = 52.5 exactly
    assert.equal(applyRate(1050, '0.05', 'HALF_UP'), 53);
    assert.equal(applyRate(1050, '0.05', 'HALF_EVEN'), 52);
    assert.equal(percentOfMinor(1050, '5', 'HALF_UP'), 53);
    assert.equal(percentOfMinor(1050, '5', 'HALF_EVEN'), 52);
    assert.equal(percentOfMinor(1150, '5', 'HALF_EVEN'), 58);
  });

  test('compute percentages of minor units, including GST slabs and negatives', () => {
    assert.equal(percentOfMinor(10000, '18', 'HALF_UP'), 1800);
    assert.equal(percentOfMinor(750000, '5', 'HALF_UP'), 37500);
    assert.equal(percentOfMinor(333, '12.5', 'HALF_UP'), 42); // 41.625
    assert.equal(percentOfMinor(-1050, '5', 'HALF_UP'), -53);
    assert.equal(percentOfMinor(-1050, '5', 'DOWN'), -52);
    assert.equal(percentOfMinor(10000, '-10', 'HALF_UP'), -1000);
  });

  test('stay exact for the largest safe amounts', () => {
    // 9007199254740991 × 0.08875 = 799388933858262.4513… needs more than decimal.js's default 20 digits
    assert.equal(applyRate(Number.MAX_SAFE_INTEGER, '0.08875', 'DOWN'), 799388933858262);
    assert.equal(applyRate(Number.MAX_SAFE_INTEGER, '0.5', 'HALF_EVEN'), 4503599627370496);
  });

  test('reject non-integer amounts', () => {
    assert.throws(() => applyRate(87.5, '0.08875', 'HALF_UP'), RangeError);
    assert.throws(() => percentOfMinor(1.5, '10', 'HALF_UP'), RangeError);
    assert.throws(() => applyRate(Number.MAX_SAFE_INTEGER + 1, '1', 'HALF_UP'), RangeError);
  });

  test('reject rates that are not plain decimal strings', () => {
    for (const rate of ['', 'abc', '1e-2', 'NaN', 'Infinity', '0x1', '.5', '5%', ' 5']) {
      assert.throws(() => applyRate(100, rate, 'HALF_UP'), RangeError, JSON.stringify(rate));
    }
    assert.throws(() => applyRate(100, 0.05 as unknown as string, 'HALF_UP'), RangeError);
  });
});
