import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodedError } from '@roompost/sync';
import type { CatalogItemRow } from '../../../edge/src/catalog/catalog.repository.js';
import { deliveryRule, quoteCheck } from '../../../edge/src/catalog/quote.js';

const item = (sku: string, price: number, rate = '0.08875'): CatalogItemRow => ({
  sku,
  name: sku,
  category_code: 'X',
  price_minor: price,
  tax_class: 'FOOD',
  tax_rate: rate,
  active: 1,
  sort: 0,
});
const catalog = new Map(
  [item('MOJITO', 1600), item('FRIES', 1100), item('WATER', 400, '0')].map((i) => [i.sku, i]),
);

test('tax is computed per line and rounded half-up; totals add up exactly', () => {
  const q = quoteCheck(
    {
      items: [
        { sku: 'MOJITO', quantity: 2 },
        { sku: 'FRIES', quantity: 1 },
        { sku: 'WATER', quantity: 3 },
      ],
      tipMinor: 500,
    },
    catalog,
  );
  // 3200 × 0.08875 = 284.0 → 284; 1100 × 0.08875 = 97.625 → 98; water untaxed
  assert.deepEqual(
    q.lines.map((l) => [l.sku, l.amountMinor, l.taxMinor]),
    [
      ['MOJITO', 3200, 284],
      ['FRIES', 1100, 98],
      ['WATER', 1200, 0],
    ],
  );
  assert.deepEqual([q.subtotalMinor, q.taxMinor, q.tipMinor, q.totalMinor], [5500, 382, 500, 6382]);
});

test('the same item twice becomes one line', () => {
  const q = quoteCheck(
    {
      items: [
        { sku: 'FRIES', quantity: 1 },
        { sku: 'FRIES', quantity: 2 },
      ],
      tipMinor: 0,
    },
    catalog,
  );
  assert.deepEqual(
    q.lines.map((l) => [l.sku, l.quantity]),
    [['FRIES', 3]],
  );
});

test('an item not on the menu is refused naming its position', () => {
  assert.throws(
    () =>
      quoteCheck(
        {
          items: [
            { sku: 'WATER', quantity: 1 },
            { sku: 'CAVIAR', quantity: 1 },
          ],
          tipMinor: 0,
        },
        catalog,
      ),
    (err: unknown) =>
      err instanceof CodedError && err.code === 'VALIDATION_FAILED' && err.field === 'items.1.sku',
  );
});

const DELIVERY = { chargeMinor: 500, taxRate: '0.05', name: 'Delivery charge' };

test('delivery to room adds the configured charge as its own last line, taxed at its rate; the tip stays untaxed', () => {
  const q = quoteCheck(
    {
      items: [
        { sku: 'FRIES', quantity: 1 },
        { custom: { name: 'Cake', unitPriceMinor: 700 }, quantity: 1 },
      ],
      tipMinor: 300,
      delivery: true,
    },
    catalog,
    DELIVERY,
  );
  assert.deepEqual(
    q.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor, l.amountMinor, l.taxMinor]),
    [
      ['FRIES', 1, 1100, 1100, 98],
      ['CUSTOM-1', 1, 700, 700, 0],
      ['DELIVERY', 1, 500, 500, 25],
    ],
  );
  // subtotal 1100 + 700 + 500; tax 98 + 0 + 25; tip 300 on top, no tax on it
  assert.deepEqual([q.subtotalMinor, q.taxMinor, q.tipMinor, q.totalMinor], [2300, 123, 300, 2723]);
});

test('delivery tax rounds half-up; an untaxed delivery charge adds no tax; no delivery: no line', () => {
  const odd = quoteCheck({ items: [{ sku: 'WATER', quantity: 1 }], tipMinor: 0, delivery: true }, catalog, {
    ...DELIVERY,
    chargeMinor: 250,
    taxRate: '0.09',
  });
  assert.deepEqual(odd.lines.at(-1)?.taxMinor, 23, '250 × 0.09 = 22.5 → 23');
  const untaxed = quoteCheck(
    { items: [{ sku: 'WATER', quantity: 1 }], tipMinor: 0, delivery: true },
    catalog,
    { ...DELIVERY, taxRate: '0' },
  );
  assert.deepEqual([untaxed.subtotalMinor, untaxed.taxMinor, untaxed.totalMinor], [900, 0, 900]);
  const off = quoteCheck(
    { items: [{ sku: 'WATER', quantity: 1 }], tipMinor: 0, delivery: false },
    catalog,
    DELIVERY,
  );
  assert.deepEqual(
    off.lines.map((l) => l.sku),
    ['WATER'],
  );
});

test('delivery on an outlet without a delivery charge is refused naming the field', () => {
  assert.throws(
    () => quoteCheck({ items: [{ sku: 'WATER', quantity: 1 }], tipMinor: 0, delivery: true }, catalog),
    (err: unknown) =>
      err instanceof CodedError && err.code === 'VALIDATION_FAILED' && err.field === 'delivery',
  );
});

test('deliveryRule fills the defaults: untaxed, named "Delivery charge"', () => {
  assert.deepEqual(deliveryRule({ delivery: { chargeMinor: 500 } }), {
    chargeMinor: 500,
    taxRate: '0',
    name: 'Delivery charge',
  });
  assert.equal(deliveryRule({}), null);
});
