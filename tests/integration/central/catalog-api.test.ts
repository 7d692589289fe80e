// The outlet item master at central (issue #5 item 1): GET the whole catalog, PUT a whole new one
// (atomically, version + 1), field-named validation errors that write nothing, and the roles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { centralAs, startTestStack } from '../../support/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

const menu = (overrides: Json = {}): Json => ({
  categories: [
    { code: 'DRINKS', name: 'Drinks' },
    { code: 'FOOD', name: 'Food' },
  ],
  items: [
    {
      sku: 'MOJITO',
      name: 'Mojito',
      categoryCode: 'DRINKS',
      price: '18.00',
      taxClass: 'ALCOHOL',
      taxRate: '0.08875',
    },
    { sku: 'FRIES', name: 'Fries', categoryCode: 'FOOD', price: '9.5', taxClass: 'FOOD', taxRate: '0.08875' },
  ],
  templates: [{ code: 'ROUND', name: 'Mojito ×2', lines: [{ sku: 'MOJITO', quantity: 2 }] }],
  ...overrides,
});

test('central keeps each outlet catalog: read by staff, replaced whole by managers, bad input named and not written', async (t) => {
  const stack = await startTestStack(t);
  const base = stack.central.httpUrl;
  const server = centralAs(base, 'cat-server', 'server');
  const manager = centralAs(base, 'cat-manager', 'manager');

  // The demo seeded the Pool Bar's menu (version 1) — the one the edge serves.
  const seeded = await server.get<Json>('/api/outlets/POOL/catalog');
  assert.equal(seeded.status, 200, seeded.text);
  assert.equal(seeded.body.version, 1);
  assert.equal(seeded.body.currency, 'USD');
  const mojito = seeded.body.items.find((i: Json) => i.sku === 'MOJITO');
  assert.deepEqual([mojito.priceMinor, mojito.price, mojito.taxRate], [1600, '16.00', '0.08875']);
  assert.ok(seeded.body.templates.length >= 1);

  // Roles: server, front desk, manager and admin read; only manager and admin replace.
  for (const role of ['front_desk', 'admin'] as const) {
    assert.equal((await centralAs(base, `cat-${role}`, role).get('/api/outlets/POOL/catalog')).status, 200);
  }
  for (const role of ['it', 'office'] as const) {
    const res = await centralAs(base, `cat-${role}`, role).get<Json>('/api/outlets/POOL/catalog');
    assert.equal(res.status, 403, role);
    assert.equal(res.body.code, 'FORBIDDEN');
  }
  for (const role of ['server', 'front_desk'] as const) {
    const res = await centralAs(base, `cat-${role}`, role).put<Json>('/api/outlets/POOL/catalog', menu());
    assert.equal(res.status, 403, role);
  }

  const put = await manager.put<Json>('/api/outlets/POOL/catalog', menu());
  assert.equal(put.status, 200, put.text);
  assert.equal(put.body.version, 2);
  assert.equal(put.body.updatedBy, 'cat-manager');
  assert.deepEqual(
    put.body.items.map((i: Json) => [i.sku, i.priceMinor, i.price, i.active, i.sort]),
    [
      ['MOJITO', 1800, '18.00', true, 1],
      ['FRIES', 950, '9.50', true, 2],
    ],
  );
  assert.deepEqual(put.body.templates, [
    { code: 'ROUND', name: 'Mojito ×2', lines: [{ sku: 'MOJITO', quantity: 2 }] },
  ]);

  const bad: Array<[string, Json]> = [
    ['items[1].price', menu({ items: [menu().items[0], { ...menu().items[1], price: '9.505' }] })],
    ['items[0].price', menu({ items: [{ ...menu().items[0], price: '12,00' }] })],
    ['items[0].price', menu({ items: [{ ...menu().items[0], price: 1800 }] })],
    ['items[0].taxRate', menu({ items: [{ ...menu().items[0], taxRate: '8.875' }] })],
    [
      'items[1].categoryCode',
      menu({ items: [menu().items[0], { ...menu().items[1], categoryCode: 'NOPE' }] }),
    ],
    ['items[1].sku', menu({ items: [menu().items[0], { ...menu().items[1], sku: 'MOJITO' }] })],
    ['categories[1].code', menu({ categories: [menu().categories[0], menu().categories[0]] })],
    [
      'templates[0].lines[0].sku',
      menu({ templates: [{ code: 'X', name: 'X', lines: [{ sku: 'GONE', quantity: 1 }] }] }),
    ],
    [
      'templates[0].lines[0].quantity',
      menu({ templates: [{ code: 'X', name: 'X', lines: [{ sku: 'MOJITO', quantity: 0 }] }] }),
    ],
    ['items', menu({ items: undefined })],
  ];
  for (const [field, body] of bad) {
    const res = await manager.put<Json>('/api/outlets/POOL/catalog', body);
    assert.equal(res.status, 400, `${field}: ${res.text}`);
    assert.equal(res.body.code, 'VALIDATION_FAILED');
    assert.equal(res.body.field, field, res.text);
  }
  const after = await server.get<Json>('/api/outlets/POOL/catalog');
  assert.equal(after.body.version, 2, 'a refused catalog writes nothing');
  assert.equal(after.body.items.length, 2);

  // An outlet the property does not have is a coded error, for reading and writing.
  for (const res of [
    await manager.get<Json>('/api/outlets/SPA/catalog'),
    await manager.put<Json>('/api/outlets/SPA/catalog', menu()),
  ]) {
    assert.equal(res.status, 404, res.text);
    assert.equal(res.body.code, 'NOT_FOUND');
    assert.equal(res.body.field, 'code');
  }

  // Described for OpenAPI like every other route.
  const doc = (await server.get<Json>('/api/openapi.json')).body;
  assert.ok(doc.paths['/api/outlets/{code}/catalog']?.get);
  assert.ok(doc.paths['/api/outlets/{code}/catalog']?.put?.requestBody);
});
