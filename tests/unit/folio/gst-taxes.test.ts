import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FolioError, type TaxInput, taxLinesFor } from '@roompost/folio';

const RUPEE = 100;
const room = (serviceDate: string, rupees: number, extra: Partial<TaxInput> = {}) =>
  taxLinesFor({
    regime: 'IN_GST',
    serviceDate,
    category: 'ROOM',
    amountMinor: Math.round(rupees * RUPEE),
    ...extra,
  });
/** Total GST percent of a line, from its components (CGST+SGST or IGST): "0" when exempt. */
const percentOf = (lines: ReturnType<typeof taxLinesFor>) =>
  String(lines.reduce((sum, l) => sum + Number(l.rate) * 1000, 0) / 10);

function rejectsWith(code: string, field: string, fn: () => unknown) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof FolioError);
    assert.equal(error.code, code);
    assert.equal(error.context.field, field);
    return true;
  });
}

test('2017–2019 slabs of seed 004: below ₹1,000 exempt, 12 % from 1,000, 18 % from 2,500, 28 % from 7,500', () => {
  const d = '2018-11-13';
  assert.deepEqual(room(d, 999.99), []);
  assert.equal(percentOf(room(d, 1_000)), '12');
  assert.equal(percentOf(room(d, 2_499.99)), '12');
  assert.equal(percentOf(room(d, 2_500)), '18');
  assert.equal(percentOf(room(d, 7_499.99)), '18');
  assert.equal(percentOf(room(d, 7_500)), '28');
});

test('until 26 Jul 2018 the declared tariff picks the slab; from 27 Jul 2018 the price charged does', () => {
  // A room published at ₹7,500 and sold at ₹6,000: 28 % on the 6,000 under the declared-tariff rule.
  assert.equal(percentOf(room('2018-07-26', 6_000, { declaredTariffMinor: 750_000 })), '28');
  assert.equal(room('2018-07-26', 6_000, { declaredTariffMinor: 750_000 })[0]?.amountMinor, 84_000);
  assert.equal(percentOf(room('2018-07-27', 6_000, { declaredTariffMinor: 750_000 })), '18');
});

test('1 Oct 2019 – 17 Jul 2022: up to ₹1,000 nil, up to ₹7,500 12 %, above 18 %', () => {
  assert.equal(percentOf(room('2019-09-30', 7_500)), '28');
  assert.deepEqual(room('2019-10-01', 1_000), []);
  assert.equal(percentOf(room('2019-10-01', 1_000.01)), '12');
  assert.equal(percentOf(room('2019-10-01', 7_500)), '12');
  assert.equal(percentOf(room('2022-07-17', 7_500.01)), '18');
});

test('18 Jul 2022 – 21 Sep 2025: the ₹1,000 exemption is gone; up to ₹7,500 12 %, above 18 %', () => {
  assert.deepEqual(room('2022-07-17', 800), []);
  assert.equal(percentOf(room('2022-07-18', 800)), '12');
  assert.equal(percentOf(room('2025-09-21', 7_500)), '12');
  assert.equal(percentOf(room('2025-09-21', 7_500.01)), '18');
});

test('from 22 Sep 2025: up to ₹7,500 5 % without ITC, above 18 % with ITC', () => {
  const low = room('2025-09-22', 7_500);
  assert.equal(percentOf(low), '5');
  assert.ok(low.every((l) => l.itcAllowed === false));
  const high = room('2025-09-22', 7_500.01);
  assert.equal(percentOf(high), '18');
  assert.ok(high.every((l) => l.itcAllowed === true));
});

test('the slab follows the per-night value, not the line amount (a discount line on a ₹8,000 night)', () => {
  // Night worth 8,000 − 1,000 = 7,000 → 5 %; the −1,000 discount line is taxed at that night's rate.
  const lines = room('2025-11-13', -1_000, { nightlyRateMinor: 700_000 });
  assert.deepEqual(
    lines.map((l) => [l.code, l.rate, l.amountMinor]),
    [
      ['CGST', '0.025', -2_500],
      ['SGST', '0.025', -2_500],
    ],
  );
});

test('intra-state splits CGST and SGST, each rounded half-up on its own; inter-state charges IGST', () => {
  // ₹10.10 at 5 %: each half 2.5 % × 1010 paise = 25.25 → 25, so 50 paise in all (5 % of the whole
  // would be 50.5 → 51): the rule is per component, documented in docs/taxes-and-invoices.md.
  const intra = taxLinesFor({
    regime: 'IN_GST',
    serviceDate: '2025-11-13',
    category: 'ROOM',
    amountMinor: 1_010,
    supplierState: '27',
    placeOfSupply: '27',
  });
  assert.deepEqual(
    intra.map((l) => [l.code, l.label, l.amountMinor, l.sac]),
    [
      ['CGST', 'CGST @ 2.5%', 25, '996311'],
      ['SGST', 'SGST @ 2.5%', 25, '996311'],
    ],
  );
  const inter = room('2025-11-13', 9_000, { supplierState: '27', placeOfSupply: '29' });
  assert.deepEqual(
    inter.map((l) => [l.code, l.rate, l.amountMinor]),
    [['IGST', '0.18', 162_000]],
  );
});

test('restaurant rate follows the specified-premises flag; alcohol and laundry 18 %; tips never', () => {
  const line = (category: TaxInput['category'], specifiedPremises = false) =>
    taxLinesFor({
      regime: 'IN_GST',
      serviceDate: '2025-11-14',
      category,
      amountMinor: 100_000,
      specifiedPremises,
    });
  assert.equal(percentOf(line('FOOD_BEVERAGE')), '5');
  assert.equal(line('FOOD_BEVERAGE')[0]?.sac, '996332');
  assert.equal(line('FOOD_BEVERAGE')[0]?.itcAllowed, false);
  assert.equal(percentOf(line('FOOD_BEVERAGE', true)), '18');
  assert.equal(percentOf(line('ALCOHOL')), '18');
  assert.equal(percentOf(line('LAUNDRY')), '18');
  assert.equal(line('LAUNDRY')[0]?.sac, '999719');
  assert.deepEqual(line('TIP'), []);
});

test('bad input is refused with VALIDATION_FAILED naming the field', () => {
  rejectsWith('VALIDATION_FAILED', 'serviceDate', () => room('2017-06-30', 5_000));
  rejectsWith('VALIDATION_FAILED', 'serviceDate', () => room('2025-02-30', 5_000));
  rejectsWith('VALIDATION_FAILED', 'amountMinor', () =>
    room('2025-11-13', 6_000, { amountMinor: 600_000.5 }),
  );
  rejectsWith('VALIDATION_FAILED', 'placeOfSupply', () => room('2025-11-13', 6_000, { placeOfSupply: 'MH' }));
  rejectsWith('VALIDATION_FAILED', 'category', () =>
    taxLinesFor({ regime: 'IN_GST', serviceDate: '2025-11-13', category: 'PETS' as never, amountMinor: 1 }),
  );
});
