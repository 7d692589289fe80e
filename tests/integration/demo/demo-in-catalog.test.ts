// `ROOMPOST_DEMO=in npm start`: the kiosks serve Amber Haveli's own menu from central's item master —
// rupee prices with GST at the restaurant rate the property's tax identity implies (specified
// premises: 18 %), and beer outside GST under state VAT; plus its charge templates.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { formatMinor } from '@roompost/folio';
import type { CatalogView, ChargeView, KioskLookup } from '@roompost/sync';
import { startTestDemo } from '../../support/demo.js';
import { api, eventually } from '../../support/stack.js';

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

  // Charged to room 204 and posted to the built-in folio: the invoice names each item's tax from its
  // catalog tax class, VAT on the beer (never "GST (outlet)"), CGST + SGST on the chai.
  const lookup = await eventually(async () => {
    const res = await api<KioskLookup>(stack.edgeUrl, '/api/lookup', { uid: '08A1B2C3' });
    return res.status === 200 ? res.body : undefined;
  }, 'room 204 by key card');
  const charged = await api<ChargeView>(stack.edgeUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.verificationId,
    items: [
      { sku: 'CHAI', quantity: 2 },
      { sku: 'KINGFISHER', quantity: 1 },
    ],
    tipMinor: 0,
  });
  assert.equal(charged.status, 201, JSON.stringify(charged.body));
  await eventually(async () => {
    const c = await api<ChargeView>(stack.edgeUrl, `/api/charges/${charged.body.id}`);
    return c.body.status === 'posted' ? true : undefined;
  }, 'the charge posted');
  const signIn = await fetch(`${stack.centralUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'manager', password: 'manager-demo-pass' }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const central = async (path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${stack.centralUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.equal(res.status, 200, path);
    return (await res.json()) as Json;
  };
  const stayRef = (await stack.central.folio.lookupRoom('204')).stayRef;
  const folios = await central(`/api/folio/stays/${encodeURIComponent(stayRef)}/folios`);
  const taxes: Json[] = [];
  for (const f of folios.folios ?? folios) {
    const draft = await central(`/api/folio/folios/${encodeURIComponent(f.id)}/invoice-preview`, {});
    for (const line of draft.lines) {
      if (String(line.description).includes(`Check #${charged.body.checkNumber}`)) taxes.push(...line.taxes);
    }
  }
  const labels = taxes.map((x) => x.label);
  assert.ok(labels.includes('VAT @ 20%'), `the beer's VAT on the invoice: ${labels.join(', ')}`);
  assert.ok(labels.includes('CGST @ 9%') && labels.includes('SGST @ 9%'), labels.join(', '));
  assert.ok(!labels.some((l) => l.includes('(outlet)')), `no "GST (outlet)": ${labels.join(', ')}`);
  assert.equal(
    taxes.filter((x) => x.code === 'VAT').reduce((sum, x) => sum + x.amountMinor, 0),
    9_000,
    'VAT 20 % of ₹450',
  );
});
