// The outlet's menu comes from central's item master over the real broker (issue #5 item 1): a price
// change reaches the kiosk after a sync and applies to new checks only; a removed SKU is a coded error
// naming it; with central down the edge keeps serving its last catalog; an edge of another outlet
// only ever holds its own outlet's menu. Central's retained `catalog-version` notice triggers a sync.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import { startEdge } from '@roompost/edge';
import type { CatalogView, ChargeView, KioskLookup } from '@roompost/sync';
import { recordingLogger } from '../../support/recording-logger.js';
import {
  api,
  centralAs,
  centralConfig,
  DEVICE,
  DEVICE_SECRET,
  edgeConfig,
  eventually,
  freePort,
  startTestStack,
  TODAY,
} from '../../support/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

const priceOf = (catalog: CatalogView, sku: string) => catalog.items.find((i) => i.sku === sku)?.priceMinor;

test('a price change at central reaches the kiosk after a sync, for new checks only; central down keeps the last menu', async (t) => {
  const stack = await startTestStack(t);
  const edgeUrl = stack.edge.httpUrl;
  const manager = centralAs(stack.central.httpUrl, 'menu-manager', 'manager');

  // The demo menu came from central (the edge holds no menu of its own).
  const first = (await api<CatalogView>(edgeUrl, '/api/catalog')).body;
  assert.equal(priceOf(first, 'MOJITO'), 1600);
  assert.deepEqual(
    first.templates?.find((tpl) => tpl.code === 'MOJITO-2'),
    { code: 'MOJITO-2', name: 'Mojito ×2', lines: [{ sku: 'MOJITO', quantity: 2 }] },
  );

  // A check made at the old price.
  const lookup = await api<KioskLookup>(edgeUrl, '/api/lookup', { uid: '04A1B2C3' });
  const before = await api<ChargeView>(edgeUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'MOJITO', quantity: 1 }],
  });
  assert.equal(before.status, 201, JSON.stringify(before.body));

  // The manager raises the mojito and drops the nachos.
  const current = (await manager.get<Json>('/api/outlets/POOL/catalog')).body;
  const items = current.items
    .filter((i: Json) => i.sku !== 'NACHOS')
    .map(({ priceMinor: _m, ...i }: Json) => (i.sku === 'MOJITO' ? { ...i, price: '18.50' } : i));
  const put = await manager.put<Json>('/api/outlets/POOL/catalog', {
    categories: current.categories,
    items,
    templates: current.templates,
  });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.body.version, 2);

  // Central's retained catalog-version notice makes the edge fetch it without waiting for its timer.
  const updated = await eventually(async () => {
    const c = (await api<CatalogView>(edgeUrl, '/api/catalog')).body;
    return priceOf(c, 'MOJITO') === 1850 ? c : undefined;
  }, 'the new price at the kiosk');
  assert.deepEqual(await stack.edge.syncCatalog(), { outcome: 'unchanged', version: 2 });
  assert.equal(priceOf(updated, 'NACHOS'), undefined);

  // New checks use the new price; the check made before keeps its lines.
  const quote = await api<Json>(edgeUrl, '/api/checks/quote', { items: [{ sku: 'MOJITO', quantity: 1 }] });
  assert.equal(quote.body.subtotalMinor, 1850);
  const old = await api<ChargeView>(edgeUrl, `/api/charges/${before.body.id}`);
  assert.deepEqual(
    old.body.items.map((i) => [i.sku, i.amountMinor]),
    [['MOJITO', 1600]],
  );
  // A SKU that left the menu is a coded error naming it.
  const gone = await api<Json>(edgeUrl, '/api/checks/quote', { items: [{ sku: 'NACHOS', quantity: 1 }] });
  assert.equal(gone.status, 400);
  assert.equal(gone.body.code, 'VALIDATION_FAILED');
  assert.equal(gone.body.field, 'items.0.sku');
  assert.match(gone.body.message, /NACHOS/);

  // Central goes away: the edge cannot sync and keeps serving (and pricing with) the last catalog.
  await stack.stopCentral();
  await eventually(
    async () => ((await api(edgeUrl, '/api/health')).body.central === 'offline' ? true : undefined),
    'the edge to notice central is gone',
  );
  assert.equal((await stack.edge.syncCatalog()).outcome, 'offline');
  const offline = (await api<CatalogView>(edgeUrl, '/api/catalog')).body;
  assert.deepEqual(offline, updated);
  const offlineQuote = await api<Json>(edgeUrl, '/api/checks/quote', {
    items: [{ sku: 'MOJITO', quantity: 2 }],
  });
  assert.equal(offlineQuote.body.subtotalMinor, 3700);

  // Back: the next sync picks up a change.
  await stack.startCentral();
  await eventually(
    async () => ((await api(edgeUrl, '/api/health')).body.central === 'online' ? true : undefined),
    'the edge to reconnect',
  );
  const again = centralAs(stack.central.httpUrl, 'menu-manager-2', 'manager');
  const put3 = await again.put<Json>('/api/outlets/POOL/catalog', {
    categories: current.categories,
    items: items.map((i: Json) => (i.sku === 'MOJITO' ? { ...i, price: '19.00' } : i)),
    templates: current.templates,
  });
  assert.equal(put3.status, 200, put3.text);
  const synced = await stack.edge.syncCatalog();
  assert.ok('version' in synced && synced.version === 3, JSON.stringify(synced));
  assert.equal(priceOf((await api<CatalogView>(edgeUrl, '/api/catalog')).body, 'MOJITO'), 1900);
});

test("an edge of another outlet gets only its own outlet's catalog", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-catalog-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'pool'));
  await mkdir(join(dir, 'rest'));
  const mqttPort = await freePort();
  const REST_DEVICE = 'rest-kiosk-1';
  const REST_SECRET = 'rest-secret-0123456789';
  const central = await startCentral(
    centralConfig(mqttPort, {
      devices: [
        { id: DEVICE, outletCode: 'POOL', secret: DEVICE_SECRET },
        { id: REST_DEVICE, outletCode: 'REST', secret: REST_SECRET },
      ],
      outlets: [
        { code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar' },
        { code: 'REST', name: 'Restaurant', postingDescription: 'Restaurant' },
      ],
    }),
    { dataDir: dir, logger: recordingLogger() },
  );
  t.after(() => central.stop());
  await seedDemoHotel(central.folio, TODAY);
  assert.deepEqual(await seedDemoCatalogs(central.catalog), ['POOL', 'REST']);
  const manager = centralAs(central.httpUrl, 'two-outlets-manager', 'manager');
  const restMenu = await manager.put<Json>('/api/outlets/REST/catalog', {
    categories: [{ code: 'MAINS', name: 'Mains' }],
    items: [
      {
        sku: 'STEAK',
        name: 'Steak',
        categoryCode: 'MAINS',
        price: '42.00',
        taxClass: 'FOOD',
        taxRate: '0.08875',
      },
    ],
  });
  assert.equal(restMenu.status, 200, restMenu.text);

  const pool = await startEdge(edgeConfig(mqttPort), {
    dataDir: join(dir, 'pool'),
    logger: recordingLogger(),
    kioskDir: join(dir, 'none'),
  });
  t.after(() => pool.stop());
  const base = edgeConfig(mqttPort);
  const rest = await startEdge(
    {
      ...base,
      device: REST_DEVICE,
      outlet: { ...base.outlet, code: 'REST', name: 'Restaurant' },
      central: { ...base.central, username: REST_DEVICE, password: REST_SECRET },
    },
    { dataDir: join(dir, 'rest'), logger: recordingLogger(), kioskDir: join(dir, 'none') },
  );
  t.after(() => rest.stop());

  const poolMenu = (await api<CatalogView>(pool.httpUrl, '/api/catalog')).body;
  const restServed = (await api<CatalogView>(rest.httpUrl, '/api/catalog')).body;
  assert.ok(priceOf(poolMenu, 'MOJITO'));
  assert.equal(priceOf(poolMenu, 'STEAK'), undefined);
  assert.deepEqual(
    restServed.items.map((i) => [i.sku, i.priceMinor]),
    [['STEAK', 4200]],
  );
  assert.deepEqual(restServed.templates, []);

  // The Pool Bar's menu changes: the restaurant edge syncs and still holds its own, unchanged.
  const poolNow = (await manager.get<Json>('/api/outlets/POOL/catalog')).body;
  await manager.put<Json>('/api/outlets/POOL/catalog', {
    categories: poolNow.categories,
    items: poolNow.items.map(({ priceMinor: _m, ...i }: Json) => i),
  });
  const poolSynced = await pool.syncCatalog();
  assert.ok('version' in poolSynced && poolSynced.version === 2, JSON.stringify(poolSynced));
  assert.deepEqual(await rest.syncCatalog(), { outcome: 'unchanged', version: 2 });
  assert.deepEqual((await api<CatalogView>(rest.httpUrl, '/api/catalog')).body, restServed);
});
