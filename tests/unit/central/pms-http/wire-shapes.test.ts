// What each adapter puts on the wire, checked against the documented shapes
// (reference/pms-interfaces.md §§2–6): where our charge id travels, and the auth each PMS wants.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chargeFor } from '@roompost/central/pms-contract';
import { createApaleoAdapter } from '../../../../central/src/pms/apaleo/apaleo-adapter.js';
import { apaleoPmsConfig } from '../../../../central/src/pms/apaleo/apaleo-config.js';
import { customItemForm } from '../../../../central/src/pms/cloudbeds/cloudbeds-adapter.js';
import { htngPmsConfig } from '../../../../central/src/pms/htng/htng-config.js';
import { chargePostingRq } from '../../../../central/src/pms/htng/htng-messages.js';
import { orderBody } from '../../../../central/src/pms/mews/mews-adapter.js';
import { mewsPmsConfig } from '../../../../central/src/pms/mews/mews-config.js';
import { chargesBody } from '../../../../central/src/pms/ohip/ohip-adapter.js';
import { ohipPmsConfig } from '../../../../central/src/pms/ohip/ohip-config.js';
import { fakeFetch, fixedClock, json } from './fake-fetch.js';

const charge = chargeFor('412', 'USD', { taxMinor: 700, subtotalMinor: 8050, stayRef: 'R1' });

test('Cloudbeds postCustomItem: referenceID is our charge id; items in the nested form encoding', () => {
  const form = customItemForm(charge, 'R1');
  assert.equal(form.get('referenceID'), charge.chargeId);
  assert.equal(form.get('items[0][itemPrice]'), '80.50');
  assert.equal(form.get('items[0][itemTaxes][0][taxValue]'), '7.00');
  assert.equal(form.get('items[1][itemName]'), 'Gratuity');
  assert.equal(form.get('items[1][itemPrice]'), '17.50');
});

test('apaleo: the charge goes to folio-actions/{folioId}/charges with Idempotency-Key = charge id', async () => {
  const fetch = fakeFetch([
    [(u) => u.includes('/connect/token'), json(200, { access_token: 't', expires_in: 3600 })],
    [
      (u) => u.includes('/finance/v1/folios?'),
      json(200, { folios: [{ id: 'F1', type: 'Guest', allowedActions: ['AddCharge'] }] }),
    ],
    [(u) => u.includes('/folio-actions/F1/charges'), json(201, { id: 'F1-1' })],
  ]);
  const config = apaleoPmsConfig.parse({
    kind: 'apaleo',
    baseUrl: 'https://api.apaleo.example',
    propertyId: 'MUC',
    currency: 'USD',
    auth: { tokenUrl: 'https://id.apaleo.example/connect/token', clientId: 'c', clientSecret: 's' },
  });
  const result = await createApaleoAdapter(config, {
    clock: fixedClock('2026-01-27T19:45:00Z'),
    fetch,
  }).postCharge(charge);
  assert.equal(result.pmsTransactionId, 'F1-1');
  const post = fetch.calls.at(-1);
  const headers = post?.init.headers as Record<string, string>;
  assert.equal(headers['idempotency-key'], charge.chargeId);
  assert.equal(headers.authorization, 'Bearer t');
  assert.deepEqual(JSON.parse(String(post?.init.body)), {
    serviceType: 'FoodAndBeverages',
    vatType: 'Normal',
    name: charge.description,
    amount: { amount: 105, currency: 'USD' },
    receipt: '1247',
    quantity: 1,
  });
});

test('Mews orders/add: gross items with one tax code, ExternalIdentifier from our charge id', () => {
  const config = mewsPmsConfig.parse({
    kind: 'mews',
    clientToken: 'c',
    accessToken: 'a',
    serviceId: 'S',
    taxCode: 'US-DC-G',
    currency: 'USD',
  });
  const hit = {
    Customer: { Id: 'C1', LastName: 'W', Classifications: [] },
    Reservation: { Id: 'R1', StartUtc: '', EndUtc: '', AdultCount: 1 },
  };
  const body = orderBody(charge, config, hit);
  assert.equal(body.AccountId, 'C1');
  assert.equal(body.LinkedReservationId, 'R1');
  assert.deepEqual(
    body.Items.map((i) => [i.ExternalIdentifier, i.UnitAmount]),
    [
      [charge.chargeId, { Currency: 'USD', GrossValue: 87.5, TaxCodes: ['US-DC-G'] }],
      [`${charge.chargeId}:tip`, { Currency: 'USD', GrossValue: 17.5, TaxCodes: ['US-DC-G'] }],
    ],
  );
});

test('OHIP postBillingCharges: one line per part with its transaction code, sharing checkNumber', () => {
  const config = ohipPmsConfig.parse({
    kind: 'ohip',
    baseUrl: 'https://ohip.example',
    appKey: 'k',
    hotelId: 'SAND01',
    auth: { clientId: 'c', clientSecret: 's' },
    cashierId: 113,
    transactionCodes: { POOL: '2010' },
    defaultTransactionCode: '2000',
    tipTransactionCode: '9100',
    currency: 'USD',
  });
  const { criteria } = chargesBody(charge, config, 'R1');
  assert.deepEqual(criteria.reservationId, { id: 'R1', type: 'Reservation' });
  assert.deepEqual(
    criteria.charges.map((c) => [c.transactionCode, c.price.amount, c.checkNumber, c.postingReference]),
    [
      ['2010', 87.5, '1247', charge.chargeId],
      ['9100', 17.5, '1247', charge.chargeId],
    ],
  );
});

test('HTNG_ChargePostingRQ: CorrelationID is the charge id, EchoToken ours, amounts as decimals', () => {
  const config = htngPmsConfig.parse({
    kind: 'htng',
    endpointUrl: 'https://p.example/htng',
    hotelCode: 'H',
    auth: { type: 'bearer', token: 't' },
    callback: { listenPort: 0 },
    defaultRevenueCode: '4700',
    currency: 'USD',
  });
  const c = { echoToken: 'e1', correlationId: charge.chargeId, timeStamp: '2026-01-27T19:45:00.000Z' };
  const rq = chargePostingRq(config, c, charge, 'R1').HTNG_ChargePostingRQ;
  assert.equal(rq['@_CorrelationID'], charge.chargeId);
  assert.equal(rq['@_EchoToken'], 'e1');
  assert.equal(rq.Posting['@_ReservationID'], 'R1');
  assert.equal(rq.Posting.Revenue['@_Amount'], '80.50');
  assert.equal(rq.Posting.Tax?.['@_Amount'], '7.00');
  assert.equal(rq.Posting.Gratuity?.['@_Amount'], '17.50');
});
