// Central's RPC seen from a hostile device: a device client on the real broker publishing its own
// requests. A self-service outlet's room lookup needs the guest's last name and answers only the
// guest view; a staff outlet's needs a signed-in staff member's proof (PIN and badge where the
// outlet says so); final statuses come again until the device acknowledges them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { type PresenceMessage, RpcError, topicFor } from '@roompost/sync';
import { hashPin } from '../../../edge/src/staff/pin-hash.js';
import { deviceSession, mojitoFor412 } from '../../support/device-session.js';
import {
  api,
  DEVICE,
  DEVICE_SECRET,
  eventually,
  PROPERTY,
  startTestStack as start,
  type startTestStack,
} from '../../support/stack.js';

type Stack = Awaited<ReturnType<typeof startTestStack>>;
const OTHER = 'pool-kiosk-2';
const OTHER_SECRET = 'other-device-secret-0123456789';
const BADGE = 'B0D9E5F1';

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (err: unknown) => (err instanceof RpcError ? err.code : String(err)),
  );

async function staffFixture() {
  return [
    { id: 'ana', name: 'Ana Lopez', role: 'server' as const, pinHash: await hashPin('111111') },
    {
      id: 'maria',
      name: 'Maria Chen',
      role: 'manager' as const,
      pinHash: await hashPin('333333'),
      badgeHash: await hashPin(BADGE),
    },
  ];
}

test('a self-service device gets a room only with the guest’s last name, one answer for every miss, and only the guest view', async (t) => {
  const stack = await start(t, { mode: 'self-service' });
  const device = await deviceSession(t, stack.mqttPort);
  const full = await stack.central.adapter.lookupRoom('412');

  assert.equal(await codeOf(device.rpc.lookupRoom('412')), 'VALIDATION_FAILED', 'no last name, no answer');
  const forged = await device.rpc.lookupRoom('412', undefined, { proof: 'rp1.e30.AAAA' }).catch((e) => e);
  assert.equal(forged.code, 'VALIDATION_FAILED', 'a staff proof does not stand in for the name');
  assert.equal(
    await codeOf(device.rpc.lookupRoom('412', undefined, { lastName: 'Smith' })),
    'ROOM_NOT_FOUND',
  );
  assert.equal(
    await codeOf(device.rpc.lookupRoom('999', undefined, { lastName: 'Wilson' })),
    'ROOM_NOT_FOUND',
  );

  const seen = await device.rpc.lookupRoom('412', undefined, { lastName: ' wilson ' });
  assert.equal(seen.scope, 'guest');
  assert.equal(seen.stayRef, full.stayRef);
  assert.equal(seen.guest.name, 'J. W****');
  assert.equal(seen.billing.currentBalanceMinor, 0);
  assert.equal(seen.billing.creditLimitMinor, null);
  assert.equal(seen.billing.availableCreditMinor, full.billing.availableCreditMinor, 'for the credit check');
  assert.equal(seen.profile, undefined);
  const text = JSON.stringify(seen);
  for (const secret of [full.guest.firstName, full.guest.lastName, full.reservation.confirmation])
    assert.ok(!text.includes(secret), `the guest view does not carry ${secret}`);

  // The key card in hand is proof too, but the answer is still the guest view.
  const card = await device.rpc.lookupCredential('04A1B2C3');
  assert.deepEqual([card.scope, card.guest.name], ['guest', 'J. W****']);

  // Guessing names is throttled per device at central, whatever the edge does.
  const codes = new Set<string>();
  for (let i = 0; i < 32; i++)
    codes.add(await codeOf(device.rpc.lookupRoom('412', undefined, { lastName: `Guess${i}` })));
  assert.deepEqual([...codes].sort(), ['LOOKUP_THROTTLED', 'ROOM_NOT_FOUND']);
  assert.equal(
    await codeOf(device.rpc.lookupRoom('412', undefined, { lastName: 'Wilson' })),
    'LOOKUP_THROTTLED',
    'the right name waits too',
  );
});

test('a staff device gets a room only for a signed-in staff member’s proof; signed-in staff are never throttled', async (t) => {
  const stack = await start(t, { mode: 'staff', staff: await staffFixture() });
  const device = await deviceSession(t, stack.mqttPort);

  assert.equal(await codeOf(device.rpc.lookupRoom('412')), 'STAFF_PROOF_REQUIRED');
  assert.equal(
    await codeOf(device.rpc.lookupRoom('412', undefined, { lastName: 'Wilson' })),
    'STAFF_PROOF_REQUIRED',
  );
  const { proof } = await device.rpc.staffProof('ana', '111111');
  const [tag, body] = proof.split('.');
  assert.equal(
    await codeOf(device.rpc.lookupRoom('412', undefined, { proof: `${tag}.${body}.forged` })),
    'STAFF_PROOF_INVALID',
  );
  const seen = await device.rpc.lookupRoom('412', undefined, { proof });
  assert.deepEqual([seen.scope, seen.guest.name], ['staff', 'Mr. James Wilson']);

  // Another device's proof is refused.
  const other = await start(t, { mode: 'staff', staff: await staffFixture() });
  const otherDevice = await deviceSession(t, other.mqttPort);
  assert.equal(await codeOf(otherDevice.rpc.lookupRoom('412', undefined, { proof })), 'STAFF_PROOF_INVALID');

  // The edge: a cashier looking up rooms that are not in-house is answered, never throttled.
  const session = await api<{ token: string }>(stack.edge.httpUrl, '/api/staff/session', { pin: '111111' });
  assert.equal(session.status, 201);
  const misses = new Set<string>();
  for (let i = 0; i < 12; i++) {
    const res = await api<{ code: string }>(
      stack.edge.httpUrl,
      '/api/lookup',
      { roomNumber: `9${i}9` },
      session.body.token,
    );
    misses.add(res.body.code);
  }
  assert.deepEqual([...misses], ['ROOM_NOT_FOUND']);
  const found = await api<{ guestName: string }>(
    stack.edge.httpUrl,
    '/api/lookup',
    { roomNumber: '412' },
    session.body.token,
  );
  assert.deepEqual([found.status, found.body.guestName], [200, 'Mr. James Wilson']);
});

test('PIN and badge: the edge and central both refuse a sign-in without the badge, and take it from a tap on the outlet’s reader', async (t) => {
  const stack = await start(t, {
    mode: 'staff',
    staff: await staffFixture(),
    central: {
      outlets: [
        {
          code: 'POOL',
          name: 'Pool Bar',
          postingDescription: 'Pool Bar',
          mode: 'staff',
          staffSignIn: 'pin+badge',
        },
      ],
    },
  });
  const base = stack.edge.httpUrl;
  const noBadge = await api<{ code: string }>(base, '/api/staff/session', { pin: '333333' });
  assert.deepEqual(
    [noBadge.status, noBadge.body.code],
    [401, 'SECOND_FACTOR_REQUIRED'],
    'central’s setting reached the edge',
  );
  const wrongBadge = await api<{ code: string }>(base, '/api/staff/session', {
    pin: '333333',
    badge: 'DEADBEEF',
  });
  assert.deepEqual([wrongBadge.status, wrongBadge.body.code], [401, 'UNAUTHENTICATED']);
  const noBadgeHash = await api<{ code: string }>(base, '/api/staff/session', {
    pin: '111111',
    badge: BADGE,
  });
  assert.equal(noBadgeHash.body.code, 'UNAUTHENTICATED', 'ana has no badge enrolled; maria’s is not hers');

  // The badge tapped on the outlet's own reader, then the PIN: signed in with central's proof.
  assert.equal((await api(base, '/api/dev/tap', { uid: BADGE })).status, 202);
  const session = await api<{ token: string }>(base, '/api/staff/session', { pin: '333333' });
  assert.equal(session.status, 201, JSON.stringify(session.body));
  const found = await api<{ guestName: string }>(
    base,
    '/api/lookup',
    { roomNumber: '412' },
    session.body.token,
  );
  assert.deepEqual(
    [found.status, found.body.guestName],
    [200, 'Mr. James Wilson'],
    'the session carries a PIN+badge proof',
  );
  const reused = await api<{ code: string }>(base, '/api/staff/session', { pin: '333333' });
  assert.equal(reused.body.code, 'SECOND_FACTOR_REQUIRED', 'one tap signs in once');

  // Central: a device asking for a proof without the badge, or with the wrong one.
  const device = await deviceSession(t, stack.mqttPort);
  assert.equal(await codeOf(device.rpc.staffProof('maria', '333333')), 'SECOND_FACTOR_REQUIRED');
  assert.equal(
    await codeOf(device.rpc.staffProof('maria', '333333', undefined, 'DEADBEEF')),
    'UNAUTHENTICATED',
  );
  const { proof } = await device.rpc.staffProof('maria', '333333', undefined, BADGE);
  assert.equal((await device.rpc.lookupRoom('412', undefined, { proof })).scope, 'staff');
});

const charge = (stack: Stack) => mojitoFor412(stack, { guestName: 'J. W****' });

test('central sends a final status again on the device’s reconnect until the device acknowledges it; the edge acknowledges on its own', async (t) => {
  const stack = await start(t, {
    central: {
      devices: [
        { id: DEVICE, outletCode: 'POOL', secret: DEVICE_SECRET, mode: 'self-service' },
        { id: OTHER, outletCode: 'POOL', secret: OTHER_SECRET, mode: 'self-service' },
      ],
    },
  });
  const device = await deviceSession(t, stack.mqttPort, OTHER, OTHER_SECRET);
  const sent = await charge(stack);
  await device.client.publishAsync(topicFor('charge', PROPERTY, OTHER), JSON.stringify(sent), { qos: 1 });
  await eventually(
    async () => device.statuses.find((s) => s.chargeId === sent.chargeId && s.status === 'posted'),
    'posted',
  );
  const online = (on: boolean): string =>
    JSON.stringify({
      v: 1,
      online: on,
      outletCode: 'POOL',
      version: null,
      at: new Date().toISOString(),
    } satisfies PresenceMessage);
  const reconnect = async () => {
    device.statuses.length = 0;
    await device.client.publishAsync(topicFor('presence', PROPERTY, OTHER), online(true), { qos: 1 });
  };

  // Never acknowledged: sent again when the device is back.
  await reconnect();
  const again = await eventually(
    async () => device.statuses.find((s) => s.chargeId === sent.chargeId),
    'the posted status sent again',
  );
  assert.equal(again.status, 'posted');

  // Another device cannot silence it.
  const edge = await deviceSession(t, stack.mqttPort);
  await edge.client.publishAsync(
    topicFor('chargeStatusAck', PROPERTY, DEVICE),
    JSON.stringify({ v: 1, acks: [{ chargeId: sent.chargeId, status: 'posted' }] }),
    { qos: 1 },
  );
  await reconnect();
  await eventually(async () => device.statuses.find((s) => s.chargeId === sent.chargeId), 'still sent again');

  // Acknowledged by the device itself: stored, and not sent on the next reconnect.
  await device.client.publishAsync(
    topicFor('chargeStatusAck', PROPERTY, OTHER),
    JSON.stringify({ v: 1, acks: [{ chargeId: sent.chargeId, status: 'posted' }] }),
    { qos: 1 },
  );
  await eventually(
    async () =>
      (
        await stack.central.db
          .selectFrom('charge_status_acks')
          .select('status')
          .where('charge_id', '=', sent.chargeId)
          .executeTakeFirst()
      )?.status,
    'the acknowledgement stored',
  );
  await reconnect();
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(device.statuses.filter((s) => s.chargeId === sent.chargeId).length, 0);

  // The real edge acknowledges the statuses it stores: a guest's charge through the kiosk.
  const base = stack.edge.httpUrl;
  const found = await api<{ verificationId: string }>(base, '/api/lookup', {
    roomNumber: '412',
    lastName: 'Wilson',
  });
  assert.equal(found.status, 200, JSON.stringify(found.body));
  const check = await api<{ id: string }>(base, '/api/checks', {
    requestId: randomUUID(),
    verificationId: found.body.verificationId,
    items: [{ sku: 'BEER', quantity: 1 }],
  });
  assert.equal(check.status, 201, JSON.stringify(check.body));
  const acked = await eventually(
    async () =>
      (
        await stack.central.db
          .selectFrom('charge_status_acks')
          .select('status')
          .where('charge_id', '=', check.body.id)
          .executeTakeFirst()
      )?.status === 'posted'
        ? true
        : undefined,
    'the edge acknowledged posted',
  );
  assert.equal(acked, true);
});
