// The catalog RPC on the wire: the request carries no outlet (a device cannot ask for another
// outlet's menu), prices are integer minor units, tax rates decimal strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  catalogVersionMessage,
  outletCatalog,
  parseTopic,
  rpcRequest,
  rpcResponse,
  topicFor,
} from '@roompost/sync';

const catalog = {
  v: 1,
  outletCode: 'POOL',
  version: 3,
  categories: [{ code: 'DRINKS', name: 'Drinks', sort: 1 }],
  items: [
    {
      sku: 'MOJITO',
      name: 'Mojito',
      categoryCode: 'DRINKS',
      priceMinor: 1600,
      taxClass: 'ALCOHOL',
      taxRate: '0.08875',
      active: true,
      sort: 1,
    },
  ],
  templates: [{ code: 'MOJITO-2', name: 'Mojito ×2', lines: [{ sku: 'MOJITO', quantity: 2 }] }],
};

test('a catalog request names no outlet: whatever a device adds is dropped', () => {
  const parsed = rpcRequest.parse({ v: 1, id: 'r1', method: 'catalog', params: { outletCode: 'REST' } });
  assert.deepEqual(parsed.params, {});
});

test('a catalog answer decodes; float prices and percent rates are refused', () => {
  const ok = rpcResponse.parse({ v: 1, id: 'r1', ok: true, result: catalog });
  assert.ok(ok.ok && 'templates' in ok.result && ok.result.version === 3);
  const withItem = (patch: Record<string, unknown>) => ({
    ...catalog,
    items: [{ ...catalog.items[0], ...patch }],
  });
  assert.equal(outletCatalog.safeParse(withItem({ priceMinor: 16.5 })).success, false);
  assert.equal(outletCatalog.safeParse(withItem({ taxRate: '8.875' })).success, false);
  assert.equal(
    outletCatalog.safeParse({ ...catalog, templates: [{ code: 'X', name: 'X', lines: [] }] }).success,
    false,
  );
});

test('the catalog-version notice has its own topic under the device prefix', () => {
  const topic = topicFor('catalogVersion', 'HARBOUR', 'pool-kiosk-1');
  assert.equal(topic, 'roompost/v1/HARBOUR/pool-kiosk-1/catalog-version');
  assert.deepEqual(parseTopic(topic), {
    property: 'HARBOUR',
    device: 'pool-kiosk-1',
    kind: 'catalogVersion',
  });
  assert.ok(catalogVersionMessage.safeParse({ v: 1, outletCode: 'POOL', version: 2 }).success);
});
