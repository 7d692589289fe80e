import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '@roompost/sync';
import type { CatalogItemRow } from '../../../edge/src/catalog/catalog.repository.js';
import { quoteCheck } from '../../../edge/src/catalog/quote.js';

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
      err instanceof ApiError && err.code === 'VALIDATION_FAILED' && err.field === 'items.1.sku',
  );
});
