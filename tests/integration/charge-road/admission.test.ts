// Central checks every charge against what it knows (the device, its outlet and mode, the outlet's
// item master, amounts and time) before anything is stored, over the real broker and HTTP API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  type ChargeMessage,
  type ChargeStatusMessage,
  chargeStatusMessage,
  deviceClientId,
  topicFor,
} from '@roompost/sync';
import mqtt from 'mqtt';
import { centralAs } from '../../support/central-api.js';
import {
  api,
  DEVICE,
  DEVICE_SECRET,
  eventually,
  PROPERTY,
  startTestCentral,
  startTestStack,
  TODAY,
} from '../../support/stack.js';

type Stack = Awaited<ReturnType<typeof startTestStack>>;

async function client(
  t: { after(fn: () => void): void },
  url: string,
  id: string,
  user: string,
  pass: string,
) {
  const c = mqtt.connect(url, {
    protocolVersion: 4,
    clientId: id,
    username: user,
    password: pass,
    reconnectPeriod: 0,
  });
  t.after(() => c.end(true));
  await new Promise((resolve, reject) => {
    c.once('connect', resolve);
    c.once('error', reject);
  });
  return c;
}

/** Publishes `charge` as `device` (from `publisher`) and waits for central's answer on the status topic. */
async function send(
  publisher: mqtt.MqttClient,
  listener: mqtt.MqttClient,
  device: string,
  charge: ChargeMessage,
): Promise<ChargeStatusMessage> {
  const answer = new Promise<ChargeStatusMessage>((resolve) => {
    const onMessage = (topic: string, payload: Buffer) => {
      if (!topic.endsWith('/charge-status')) return;
      const status = chargeStatusMessage.parse(JSON.parse(payload.toString()));
      if (status.chargeId !== charge.chargeId) return;
      listener.off('message', onMessage);
      resolve(status);
    };
    listener.on('message', onMessage);
  });
  await publisher.publishAsync(topicFor('charge', PROPERTY, device), JSON.stringify(charge), { qos: 1 });
  return answer;
}

async function mojitoFor(
  stack: Stack,
  room: string,
  overrides: Partial<ChargeMessage> = {},
): Promise<ChargeMessage> {
  const lookup = await stack.central.folio.lookupRoom(room);
  return {
    v: 1,
    chargeId: randomUUID(),
    outletCode: 'POOL',
    checkNumber: '7001',
    roomNumber: room,
    stayRef: lookup.stayRef,
    guestName: 'Guest',
    currency: 'USD',
    subtotalMinor: 1600,
    taxMinor: 142,
    tipMinor: 0,
    totalMinor: 1742,
    items: [
      { sku: 'MOJITO', name: 'Mojito', quantity: 1, unitPriceMinor: 1600, amountMinor: 1600, taxMinor: 142 },
    ],
    employeeId: null,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

const stored = async (stack: Stack, chargeId: string) =>
  (await centralAs(stack.central.httpUrl, 'manager').get(`/api/pms/postings/${chargeId}`)).status;

test('a self-service device cannot claim an override, name staff, enter a price, or charge off the menu, zero or in 2099', async (t) => {
  const stack = await startTestStack(t);
  const device = await client(
    t,
    stack.central.mqttUrl,
    `${deviceClientId(PROPERTY, DEVICE)}:test`,
    DEVICE,
    DEVICE_SECRET,
  );
  await device.subscribeAsync(topicFor('chargeStatus', PROPERTY, DEVICE), { qos: 1 });
  const room310 = await stack.central.folio.lookupRoom('310');
  const balance310 = await stack.central.folio.stayBalance(room310.stayRef);
  const fiveHundred = [
    { sku: 'MOJITO', name: 'Mojito', quantity: 28, unitPriceMinor: 1600, amountMinor: 44800, taxMinor: 3976 },
  ];
  const cases: Array<[string, ChargeMessage, string, string]> = [
    [
      'credit override on 500.00 to room 310 (10.00 left)',
      await mojitoFor(stack, '310', {
        items: fiveHundred,
        subtotalMinor: 44800,
        taxMinor: 3976,
        tipMinor: 1224,
        totalMinor: 50000,
        override: { by: 'maria', reason: 'VIP' },
      }),
      'DEVICE_NOT_ALLOWED',
      'override',
    ],
    [
      'an employee named',
      await mojitoFor(stack, '412', { employeeId: 'maria' }),
      'DEVICE_NOT_ALLOWED',
      'employeeId',
    ],
    [
      'an empty employee',
      await mojitoFor(stack, '412', { employeeId: '' }),
      'DEVICE_NOT_ALLOWED',
      'employeeId',
    ],
    [
      'an open-price line',
      await mojitoFor(stack, '412', {
        items: [
          {
            sku: 'CUSTOM-1',
            name: 'Anything',
            quantity: 1,
            unitPriceMinor: 1742,
            amountMinor: 1742,
            taxMinor: 0,
          },
        ],
        subtotalMinor: 1742,
        taxMinor: 0,
      }),
      'DEVICE_NOT_ALLOWED',
      'items.0.sku',
    ],
    [
      'a Mojito at 1.00 without tax',
      await mojitoFor(stack, '412', {
        items: [
          { sku: 'MOJITO', name: 'Mojito', quantity: 1, unitPriceMinor: 100, amountMinor: 100, taxMinor: 0 },
        ],
        subtotalMinor: 100,
        taxMinor: 0,
        totalMinor: 100,
      }),
      'CATALOG_MISMATCH',
      'items.0.unitPriceMinor',
    ],
    [
      'a Mojito at its price without tax',
      await mojitoFor(stack, '412', {
        items: [
          {
            sku: 'MOJITO',
            name: 'Mojito',
            quantity: 1,
            unitPriceMinor: 1600,
            amountMinor: 1600,
            taxMinor: 0,
          },
        ],
        taxMinor: 0,
        totalMinor: 1600,
      }),
      'CATALOG_MISMATCH',
      'items.0.taxMinor',
    ],
    [
      // The invoice names the tax from the line's class: it must be the catalog's (ALCOHOL for the Mojito).
      'a Mojito claiming another tax class',
      await mojitoFor(stack, '412', {
        items: [
          {
            sku: 'MOJITO',
            name: 'Mojito',
            quantity: 1,
            unitPriceMinor: 1600,
            amountMinor: 1600,
            taxMinor: 142,
            taxClass: 'VAT_LIQUOR',
          },
        ],
        taxMinor: 142,
        totalMinor: 1742,
      }),
      'CATALOG_MISMATCH',
      'items.0.taxClass',
    ],
    [
      'an item not on the menu',
      await mojitoFor(stack, '412', {
        items: [
          {
            sku: 'CAVIAR',
            name: 'Caviar',
            quantity: 1,
            unitPriceMinor: 1600,
            amountMinor: 1600,
            taxMinor: 142,
          },
        ],
      }),
      'CATALOG_MISMATCH',
      'items.0.sku',
    ],
    [
      'a catalog version that never existed',
      await mojitoFor(stack, '412', { catalogVersion: 99 }),
      'CATALOG_MISMATCH',
      'catalogVersion',
    ],
    [
      'a zero-amount charge',
      await mojitoFor(stack, '412', {
        items: [
          { sku: 'MOJITO', name: 'Mojito', quantity: 1, unitPriceMinor: 0, amountMinor: 0, taxMinor: 0 },
        ],
        subtotalMinor: 0,
        taxMinor: 0,
        totalMinor: 0,
      }),
      'AMOUNT_OUT_OF_RANGE',
      'totalMinor',
    ],
    [
      'createdAt in 2099',
      await mojitoFor(stack, '412', { createdAt: '2099-01-01T00:00:00.000Z' }),
      'CLOCK_SKEW',
      'createdAt',
    ],
    [
      'another outlet',
      await mojitoFor(stack, '412', { outletCode: 'REST' }),
      'DEVICE_NOT_ALLOWED',
      'outletCode',
    ],
  ];
  for (const [what, charge, code, field] of cases) {
    const status = await send(device, device, DEVICE, charge);
    assert.equal(status.status, 'rejected', what);
    assert.equal(status.error?.code, code, what);
    assert.equal((status.error?.context as { field?: string } | undefined)?.field, field, what);
    assert.equal(await stored(stack, charge.chargeId), 404, `${what}: nothing stored`);
  }
  assert.equal(
    await stack.central.folio.stayBalance(room310.stayRef),
    balance310,
    'room 310 was charged nothing',
  );

  // The honest charge at the current catalog version is admitted and posted.
  const good = await send(device, device, DEVICE, await mojitoFor(stack, '412', { catalogVersion: 1 }));
  assert.notEqual(good.status, 'rejected', JSON.stringify(good.error));
});

test('a charge from a device central does not know is refused for every outlet', async (t) => {
  const stack = await startTestStack(t);
  // Central's own account may publish on any topic: it stands in for an external broker letting a stranger in.
  const service = await client(
    t,
    stack.central.mqttUrl,
    'test-admission-service',
    'central',
    'central-secret',
  );
  await service.subscribeAsync(topicFor('chargeStatus', PROPERTY, 'ghost-kiosk'), { qos: 1 });
  const charge = await mojitoFor(stack, '412');
  const status = await send(service, service, 'ghost-kiosk', charge);
  assert.deepEqual([status.status, status.error?.code], ['rejected', 'DEVICE_NOT_ALLOWED']);
  assert.equal(await stored(stack, charge.chargeId), 404);
});

test('a charge priced at an older catalog version is checked against that version', async (t) => {
  const stack = await startTestStack(t);
  const device = await client(
    t,
    stack.central.mqttUrl,
    `${deviceClientId(PROPERTY, DEVICE)}:test`,
    DEVICE,
    DEVICE_SECRET,
  );
  await device.subscribeAsync(topicFor('chargeStatus', PROPERTY, DEVICE), { qos: 1 });
  const manager = centralAs(stack.central.httpUrl, 'maria.manager', 'manager');
  const current = await manager.get<{ version: number; items: Array<Record<string, unknown>> }>(
    '/api/outlets/POOL/catalog',
  );
  assert.equal(current.status, 200);
  const { version: _v, ...content } = current.body as Record<string, unknown>;
  const items = (current.body.items as Array<{ sku: string; priceMinor: number }>).map((i) =>
    i.sku === 'MOJITO' ? { ...i, priceMinor: 1800, price: '18.00' } : i,
  );
  const put = await manager.put('/api/outlets/POOL/catalog', {
    categories: content.categories,
    items,
    templates: content.templates,
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  const offline = await send(
    device,
    device,
    DEVICE,
    await mojitoFor(stack, '412', { catalogVersion: current.body.version }),
  );
  assert.notEqual(offline.status, 'rejected', 'priced offline at the older version: admitted');
  const stale = await send(
    device,
    device,
    DEVICE,
    await mojitoFor(stack, '412', { catalogVersion: (put.body as { version: number }).version }),
  );
  assert.deepEqual(
    [stale.status, stale.error?.code],
    ['rejected', 'CATALOG_MISMATCH'],
    'the older price at the new version',
  );
});

test('over HTTP: a maximum per charge per currency, the totals re-checked, the catalog version when named', async (t) => {
  const central = await startTestCentral(t, {}, { admission: { maxChargeMinor: { USD: 10_000 } } });
  const { seedDemoHotel, seedDemoCatalogs } = await import('@roompost/central');
  await seedDemoHotel(central.folio, TODAY);
  await seedDemoCatalogs(central.catalog);
  const stay = await central.folio.lookupRoom('412');
  const api = centralAs(central.httpUrl, 'ana.frontdesk', 'front_desk');
  const body = (o: Record<string, unknown> = {}) => ({
    chargeId: randomUUID(),
    outletCode: 'POOL',
    checkNumber: '8001',
    roomNumber: '412',
    stayRef: stay.stayRef,
    currency: 'USD',
    subtotalMinor: 10_000,
    taxMinor: 0,
    tipMinor: 1,
    totalMinor: 10_001,
    items: [
      {
        sku: 'BANQUET',
        name: 'Banquet',
        quantity: 1,
        unitPriceMinor: 10_000,
        amountMinor: 10_000,
        taxMinor: 0,
      },
    ],
    ...o,
  });
  const tooMuch = await api.post('/api/pms/post', body());
  assert.deepEqual(
    [tooMuch.status, tooMuch.body.code, tooMuch.body.field],
    [422, 'AMOUNT_OUT_OF_RANGE', 'totalMinor'],
  );
  const named = await api.post('/api/pms/post', body({ tipMinor: 0, totalMinor: 10_000, catalogVersion: 1 }));
  assert.deepEqual([named.status, named.body.code], [409, 'CATALOG_MISMATCH']);
  const future = await api.post(
    '/api/pms/post',
    body({ tipMinor: 0, totalMinor: 10_000, createdAt: '2099-01-01T00:00:00.000Z' }),
  );
  assert.deepEqual([future.status, future.body.code], [422, 'CLOCK_SKEW']);
  const ok = await api.post('/api/pms/post', body({ tipMinor: 0, totalMinor: 10_000 }));
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  const listed = await api.get<{ postings: unknown[] }>('/api/pms/postings');
  assert.equal(listed.body.postings.length, 1, 'only the admitted charge is stored');
});

test('the edge sends the catalog version it priced with, and central admits it', async (t) => {
  const stack = await startTestStack(t);
  const lookup = await api<{ verificationId: string }>(stack.edge.httpUrl, '/api/lookup', {
    uid: '04A1B2C3',
  });
  const created = await api<{ id: string }>(stack.edge.httpUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'MOJITO', quantity: 2 }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const posted = await eventually(async () => {
    const row = await centralAs(stack.central.httpUrl, 'manager').get<{ status: string }>(
      `/api/pms/postings/${created.body.id}`,
    );
    return row.body.status === 'posted' ? row.body : undefined;
  }, 'the edge charge to post');
  assert.equal(posted.status, 'posted');
});
