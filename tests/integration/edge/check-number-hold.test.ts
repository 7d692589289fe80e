// Seed 000 "Room Found" shows the check's number before Post: the edge holds the next number for the
// screen's hold id, the check made with that hold takes it, and a cancelled Room Found gives its
// number back to the next check (no gap in the outlet's sequence). Real edge and central.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { hashPin } from '@roompost/edge';
import type { ChargeView, KioskLookup, StaffSessionView } from '@roompost/sync';
import { api, startTestStack } from '../../support/stack.js';

test('Room Found holds the check number; the check takes it; a cancelled hold goes to the next check', async (t) => {
  const staff = [
    { id: 'staff-server', name: 'The server', role: 'server' as const, pinHash: await hashPin('1111') },
  ];
  const stack = await startTestStack(t, { mode: 'staff', staff });
  const edge = stack.edge.httpUrl;
  const session = await api<StaffSessionView>(edge, '/api/staff/session', { pin: '1111' });
  assert.equal(session.status, 201, JSON.stringify(session.body));
  const token = session.body.token;
  const hold = async (holdId: string) => {
    const res = await api<{ checkNumber: string }>(edge, '/api/checks/number', { holdId }, token);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.checkNumber;
  };
  const release = (holdId: string) =>
    fetch(`${edge}/api/checks/number/${holdId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
  const charge = async (checkNumberHold?: string) => {
    const found = await api<KioskLookup>(edge, '/api/lookup', { roomNumber: '412' }, token);
    assert.equal(found.status, 200, JSON.stringify(found.body));
    const res = await api<ChargeView>(
      edge,
      '/api/checks',
      {
        requestId: randomUUID(),
        verificationId: found.body.verificationId,
        items: [{ sku: 'BEER', quantity: 1 }],
        ...(checkNumberHold ? { checkNumberHold } : {}),
      },
      token,
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.checkNumber;
  };

  const [a, b] = [randomUUID(), randomUUID()];
  const first = await hold(a);
  assert.equal(await hold(a), first, 'the same hold answers the same number');
  const second = await hold(b);
  assert.equal(Number(second), Number(first) + 1);
  assert.equal(
    (await api(edge, '/api/checks/number', { holdId: randomUUID() })).body.code,
    'UNAUTHENTICATED',
  );
  assert.equal(
    (await api(edge, '/api/checks/number', { holdId: 'nope' }, token)).body.code,
    'VALIDATION_FAILED',
  );

  // Room Found for hold b posts: the check carries the number the screen showed.
  assert.equal(await charge(b), second);
  // Room Found for hold a is cancelled: the next check (no hold) gets that number, then the counter goes on.
  assert.equal((await release(a)).status, 204);
  assert.equal((await release(randomUUID())).status, 204, 'an unknown hold is nothing to give back');
  assert.equal(await charge(), first);
  assert.equal(Number(await charge()), Number(second) + 1);
});
