// Central checks a staff claim itself: an override, a custom price or a void from an outlet needs a
// staff proof central signed after checking the PIN, for that device, whose role may do it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  type ChargeMessage,
  type ChargeStatusMessage,
  chargeStatusMessage,
  deviceClientId,
  RpcClient,
  RpcError,
  topicFor,
} from '@roompost/sync';
import mqtt from 'mqtt';
import { hashPin } from '../../../edge/src/staff/pin-hash.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { DEVICE, DEVICE_SECRET, eventually, PROPERTY, startTestStack } from '../../support/stack.js';

async function asDevice(t: { after(fn: () => void): void }, port: number) {
  const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
    protocolVersion: 4,
    // The device's own client id plus a suffix: the broker binds each account to its own id.
    clientId: `${deviceClientId(PROPERTY, DEVICE)}:test-${Math.random().toString(16).slice(2)}`,
    username: DEVICE,
    password: DEVICE_SECRET,
    reconnectPeriod: 0,
  });
  t.after(() => client.end(true));
  await new Promise((resolve) => client.once('connect', resolve));
  const rpc = new RpcClient({
    client,
    property: PROPERTY,
    device: DEVICE,
    logger: recordingLogger(),
    timeoutMs: 5000,
  });
  await rpc.start();
  t.after(() => rpc.stop());
  const statuses: ChargeStatusMessage[] = [];
  client.on('message', (topic, payload) => {
    if (topic.endsWith('/charge-status'))
      statuses.push(chargeStatusMessage.parse(JSON.parse(payload.toString())));
  });
  await client.subscribeAsync(topicFor('chargeStatus', PROPERTY, DEVICE), { qos: 1 });
  const publish = async (charge: ChargeMessage) => {
    await client.publishAsync(topicFor('charge', PROPERTY, DEVICE), JSON.stringify(charge), { qos: 1 });
    return eventually(
      async () => statuses.find((s) => s.chargeId === charge.chargeId),
      `status of ${charge.chargeId}`,
    );
  };
  return { rpc, publish };
}

async function staffFixture() {
  return [
    { id: 'ana', name: 'Ana Lopez', role: 'server' as const, pinHash: await hashPin('111111') },
    { id: 'maria', name: 'Maria Chen', role: 'manager' as const, pinHash: await hashPin('333333') },
  ];
}

async function charge(
  stack: Awaited<ReturnType<typeof startTestStack>>,
  extra: Partial<ChargeMessage>,
): Promise<ChargeMessage> {
  const room = await stack.central.folio.lookupRoom('412');
  return {
    v: 1,
    chargeId: randomUUID(),
    outletCode: 'POOL',
    checkNumber: String(Math.floor(Math.random() * 9000) + 1000),
    roomNumber: '412',
    stayRef: room.stayRef,
    guestName: 'Mr. James Wilson',
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
    ...extra,
  };
}

const override = (by: string) => ({ by, reason: 'regular guest, manager approved' });

test('an override without a proof, with a forged one or with a server’s is refused at central with a code; a manager’s posts', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff: await staffFixture() });
  const device = await asDevice(t, stack.mqttPort);

  const bare = await device.publish(
    await charge(stack, { override: override('maria'), employeeId: 'maria' }),
  );
  assert.deepEqual([bare.status, bare.error?.code], ['rejected', 'STAFF_PROOF_REQUIRED']);

  const server = await device.rpc.staffProof('ana', '111111');
  const byServer = await device.publish(
    await charge(stack, { override: override('ana'), employeeId: 'ana', staffProof: server.proof }),
  );
  assert.deepEqual(
    [byServer.status, byServer.error?.code],
    ['rejected', 'FORBIDDEN'],
    'a server may not override',
  );

  // The server's proof relabelled as the manager's: the signature no longer matches.
  const [tag, body, mac] = server.proof.split('.');
  const claims = JSON.parse(Buffer.from(body ?? '', 'base64url').toString());
  const forged = `${tag}.${Buffer.from(JSON.stringify({ ...claims, sid: 'maria', role: 'manager' })).toString('base64url')}.${mac}`;
  const byForgery = await device.publish(
    await charge(stack, { override: override('maria'), employeeId: 'maria', staffProof: forged }),
  );
  assert.deepEqual([byForgery.status, byForgery.error?.code], ['rejected', 'STAFF_PROOF_INVALID']);

  // The server's real proof, but the override claims the manager did it.
  const borrowed = await device.publish(
    await charge(stack, { override: override('maria'), employeeId: 'maria', staffProof: server.proof }),
  );
  assert.deepEqual([borrowed.status, borrowed.error?.code], ['rejected', 'STAFF_PROOF_INVALID']);

  const manager = await device.rpc.staffProof('maria', '333333');
  const approved = await device.publish(
    await charge(stack, { override: override('maria'), employeeId: 'maria', staffProof: manager.proof }),
  );
  assert.notEqual(approved.status, 'rejected', JSON.stringify(approved.error));
});

test('a custom price without a staff proof is refused at central', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff: await staffFixture() });
  const device = await asDevice(t, stack.mqttPort);
  const custom = await charge(stack, {
    items: [
      { sku: 'CUSTOM-1', name: 'Mojito', quantity: 1, unitPriceMinor: 100, amountMinor: 100, taxMinor: 0 },
    ],
    subtotalMinor: 100,
    taxMinor: 0,
    totalMinor: 100,
  });
  const status = await device.publish(custom);
  assert.deepEqual([status.status, status.error?.code], ['rejected', 'STAFF_PROOF_REQUIRED']);
});

test('central checks the PIN itself, locks a staff member after five wrong ones, and never mints for a self-service device', async (t) => {
  const staffStack = await startTestStack(t, { mode: 'staff', staff: await staffFixture() });
  const device = await asDevice(t, staffStack.mqttPort);
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'OK',
      (err: unknown) => (err instanceof RpcError ? err.code : String(err)),
    );
  for (let i = 0; i < 5; i++)
    assert.equal(await codeOf(device.rpc.staffProof('maria', `90000${i}`)), 'UNAUTHENTICATED');
  assert.equal(
    await codeOf(device.rpc.staffProof('maria', '333333')),
    'SIGN_IN_LOCKED',
    'her right PIN waits too',
  );
  assert.equal(await codeOf(device.rpc.staffProof('ana', '111111')), 'OK', 'a colleague is not locked');

  const kiosk = await startTestStack(t, { mode: 'self-service' });
  await kiosk.central.staff.set('maria', { name: 'Maria Chen', role: 'manager', pin: '482913' }, 'test');
  const selfService = await asDevice(t, kiosk.mqttPort);
  assert.equal(await codeOf(selfService.rpc.staffProof('maria', '482913')), 'FORBIDDEN');
  assert.equal(
    await codeOf(selfService.rpc.staffRoster()),
    'FORBIDDEN',
    'no PIN hashes for a self-service device',
  );
});
