// Staff mode over real HTTP: a real edge in staff mode, central with the built-in folio engine.
// The API enforces seed 000's permission table; the kiosk only hides buttons.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { createBuiltinAdapter, PmsError } from '@roompost/central';
import type { EdgeConfig } from '@roompost/edge';
import { hashPin } from '@roompost/edge';
import type { ChargeView, KioskLookup, StaffRole, StaffSessionView } from '@roompost/sync';
import { api, centralApi, eventually, startTestStack, type TestStack } from '../../support/stack.js';

const PINS: Record<StaffRole, string> = {
  server: '1111',
  front_desk: '2222',
  manager: '3333',
  admin: '4444',
};
const ROLES = Object.keys(PINS) as StaffRole[];
let staff: EdgeConfig['staff'];

before(async () => {
  staff = await Promise.all(
    ROLES.map(async (role) => ({
      id: `staff-${role}`,
      name: `The ${role}`,
      role,
      pinHash: await hashPin(PINS[role]),
    })),
  );
});

async function signIn(stack: TestStack, role: StaffRole): Promise<string> {
  const res = await api<StaffSessionView>(stack.edge.httpUrl, '/api/staff/session', { pin: PINS[role] });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.staff.role, role);
  return res.body.token;
}

async function lookUp(stack: TestStack, token: string, roomNumber: string): Promise<KioskLookup> {
  const res = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { roomNumber }, token);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

function check(verificationId: string, extra: Record<string, unknown> = {}) {
  return { requestId: randomUUID(), verificationId, items: [{ sku: 'BEER', quantity: 2 }], ...extra };
}

test('staff mode refuses every guest-facing call without a signed-in staff member', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff });
  const edge = stack.edge.httpUrl;
  for (const [path, body] of [
    ['/api/lookup', { roomNumber: '412' }],
    ['/api/checks', check('x')],
    ['/api/charges', undefined],
    ['/api/events', undefined],
    ['/api/staff/pending', undefined],
  ] as const) {
    const res = await api(edge, path, body);
    assert.deepEqual([res.status, res.body.code], [401, 'UNAUTHENTICATED'], path);
  }
  const badToken = await api(edge, '/api/lookup', { roomNumber: '412' }, 'forged-token');
  assert.equal(badToken.status, 401);
  assert.equal((await api(edge, '/api/outlet')).status, 200, 'the sign-in screen still boots');
});

test('every role may charge to a room, sees the full guest name, and is the employee on the charge', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff });
  for (const role of ROLES) {
    const token = await signIn(stack, role);
    const guest = await lookUp(stack, token, '412');
    assert.equal(guest.guestName, 'Mr. James Wilson');
    assert.equal(guest.vipLevel, 'Gold');
    const res = await api<ChargeView>(stack.edge.httpUrl, '/api/checks', check(guest.verificationId), token);
    assert.equal(res.status, 201, `${role}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.guestName, 'Mr. James Wilson');
  }
  const postings = await eventually(async () => {
    const res = await centralApi<{ postings: Array<{ status: string; employeeId: string | null }> }>(
      stack.central.httpUrl,
      '/api/pms/postings',
    );
    return res.body.postings.length === 4 && res.body.postings.every((p) => p.status === 'posted')
      ? res.body.postings
      : undefined;
  }, 'four posted charges');
  assert.deepEqual(postings.map((p) => p.employeeId).sort(), ROLES.map((r) => `staff-${r}`).sort());
});

test('a custom charge (name + tax-inclusive amount) posts as its own line', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff });
  const token = await signIn(stack, 'server');
  const guest = await lookUp(stack, token, '412');
  const res = await api<ChargeView>(
    stack.edge.httpUrl,
    '/api/checks',
    check(guest.verificationId, {
      items: [{ custom: { name: 'Birthday cake', unitPriceMinor: 2500 }, quantity: 2 }],
    }),
    token,
  );
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.deepEqual(
    res.body.items.map((i) => [i.name, i.quantity, i.amountMinor, i.taxMinor]),
    [['Birthday cake', 2, 5000, 0]],
  );
  assert.equal(res.body.totalMinor, 5000);
});

test('only front desk and up may override a credit limit, and the override reaches the folio', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff });
  const edge = stack.edge.httpUrl;
  const big = [{ sku: 'MOJITO', quantity: 2 }]; // well past the 10.00 Priya Sharma has left
  const reason = { reason: 'Guest paying deposit at front desk' };

  const server = await signIn(stack, 'server');
  const sharma = await lookUp(stack, server, '310');
  assert.equal(sharma.guestName.endsWith('Priya Sharma'), true);
  const plain = await api(edge, '/api/checks', check(sharma.verificationId, { items: big }), server);
  assert.deepEqual([plain.status, plain.body.code], [409, 'CREDIT_EXCEEDED']);
  const refused = await api(
    edge,
    '/api/checks',
    check(sharma.verificationId, { items: big, override: reason }),
    server,
  );
  assert.deepEqual([refused.status, refused.body.code], [403, 'FORBIDDEN']);

  for (const role of ['front_desk', 'manager', 'admin'] as const) {
    const token = await signIn(stack, role);
    const guest = await lookUp(stack, token, '310');
    const res = await api<ChargeView>(
      edge,
      '/api/checks',
      check(guest.verificationId, { items: big, override: reason }),
      token,
    );
    assert.equal(res.status, 201, `${role}: ${JSON.stringify(res.body)}`);
    const posted = await eventually(async () => {
      const c = await api<ChargeView>(edge, `/api/charges/${res.body.id}`, undefined, token);
      return c.body.status === 'posted' || c.body.status === 'rejected' ? c.body : undefined;
    }, `${role}'s override charge to be answered`);
    // The folio engine refuses an over-limit charge without the override: posted means it travelled.
    assert.equal(posted.status, 'posted', JSON.stringify(posted.error));
  }
});

test('only managers and admins may retry a posting; the retry republishes an undelivered charge', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff });
  const edge = stack.edge.httpUrl;
  const server = await signIn(stack, 'server');
  const guest = await lookUp(stack, server, '412');
  await stack.holdRoster();
  await stack.stopCentral();
  const charged = await api<ChargeView>(edge, '/api/checks', check(guest.verificationId), server);
  assert.equal(charged.status, 201, 'a guest verified moments ago is charged offline');
  assert.equal(charged.body.status, 'pending');

  const pending = await api<{ charges: ChargeView[] }>(edge, '/api/staff/pending', undefined, server);
  assert.deepEqual(
    pending.body.charges.map((c) => c.id),
    [charged.body.id],
  );

  const path = `/api/staff/charges/${charged.body.id}/retry`;
  for (const role of ['server', 'front_desk'] as const) {
    const res = await api(edge, path, {}, await signIn(stack, role));
    assert.deepEqual([res.status, res.body.code], [403, 'FORBIDDEN'], role);
  }
  const manager = await signIn(stack, 'manager');
  const retried = await api<ChargeView>(edge, path, {}, manager);
  assert.equal(retried.status, 200, JSON.stringify(retried.body));
  const admin = await api(edge, path, {}, await signIn(stack, 'admin'));
  assert.equal(admin.status, 200);

  await stack.startCentral();
  await eventually(
    async () => {
      const c = await api<ChargeView>(edge, `/api/charges/${charged.body.id}`, undefined, manager);
      return c.body.status === 'posted' ? true : undefined;
    },
    'the charge to post once central is back',
    20_000,
  );
  const after = await api(edge, path, {}, manager);
  assert.deepEqual([after.status, after.body.code], [409, 'INVALID_STATE'], 'central holds it now');
});

test('a manager at the outlet retries a posting the PMS refused for now: the retry travels to central and posts', async (t) => {
  let pmsDown = true;
  const stack = await startTestStack(t, {
    mode: 'staff',
    staff,
    adapter: (folio) => {
      const builtin = createBuiltinAdapter(folio);
      return {
        ...builtin,
        postCharge: (charge) =>
          pmsDown
            ? Promise.reject(new PmsError('CONNECTION_FAILED', 'Connection timeout to PMS'))
            : builtin.postCharge(charge),
      };
    },
  });
  const edge = stack.edge.httpUrl;
  const server = await signIn(stack, 'server');
  const guest = await lookUp(stack, server, '412');
  const charged = await api<ChargeView>(edge, '/api/checks', check(guest.verificationId), server);
  const queued = await eventually(async () => {
    const c = await api<ChargeView>(edge, `/api/charges/${charged.body.id}`, undefined, server);
    return c.body.status === 'queued' ? c.body : undefined;
  }, 'central to queue the charge after the PMS timeout');
  assert.equal(queued.error?.code, 'CONNECTION_FAILED');
  const listed = await api<{ charges: ChargeView[] }>(edge, '/api/staff/pending', undefined, server);
  assert.deepEqual(
    listed.body.charges.map((c) => [c.id, c.status]),
    [[charged.body.id, 'queued']],
  );

  const path = `/api/staff/charges/${charged.body.id}/retry`;
  const refused = await api(edge, path, {}, await signIn(stack, 'front_desk'));
  assert.deepEqual([refused.status, refused.body.code], [403, 'FORBIDDEN']);

  pmsDown = false;
  const manager = await signIn(stack, 'manager');
  const retried = await api<ChargeView>(edge, path, {}, manager);
  assert.equal(retried.status, 200, JSON.stringify(retried.body));
  assert.equal(retried.body.status, 'posted', 'central posted it now, not in five minutes');
  await eventually(async () => {
    const c = await api<ChargeView>(edge, `/api/charges/${charged.body.id}`, undefined, manager);
    return c.body.status === 'posted' ? true : undefined;
  }, 'the edge to learn the charge posted');
  const attempts = await stack.central.db
    .selectFrom('posting_attempts')
    .select(['outcome', 'actor'])
    .where('charge_id', '=', charged.body.id)
    .execute();
  assert.ok(
    attempts.some((a) => a.outcome === 'manual-retry' && a.actor === 'pool-kiosk-1:staff-manager'),
    `the manual retry is attributed: ${JSON.stringify(attempts)}`,
  );
});

test('five wrong PINs lock sign-in on the terminal, for the right PIN too', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff });
  const edge = stack.edge.httpUrl;
  for (let i = 1; i <= 4; i++) {
    const res = await api(edge, '/api/staff/session', { pin: '9876' });
    assert.deepEqual(
      [res.status, res.body.code, res.body.field],
      [401, 'UNAUTHENTICATED', 'pin'],
      `try ${i}`,
    );
  }
  const fifth = await api(edge, '/api/staff/session', { pin: '9876' });
  assert.deepEqual([fifth.status, fifth.body.code], [429, 'SIGN_IN_LOCKED']);
  const right = await api(edge, '/api/staff/session', { pin: PINS.manager });
  assert.deepEqual([right.status, right.body.code], [429, 'SIGN_IN_LOCKED']);
  const log = JSON.stringify(stack.edgeLog.entries);
  assert.ok(!log.includes('9876') && !log.includes(PINS.manager), 'PINs never reach the log');
});

test('a signed-out session is refused; a self-service outlet refuses custom charges and overrides', async (t) => {
  const staffStack = await startTestStack(t, { mode: 'staff', staff });
  const token = await signIn(staffStack, 'admin');
  const out = await fetch(`${staffStack.edge.httpUrl}/api/staff/session`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(out.status, 204);
  assert.equal((await api(staffStack.edge.httpUrl, '/api/lookup', { roomNumber: '412' }, token)).status, 401);

  const pool = await startTestStack(t);
  const guest = await api<KioskLookup>(pool.edge.httpUrl, '/api/lookup', {
    roomNumber: '412',
    lastName: 'Wilson',
  });
  assert.equal(guest.body.guestName, 'J. W****');
  const custom = await api(pool.edge.httpUrl, '/api/checks', {
    ...check(guest.body.verificationId),
    items: [{ custom: { name: 'Anything', unitPriceMinor: 100 }, quantity: 1 }],
  });
  assert.deepEqual([custom.status, custom.body.code], [403, 'FORBIDDEN']);
  const override = await api(
    pool.edge.httpUrl,
    '/api/checks',
    check(guest.body.verificationId, { override: { reason: 'please' } }),
  );
  assert.deepEqual([override.status, override.body.code], [403, 'FORBIDDEN']);
  const signInThere = await api(pool.edge.httpUrl, '/api/staff/pending');
  assert.deepEqual([signInThere.status, signInThere.body.code], [403, 'FORBIDDEN']);
});
