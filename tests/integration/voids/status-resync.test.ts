// Final statuses re-synced: a `voided` published while the outlet was away is lost when central (and
// its embedded broker) restarts before the outlet reconnects; on reconnect the edge asks central
// where its open and recently posted charges stand (RPC `chargeStatuses`) and records the void.
// Real central, edge, broker, SQLite files and the built-in folio engine.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedDemoCatalogs, seedDemoHotel } from '@roompost/central';
import { startEdge } from '@roompost/edge';
import { type ChargeView, type KioskLookup, RpcClient } from '@roompost/sync';
import { chargeMessageFor, rawDevice } from '../../support/raw-charges.js';
import { recordingLogger } from '../../support/recording-logger.js';
import {
  api,
  centralAs,
  DEVICE,
  DEVICE_SECRET,
  edgeConfig,
  eventually,
  PROPERTY,
  startTestCentral,
  startTestStack,
  TODAY,
} from '../../support/stack.js';

test('a void made while the outlet was offline reaches it after central restarted in between', async (t) => {
  const stack = await startTestStack(t);
  const lookup = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' });
  assert.equal(lookup.status, 200, JSON.stringify(lookup.body));
  const created = await api<ChargeView>(stack.edge.httpUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'BEER', quantity: 2 }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${id}`);
    return c.body.status === 'posted' ? true : undefined;
  }, 'the charge to post');

  // The outlet goes away; a manager voids the charge at central; central restarts before the
  // outlet is back, so the `voided` it published has nobody left to deliver it.
  await stack.edge.stop();
  const manager = centralAs(stack.central.httpUrl, 'maria.manager', 'manager');
  const voided = await manager.post<{ status: string }>(`/api/pms/postings/${id}/void`, {
    reason: 'Guest disputed the drinks',
  });
  assert.deepEqual([voided.status, voided.body.status], [200, 'voided'], voided.text);
  await stack.stopCentral();
  await stack.startCentral();

  const logger = recordingLogger();
  stack.edge = await startEdge(edgeConfig(stack.mqttPort), {
    dataDir: stack.dir,
    logger,
    kioskDir: join(stack.dir, 'no-kiosk-build'),
    relay: { retryMs: 200, pollMs: 500, tickMs: 100 },
  });
  const seen = await eventually(
    async () => {
      const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${id}`);
      return c.body.status === 'voided' ? c.body : undefined;
    },
    'the edge to ask again and record the void',
    15_000,
  );
  assert.equal(seen.error, null);
  assert.ok(
    logger.entries.some((e) => e.msg === 'charge statuses re-synced with central'),
    'the re-sync pass ran on connect',
  );
});

test('chargeStatuses answers a device its own charges only; unknown ids are left out', async (t) => {
  const OTHER = 'bar-kiosk-2';
  const OTHER_SECRET = 'other-device-secret-0123456789';
  const central = await startTestCentral(
    t,
    {},
    {
      devices: [
        { id: DEVICE, outletCode: 'POOL', secret: DEVICE_SECRET },
        { id: OTHER, outletCode: 'POOL', secret: OTHER_SECRET },
      ],
    },
  );
  const url = central.mqttUrl;
  const own = await rawDevice({ url, property: PROPERTY, device: DEVICE, secret: DEVICE_SECRET });
  t.after(() => own.close());
  const other = await rawDevice({ url, property: PROPERTY, device: OTHER, secret: OTHER_SECRET });
  t.after(() => other.close());
  await seedDemoHotel(central.folio, TODAY);
  await seedDemoCatalogs(central.catalog);
  const stayRef = (await central.folio.lookupRoom('402')).stayRef;
  const charge = chargeMessageFor({ roomNumber: '402', stayRef }, '1001');
  await own.publish(charge);
  await eventually(async () => own.statuses.get(charge.chargeId)?.at(-1), 'central to answer the charge');

  const rpcOf = async (client: typeof own.client, device: string) => {
    const rpc = new RpcClient({
      client,
      property: PROPERTY,
      device,
      logger: recordingLogger(),
      timeoutMs: 5000,
    });
    await rpc.start();
    t.after(() => rpc.stop());
    return rpc;
  };
  const ownRpc = await rpcOf(own.client, DEVICE);
  const otherRpc = await rpcOf(other.client, OTHER);

  const unknown = randomUUID();
  const mine = await ownRpc.chargeStatuses([charge.chargeId, unknown]);
  assert.deepEqual(
    mine.statuses.map((s) => s.chargeId),
    [charge.chargeId],
    'an unknown charge is left out',
  );
  assert.equal(mine.statuses[0]?.status, own.statuses.get(charge.chargeId)?.at(-1)?.status);
  const theirs = await otherRpc.chargeStatuses([charge.chargeId]);
  assert.deepEqual(theirs.statuses, [], "another device's charge is answered like an unknown one");
});
