// Amounts past Number.MAX_SAFE_INTEGER minor units (or sums that would pass it) are refused with
// AMOUNT_OUT_OF_RANGE at every boundary before anything is written: the edge HTTP API, the
// unauthenticated quote, the MQTT charge, and the folio engine (never a retried CONNECTION_FAILED).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createBuiltinAdapter, PmsError } from '@roompost/central';
import { createFolioService, type FolioDatabase, migrateFolio, openSqlite } from '@roompost/folio';
import { chargeStatusMessage, deviceClientId, topicFor } from '@roompost/sync';
import mqtt from 'mqtt';
import { api, DEVICE, DEVICE_SECRET, PROPERTY, startTestStack } from '../../support/stack.js';

const MAX = Number.MAX_SAFE_INTEGER;

test('a tip of 2^53−1 is refused by the edge with nothing written; its lists keep working', async (t) => {
  const stack = await startTestStack(t);
  const edge = stack.edge.httpUrl;
  const quote = await api(edge, '/api/checks/quote', {
    items: [{ sku: 'MOJITO', quantity: 1 }],
    tipMinor: MAX,
  });
  assert.deepEqual([quote.status, quote.body.code], [422, 'AMOUNT_OUT_OF_RANGE'], 'the quote');
  const unsafe = await api(edge, '/api/checks/quote', {
    items: [{ sku: 'MOJITO', quantity: 1 }],
    tipMinor: MAX + 2,
  });
  assert.deepEqual(
    [unsafe.status, unsafe.body.code],
    [422, 'AMOUNT_OUT_OF_RANGE'],
    'a tip past the safe range',
  );

  const lookup = await api<{ verificationId: string }>(edge, '/api/lookup', { uid: '04A1B2C3' });
  const check = await api(edge, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'MOJITO', quantity: 1 }],
    tipMinor: MAX,
  });
  assert.deepEqual([check.status, check.body.code], [422, 'AMOUNT_OUT_OF_RANGE'], 'the check');
  const charges = await api<{ charges: unknown[] }>(edge, '/api/charges');
  assert.equal(charges.status, 200, 'GET /api/charges still works');
  assert.equal(charges.body.charges.length, 0, 'no check was committed');
  const health = await api<{ queueDepth?: number }>(edge, '/api/health');
  assert.equal(health.status, 200);
});

test('a charge message whose sums pass 2^53 is answered rejected AMOUNT_OUT_OF_RANGE, not dropped', async (t) => {
  const stack = await startTestStack(t);
  const client = mqtt.connect(stack.central.mqttUrl, {
    protocolVersion: 4,
    clientId: `${deviceClientId(PROPERTY, DEVICE)}:amounts`,
    username: DEVICE,
    password: DEVICE_SECRET,
    reconnectPeriod: 0,
  });
  t.after(() => client.end(true));
  await new Promise((resolve) => client.once('connect', resolve));
  await client.subscribeAsync(topicFor('chargeStatus', PROPERTY, DEVICE), { qos: 1 });
  const chargeId = randomUUID();
  const answered = new Promise<unknown>((resolve) =>
    client.on('message', (_topic, payload) => {
      const status = chargeStatusMessage.parse(JSON.parse(payload.toString()));
      if (status.chargeId === chargeId) resolve(status);
    }),
  );
  const stay = await stack.central.folio.lookupRoom('412');
  await client.publishAsync(
    topicFor('charge', PROPERTY, DEVICE),
    JSON.stringify({
      v: 1,
      chargeId,
      outletCode: 'POOL',
      checkNumber: '1',
      roomNumber: '412',
      stayRef: stay.stayRef,
      guestName: 'x',
      currency: 'USD',
      subtotalMinor: MAX,
      taxMinor: 0,
      tipMinor: MAX,
      totalMinor: MAX,
      items: [
        { sku: 'MOJITO', name: 'Mojito', quantity: 1, unitPriceMinor: MAX, amountMinor: MAX, taxMinor: 0 },
      ],
      employeeId: null,
      createdAt: new Date().toISOString(),
    }),
    { qos: 1 },
  );
  const status = (await answered) as { status: string; error: { code: string } };
  assert.deepEqual([status.status, status.error.code], ['rejected', 'AMOUNT_OUT_OF_RANGE']);
});

test('in the folio engine an amount past the safe range is AMOUNT_OUT_OF_RANGE, not retryable', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-range-'));
  const store = openSqlite<FolioDatabase>(join(dir, 'folio.sqlite'));
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateFolio(store.db);
  const folio = createFolioService(store.db, { clock: { now: () => new Date('2026-01-27T20:00:00Z') } });
  await folio.configureProperty({ name: 'T', currency: 'USD', timeZone: 'UTC', businessDate: '2026-01-27' });
  await folio.createRoomType({ code: 'DK', name: 'Deluxe King', baseOccupancy: 2 });
  await folio.createRoom({ number: '101', roomTypeCode: 'DK' });
  const guestId = await folio.createGuest({ firstName: 'Big', lastName: 'Spender' });
  const stayRef = await folio.checkIn({
    roomNumber: '101',
    guestId,
    confirmation: 'C101',
    arrival: '2026-01-26',
    departure: '2026-01-28',
    adults: 1,
    creditLimitMinor: null,
    noPost: false,
  });
  const adapter = createBuiltinAdapter(folio);
  const charge = (amount: number) => ({
    chargeId: randomUUID(),
    roomNumber: '101',
    stayRef,
    outletCode: 'POOL',
    checkNumber: '1',
    description: 'Pool Bar',
    currency: 'USD',
    subtotalMinor: amount,
    taxMinor: 0,
    tipMinor: 0,
    totalMinor: amount,
    items: [{ sku: 'X', name: 'X', quantity: 1, unitPriceMinor: amount, amountMinor: amount, taxMinor: 0 }],
    employeeId: null,
    createdAt: '2026-01-27T19:00:00.000Z',
  });
  await adapter.postCharge(charge(MAX - 10));
  const err = await adapter.postCharge(charge(100)).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(err instanceof PmsError, `a PmsError, got ${String(err)}`);
  assert.equal(err.code, 'AMOUNT_OUT_OF_RANGE');
  assert.equal(err.retryable, false, 'never retried');
});
