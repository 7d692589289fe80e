// Taxes and invoices over central's HTTP routes, on loopback against a real SQLite file.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import Fastify from 'fastify';
import { installAuthHook } from '../../../central/src/auth/auth-hook.js';
import { registerAuthRoutes } from '../../../central/src/auth/auth-routes.js';
import { UserService } from '../../../central/src/auth/user-service.js';
import { migrateCentral } from '../../../central/src/db/migrations.js';
import { installErrorHandler } from '../../../central/src/http/error-handler.js';
import { registerFolioRoutes } from '../../../central/src/http/folio-routes.js';
import { registerInvoiceRoutes } from '../../../central/src/http/invoice-routes.js';
import { registerOpenApi } from '../../../central/src/http/openapi.js';
import { centralAs, TEST_ADMIN } from '../../support/central-api.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { openIndianHotel, postSeedStay, stayWithFolio, tableCounts } from '../folio/invoice-fixture.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

async function startInvoiceApi(t: Parameters<typeof openIndianHotel>[0]) {
  const hotel = await openIndianHotel(t);
  const app = Fastify({ logger: false });
  installErrorHandler(app, recordingLogger());
  // Sign-in as central has it (issue #8): users in the same SQLite file, a bearer token per user.
  await migrateCentral(hotel.store.db);
  const users = new UserService({
    db: hotel.store.db as never,
    clock: hotel.clock,
    sessionHours: 12,
    lockout: { maxFailures: 5, lockMinutes: 5 },
  });
  await users.ensure(TEST_ADMIN.username, 'admin', TEST_ADMIN.passwordHash, 'test');
  installAuthHook(app, users);
  await registerOpenApi(app);
  registerAuthRoutes(app, users);
  registerInvoiceRoutes(app, { invoices: hotel.invoices });
  registerFolioRoutes(app, { folio: hotel.folio });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.after(() => app.close());
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, body?: unknown, user: string | null = 'fd-asha') => {
    const client = centralAs(base, user, 'manager');
    const res =
      method === 'GET'
        ? await client.get<Json>(path)
        : method === 'PUT'
          ? await client.put<Json>(path, body)
          : await client.post<Json>(path, body);
    return { status: res.status, body: res.body };
  };
  return { hotel, call };
}

test('preview, finalize, read back and credit an invoice over HTTP, attributed to the acting user', async (t) => {
  const { hotel, call } = await startInvoiceApi(t);
  const { folioId } = await stayWithFolio(hotel);
  await postSeedStay(hotel.store.db, folioId);

  const preview = await call('POST', `/api/folio/folios/${folioId}/invoice-preview`, {});
  assert.equal(preview.status, 200);
  assert.deepEqual([preview.body.status, preview.body.grandTotalMinor], ['DRAFT', 1_769_100]);

  const anonymous = await call('POST', `/api/folio/folios/${folioId}/invoices`, {}, null);
  assert.deepEqual([anonymous.status, anonymous.body.code], [401, 'UNAUTHENTICATED']);

  const finalized = await call('POST', `/api/folio/folios/${folioId}/invoices`, {
    billTo: { name: 'Mr. Rajesh Kumar', address: 'Mumbai, Maharashtra' },
  });
  assert.equal(finalized.status, 201);
  assert.deepEqual(
    [finalized.body.number, finalized.body.finalizedBy, finalized.body.document.amountInWords],
    ['INV/25-26/00001', 'fd-asha', 'Seventeen Thousand Six Hundred and Ninety One Rupees Only'],
  );
  const again = await call('POST', `/api/folio/folios/${folioId}/invoices`, {});
  assert.deepEqual([again.status, again.body.code], [409, 'INVOICE_ALREADY_FINALIZED']);
  assert.equal(typeof again.body.action, 'string');

  const read = await call('GET', `/api/folio/invoices/${encodeURIComponent('INV/25-26/00001')}`);
  assert.equal(read.status, 200);
  assert.deepEqual(read.body.document, finalized.body.document);

  const note = await call(
    'POST',
    `/api/folio/invoices/${encodeURIComponent('INV/25-26/00001')}/credit-note`,
    {
      reason: 'Wrong guest address',
    },
  );
  assert.equal(note.status, 201);
  assert.deepEqual(
    [note.body.number, note.body.document.creditsInvoiceNumber],
    ['CN/25-26/00001', 'INV/25-26/00001'],
  );
  const twice = await call(
    'POST',
    `/api/folio/invoices/${encodeURIComponent('INV/25-26/00001')}/credit-note`,
    {
      reason: 'again',
    },
  );
  assert.deepEqual([twice.status, twice.body.code], [409, 'INVOICE_ALREADY_CREDITED']);
});

test('bad requests get coded errors naming the field', async (t) => {
  const { hotel, call } = await startInvoiceApi(t);
  const { folioId } = await stayWithFolio(hotel);

  const tooPrecise = await call('POST', '/api/folio/taxes/preview', {
    serviceDate: '2025-11-13',
    category: 'ROOM',
    amount: '6000.005',
  });
  assert.deepEqual(
    [tooPrecise.status, tooPrecise.body.code, tooPrecise.body.field],
    [400, 'VALIDATION_FAILED', 'amount'],
  );
  const outOfOrder = await call('POST', `/api/folio/folios/${folioId}/invoices`, {
    servicePeriod: { from: '2025-11-15', to: '2025-11-13' },
  });
  assert.deepEqual([outOfOrder.status, outOfOrder.body.field], [400, 'servicePeriod.to']);
  const empty = await call('POST', `/api/folio/folios/${folioId}/invoices`, {});
  assert.deepEqual([empty.status, empty.body.code], [422, 'NOTHING_TO_INVOICE']);
  const unknown = await call('POST', '/api/folio/folios/nope/invoices', {});
  assert.deepEqual([unknown.status, unknown.body.code], [404, 'NOT_FOUND']);
  const missing = await call('GET', `/api/folio/invoices/${encodeURIComponent('INV/25-26/00009')}`);
  assert.deepEqual([missing.status, missing.body.code], [404, 'NOT_FOUND']);

  const tax = await call('POST', '/api/folio/taxes/preview', {
    serviceDate: '2022-11-13',
    category: 'ROOM',
    amount: '6000.00',
  });
  assert.equal(tax.status, 200);
  assert.deepEqual(
    tax.body.lines.map((l: Json) => [l.code, l.rate, l.amountMinor]),
    [
      ['CGST', '0.06', 36_000],
      ['SGST', '0.06', 36_000],
    ],
  );
});

test('invoice settings decide the restaurant rate: 18 % at specified premises', async (t) => {
  const { call } = await startInvoiceApi(t);
  const settings = {
    legalName: 'Sagar Hotels Pvt Ltd',
    address: 'Marine Drive, Mumbai',
    gstin: '27AABCS1234F1Z5',
    regime: 'IN_GST',
    specifiedPremises: true,
  };
  const noGstin = await call('PUT', '/api/folio/invoice-settings', { ...settings, gstin: null });
  assert.deepEqual([noGstin.status, noGstin.body.field], [400, 'gstin']);
  const saved = await call('PUT', '/api/folio/invoice-settings', settings);
  assert.deepEqual([saved.status, saved.body.stateCode, saved.body.specifiedPremises], [200, '27', true]);
  const dinner = await call('POST', '/api/folio/taxes/preview', {
    serviceDate: '2025-11-14',
    category: 'FOOD_BEVERAGE',
    amount: '1000.00',
  });
  assert.deepEqual(
    dinner.body.lines.map((l: Json) => [l.code, l.rate, l.amountMinor]),
    [
      ['CGST', '0.09', 9_000],
      ['SGST', '0.09', 9_000],
    ],
  );
});

test('the invoice endpoints are in the OpenAPI document', async (t) => {
  const { call } = await startInvoiceApi(t);
  const doc = await call('GET', '/api/openapi.json');
  for (const path of [
    '/api/folio/invoice-settings',
    '/api/folio/taxes/preview',
    '/api/folio/folios/{id}/invoice-preview',
    '/api/folio/folios/{id}/invoices',
    '/api/folio/invoices/{number}',
    '/api/folio/invoices/{number}/credit-note',
  ]) {
    assert.ok(doc.body.paths[path], `${path} is documented`);
  }
  assert.match(JSON.stringify(doc.body.paths['/api/folio/taxes/preview'].post.requestBody), /serviceDate/);
});

test('a front-desk charge posted with its category is taxed by it: laundry at 18 %, F&B at 5 %', async (t) => {
  const { hotel, call } = await startInvoiceApi(t);
  const { folioId } = await stayWithFolio(hotel);
  const post = (body: Json) =>
    call('POST', `/api/folio/folios/${folioId}/postings`, {
      type: 'POS',
      serviceDate: '2025-11-14',
      ...body,
    });

  const laundry = await post({ unit: '400.00', description: 'Laundry', category: 'LAUNDRY' });
  assert.equal(laundry.status, 201);
  assert.deepEqual([laundry.body.posting.category, laundry.body.posting.sac], ['LAUNDRY', null]);
  const dinner = await post({ unit: '1000.00', description: 'Dinner', category: 'FOOD_BEVERAGE' });
  assert.equal(dinner.status, 201);
  const spa = await post({ unit: '2500.00', description: 'Spa', category: 'SPA', sac: '999722' });
  assert.equal(spa.status, 201);

  const preview = await call('POST', `/api/folio/folios/${folioId}/invoice-preview`, {});
  assert.equal(preview.status, 200);
  const line = (description: string) => {
    const found = preview.body.lines.find((l: Json) => l.description === description);
    assert.ok(found, `${description} is on the invoice`);
    return found as Json;
  };
  const taxes = (l: Json) => l.taxes.map((tax: Json) => [tax.code, tax.rate, tax.amountMinor, tax.sac]);
  // Service date 14 Nov 2025 (after 22 Sep 2025), Maharashtra hotel, intra-state, not specified premises:
  // laundry 18 % → CGST 9 % + SGST 9 % of ₹400.00 = ₹36.00 + ₹36.00 (SAC 999719, the laundry default).
  assert.deepEqual(
    [line('Laundry').category, line('Laundry').section, taxes(line('Laundry'))],
    [
      'LAUNDRY',
      'OTHER_SERVICES',
      [
        ['CGST', '0.09', 3_600, '999719'],
        ['SGST', '0.09', 3_600, '999719'],
      ],
    ],
  );
  // Restaurant outside specified premises 5 % → 2.5 % + 2.5 % of ₹1,000.00 = ₹25.00 + ₹25.00, SAC 996332.
  assert.deepEqual(
    [line('Dinner').category, taxes(line('Dinner'))],
    [
      'FOOD_BEVERAGE',
      [
        ['CGST', '0.025', 2_500, '996332'],
        ['SGST', '0.025', 2_500, '996332'],
      ],
    ],
  );
  // Spa 18 % with the SAC given at posting: 9 % + 9 % of ₹2,500.00 = ₹225.00 + ₹225.00.
  assert.deepEqual(
    [line('Spa').sac, taxes(line('Spa'))],
    [
      '999722',
      [
        ['CGST', '0.09', 22_500, '999722'],
        ['SGST', '0.09', 22_500, '999722'],
      ],
    ],
  );
  // 3,900.00 of charges + 72.00 + 50.00 + 450.00 of GST = 4,472.00.
  assert.deepEqual([preview.body.subtotalMinor, preview.body.grandTotalMinor], [390_000, 447_200]);
});

test('an unknown category or a malformed SAC on a charge is refused naming the field, nothing written', async (t) => {
  const { hotel, call } = await startInvoiceApi(t);
  const { folioId } = await stayWithFolio(hotel);
  const before = await tableCounts(hotel.store.db);
  const charge = { type: 'POS', unit: '400.00', description: 'Laundry' };

  for (const [extra, field] of [
    [{ category: 'CASINO' }, 'category'],
    [{ category: 'laundry' }, 'category'],
    [{ category: null }, 'category'],
    [{ category: 'LAUNDRY', sac: '99-97' }, 'sac'],
  ] as const) {
    const refused = await call('POST', `/api/folio/folios/${folioId}/postings`, { ...charge, ...extra });
    assert.deepEqual(
      [refused.status, refused.body.code, refused.body.field],
      [400, 'VALIDATION_FAILED', field],
      JSON.stringify(extra),
    );
  }
  assert.deepEqual(await tableCounts(hotel.store.db), before);
});
