// Central checks a staff claim itself: an override, a custom price or a void from an outlet needs a
// staff proof central signed after checking the PIN, for that device, whose role may do it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RpcError } from '@roompost/sync';
import { hashPin } from '../../../edge/src/staff/pin-hash.js';
import { deviceSession, mojitoFor412 } from '../../support/device-session.js';
import { startTestStack } from '../../support/stack.js';

async function staffFixture() {
  return [
    { id: 'ana', name: 'Ana Lopez', role: 'server' as const, pinHash: await hashPin('111111') },
    { id: 'maria', name: 'Maria Chen', role: 'manager' as const, pinHash: await hashPin('333333') },
  ];
}

const override = (by: string) => ({ by, reason: 'regular guest, manager approved' });

test('an override without a proof, with a forged one or with a server’s is refused at central with a code; a manager’s posts', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff: await staffFixture() });
  const device = await deviceSession(t, stack.mqttPort);

  const bare = await device.publish(
    await mojitoFor412(stack, { override: override('maria'), employeeId: 'maria' }),
  );
  assert.deepEqual([bare.status, bare.error?.code], ['rejected', 'STAFF_PROOF_REQUIRED']);

  const server = await device.rpc.staffProof('ana', '111111');
  const byServer = await device.publish(
    await mojitoFor412(stack, { override: override('ana'), employeeId: 'ana', staffProof: server.proof }),
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
    await mojitoFor412(stack, { override: override('maria'), employeeId: 'maria', staffProof: forged }),
  );
  assert.deepEqual([byForgery.status, byForgery.error?.code], ['rejected', 'STAFF_PROOF_INVALID']);

  // The server's real proof, but the override claims the manager did it.
  const borrowed = await device.publish(
    await mojitoFor412(stack, { override: override('maria'), employeeId: 'maria', staffProof: server.proof }),
  );
  assert.deepEqual([borrowed.status, borrowed.error?.code], ['rejected', 'STAFF_PROOF_INVALID']);

  const manager = await device.rpc.staffProof('maria', '333333');
  const approved = await device.publish(
    await mojitoFor412(stack, {
      override: override('maria'),
      employeeId: 'maria',
      staffProof: manager.proof,
    }),
  );
  assert.notEqual(approved.status, 'rejected', JSON.stringify(approved.error));
});

test('a custom price without a staff proof is refused at central', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff: await staffFixture() });
  const device = await deviceSession(t, stack.mqttPort);
  const custom = await mojitoFor412(stack, {
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
  const device = await deviceSession(t, staffStack.mqttPort);
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
  const selfService = await deviceSession(t, kiosk.mqttPort);
  assert.equal(await codeOf(selfService.rpc.staffProof('maria', '482913')), 'FORBIDDEN');
  assert.equal(
    await codeOf(selfService.rpc.staffRoster()),
    'FORBIDDEN',
    'no PIN hashes for a self-service device',
  );
});
