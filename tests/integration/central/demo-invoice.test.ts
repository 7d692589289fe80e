// The demo hotel can invoice: `npm start` seeds NYC invoice settings, so the walk-through's curl lines
// in docs/folio-engine.md preview and finalize an invoice for an in-house guest. Amounts are USD cents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemoHotel } from '@roompost/central';
import { centralAs, startTestCentral, TODAY } from '../../support/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

test('the demo previews and finalizes an invoice for 412 over HTTP, numbered in its HV series', async (t) => {
  const central = await startTestCentral(t);
  await seedDemoHotel(central.folio, TODAY);
  const frontDesk = centralAs(central.httpUrl, 'fd-anita', 'front_desk');
  const call = async (path: string, body?: unknown) => {
    const res = body === undefined ? await frontDesk.get<Json>(path) : await frontDesk.post<Json>(path, body);
    return { status: res.status, body: res.body };
  };

  const settings = await call('/api/folio/invoice-settings');
  assert.deepEqual(
    [settings.status, settings.body.regime, settings.body.invoicePrefix, settings.body.gstin],
    [200, 'US_NYC', 'HV', null],
  );
  const room = await call('/api/pms/rooms/412');
  const windows = await call(`/api/folio/stays/${room.body.stayRef}/folios`);
  assert.equal(windows.status, 200);
  const folioId = windows.body.folios[0].id as string;

  // The outlets' checks as posted (demo-hotel.ts): restaurant 110.00 + 9.76 tax + 22.00 tip and bar
  // 85.00 + 7.54 tax + 10.70 tip. Their tax arrived with them, so the invoice recomputes none:
  // 195.00 of food and drink, 17.30 of posted tax, 32.70 of tips = 245.00, the folio balance.
  const preview = await call(`/api/folio/folios/${folioId}/invoice-preview`, {});
  assert.equal(preview.status, 200);
  assert.deepEqual(
    [preview.body.status, preview.body.currency, preview.body.taxTotalMinor, preview.body.grandTotalMinor],
    ['DRAFT', 'USD', 1_730, 24_500],
  );
  assert.match(preview.body.supplier.address, /New York, NY/);

  const finalized = await call(`/api/folio/folios/${folioId}/invoices`, {});
  assert.equal(finalized.status, 201);
  assert.equal(finalized.body.number, `HV/${TODAY.slice(0, 4)}/00001`);
  assert.deepEqual(
    [
      finalized.body.finalizedBy,
      finalized.body.document.grandTotalMinor,
      finalized.body.document.amountInWords,
    ],
    ['fd-anita', 24_500, 'Two Hundred and Forty Five Dollars Only'],
  );
  const folio = await call(`/api/folio/folios/${folioId}`);
  assert.equal(folio.body.balanceMinor, 24_500);
  const again = await call(`/api/folio/folios/${folioId}/invoice-preview`, {});
  assert.deepEqual([again.status, again.body.code], [409, 'INVOICE_ALREADY_FINALIZED']);
});
