import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type TaxInput, taxLinesFor } from '@roompost/folio';

const night = (dollars: number, extra: Partial<TaxInput> = {}) =>
  taxLinesFor({
    regime: 'US_NYC',
    serviceDate: '2026-01-26',
    category: 'ROOM',
    amountMinor: Math.round(dollars * 100),
    ...extra,
  });
const byCode = (lines: ReturnType<typeof taxLinesFor>) =>
  Object.fromEntries(lines.map((l) => [l.code, l.amountMinor]));

test('NYC worked example: a $250 night pays 8.875 % + 5.875 % + $2 + $1.50 = $40.38', () => {
  // 250.00 × 8.875 % = 22.1875 → 22.19; × 5.875 % = 14.6875 → 14.69; flat $2.00 (rent ≥ $40);
  // unit fee $1.50. 22.19 + 14.69 + 2.00 + 1.50 = 40.38 a night, 121.14 for three nights.
  const lines = night(250);
  assert.deepEqual(byCode(lines), {
    NYS_SALES: 2_219,
    NYC_HOTEL: 1_469,
    NYC_HOTEL_FLAT: 200,
    NYS_UNIT_FEE: 150,
  });
  assert.equal(lines.find((l) => l.code === 'NYS_SALES')?.rate, '0.08875');
  assert.equal(lines.find((l) => l.code === 'NYC_HOTEL_FLAT')?.rate, null);
  const threeNights = [1, 2, 3].flatMap((n) => night(250, { nightNumber: n }));
  assert.equal(
    threeNights.reduce((sum, l) => sum + l.amountMinor, 0),
    12_114,
  );
});

test('the flat per-room amount follows the rent tiers: $0.50 from $10, $1 from $20, $1.50 from $30, $2 from $40', () => {
  const flat = (dollars: number) => byCode(night(dollars)).NYC_HOTEL_FLAT ?? 0;
  assert.equal(flat(9.99), 0);
  assert.equal(flat(10), 50);
  assert.equal(flat(19.99), 50);
  assert.equal(flat(20), 100);
  assert.equal(flat(30), 150);
  assert.equal(flat(39.99), 150);
  assert.equal(flat(40), 200);
  // A suite pays the flat amount for each of its rooms.
  assert.equal(byCode(night(400, { rooms: 3 })).NYC_HOTEL_FLAT, 600);
});

test('the unit fee is not charged when the rent is $2 a day or less', () => {
  assert.equal(byCode(night(2)).NYS_UNIT_FEE, undefined);
  assert.equal(byCode(night(2.01)).NYS_UNIT_FEE, 150);
});

test('permanent residents: state taxes stop after 90 nights, the city tax after 180', () => {
  assert.deepEqual(Object.keys(byCode(night(250, { nightNumber: 90 }))).sort(), [
    'NYC_HOTEL',
    'NYC_HOTEL_FLAT',
    'NYS_SALES',
    'NYS_UNIT_FEE',
  ]);
  assert.deepEqual(Object.keys(byCode(night(250, { nightNumber: 91 }))).sort(), [
    'NYC_HOTEL',
    'NYC_HOTEL_FLAT',
  ]);
  assert.deepEqual(Object.keys(byCode(night(250, { nightNumber: 180 }))).sort(), [
    'NYC_HOTEL',
    'NYC_HOTEL_FLAT',
  ]);
  assert.deepEqual(night(250, { nightNumber: 181 }), []);
});

test('a discount line on a night takes the percentages back but not the flat per-night amounts', () => {
  assert.deepEqual(byCode(night(-50, { nightlyRateMinor: 20_000, perNightFees: false })), {
    NYS_SALES: -444,
    NYC_HOTEL: -294,
  });
});

test('restaurant charges pay sales tax only; tips pay nothing', () => {
  const fb = taxLinesFor({
    regime: 'US_NYC',
    serviceDate: '2026-01-26',
    category: 'FOOD_BEVERAGE',
    amountMinor: 10_000,
  });
  assert.deepEqual(byCode(fb), { NYS_SALES: 888 });
  assert.deepEqual(
    taxLinesFor({ regime: 'US_NYC', serviceDate: '2026-01-26', category: 'TIP', amountMinor: 2_000 }),
    [],
  );
});
