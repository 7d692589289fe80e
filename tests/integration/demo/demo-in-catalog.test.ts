// `ROOMPOST_DEMO=in npm start`: the kiosks serve Amber Haveli's own menu from central's item master —
// rupee prices with GST at the restaurant rate the property's tax identity implies (specified
// premises: 18 %), and beer outside GST under state VAT; plus its charge templates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMinor } from '@roompost/folio';
import type { CatalogView } from '@roompost/sync';
import { startTestDemo } from '../../support/demo.js';
import { api } from '../../support/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

test('the Indian demo kiosks serve an INR menu with GST (and VAT on beer) from central', async (t) => {
  const stack = await startTestDemo(t, { demo: 'in' });

  for (const url of [stack.edgeUrl, stack.restaurantUrl]) {
    const catalog = (await api<CatalogView>(url, '/api/catalog')).body;
    assert.equal(catalog.currency, 'INR');
    const bySku = new Map(catalog.items.map((i) => [i.sku, i]));
    assert.equal(bySku.get('MOJITO'), undefined, 'no US menu in Jaipur');
    assert.deepEqual(
      ['CHAI', 'LIMESODA', 'PANEER-TIKKA', 'DAL-MAKHANI', 'BUTTER-NAAN', 'GULAB-JAMUN', 'KINGFISHER'].map(
        (sku) => formatMinor(bySku.get(sku)!.priceMinor, catalog.currency, 'en-IN'),
      ),
      ['₹180.00', '₹220.00', '₹450.00', '₹520.00', '₹90.00', '₹240.00', '₹450.00'],
    );
    assert.equal(bySku.get('CHAI')!.taxRateLabel, 'GST_FOOD 18%');
    assert.equal(bySku.get('KINGFISHER')!.taxRateLabel, 'VAT_LIQUOR 20%');
    assert.deepEqual(
      catalog.templates?.map((tpl) => tpl.code),
      ['BREAKFAST-2', 'THALI-2'],
    );
  }

  // Priced at the outlet: GST on the chai and naan, VAT on the beer, each line rounded half-up.
  const quote = await api<Json>(stack.edgeUrl, '/api/checks/quote', {
    items: [
      { sku: 'CHAI', quantity: 2 },
      { sku: 'BUTTER-NAAN', quantity: 3 },
      { sku: 'KINGFISHER', quantity: 1 },
    ],
  });
  assert.equal(quote.status, 200, JSON.stringify(quote.body));
  assert.deepEqual(
    quote.body.lines.map((l: Json) => [l.sku, l.amountMinor, l.taxMinor]),
    [
      ['CHAI', 36_000, 6_480],
      ['BUTTER-NAAN', 27_000, 4_860],
      ['KINGFISHER', 45_000, 9_000],
    ],
  );
  assert.equal(quote.body.totalMinor, 108_000 + 20_340);
});
