// The offline stand-in over real components: central (built-in folio engine, embedded broker)
// replicates its in-house roster to a real edge over MQTT; central is then stopped and the edge
// charges against its SQLite copy of the roster only (DESIGN "Offline stand-in").
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import type { EdgeConfig } from '@roompost/edge';
import { hashPin } from '@roompost/edge';
import type { ChargeView, KioskLookup, StaffSessionView } from '@roompost/sync';
import { api, centralApi, eventually, startTestStack, type TestStack } from '../../support/stack.js';

let staff: EdgeConfig['staff'];
before(async () => {
  staff = [{ id: 'staff-fd', name: 'Front Desk', role: 'front_desk', pinHash: await hashPin('2222') }];
});

async function offlineStack(t: Parameters<typeof startTestStack>[0], floorMinor: number) {
  const stack = await startTestStack(t, {
    mode: 'staff',
    staff,
    offline: { floorLimits: { USD: floorMinor }, maxRosterAgeMinutes: 720 },
  });
  // The demo hotel is seeded after central started: refresh the roster, wait for the edge to hold it.
  await stack.holdRoster();
  assert.ok(
    (await stack.central.roster.snapshot()).entries.length >= 5,
    'the in-house rooms are on the roster',
  );
  const token = await signIn(stack);
  return { stack, token };
}

async function signIn(stack: TestStack): Promise<string> {
  const res = await api<StaffSessionView>(stack.edge.httpUrl, '/api/staff/session', { pin: '2222' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.token;
}

async function goOffline(stack: TestStack): Promise<void> {
  await stack.stopCentral();
  await eventually(
    async () =>
      (await api(stack.edge.httpUrl, '/api/health')).body.central === 'offline' ? true : undefined,
    'the edge to notice central is gone',
  );
}

function custom436(verificationId: string) {
  return {
    requestId: randomUUID(),
    verificationId,
    items: [{ custom: { name: 'Club sandwich', unitPriceMinor: 436 }, quantity: 1 }],
    tipMinor: 0,
  };
}

test('room 310 with 10.00 left, central down: only what the roster credit allows is charged, and all of it posts when central returns', async (t) => {
  const { stack, token } = await offlineStack(t, 5000);
  const edge = stack.edge.httpUrl;
  await goOffline(stack);

  const guest = await api<KioskLookup>(edge, '/api/lookup', { roomNumber: '310' }, token);
  assert.equal(guest.status, 200, JSON.stringify(guest.body));
  assert.equal(guest.body.standIn, true);
  assert.equal(guest.body.guestName, 'P. S****', 'the roster holds only the masked name');
  assert.equal(guest.body.availableCreditMinor, 1000);

  const answers: Array<{
    status: number;
    body: ChargeView & { code?: string; context?: Record<string, unknown> };
  }> = [];
  for (let i = 0; i < 4; i++)
    answers.push(await api(edge, '/api/checks', custom436(guest.body.verificationId), token));
  assert.deepEqual(
    answers.map((a) => [a.status, a.body.code ?? a.body.status]),
    [
      [201, 'pending'],
      [201, 'pending'],
      [409, 'CREDIT_EXCEEDED'],
      [409, 'CREDIT_EXCEEDED'],
    ],
  );
  assert.equal(answers[2]!.body.context?.standIn, true);
  assert.equal(answers[2]!.body.context?.availableCreditMinor, 1000 - 872);
  const accepted = answers.slice(0, 2).map((a) => a.body);
  assert.ok(accepted.every((c) => c.standIn === true && c.totalMinor === 436));
  const pending = await api<{ charges: ChargeView[] }>(edge, '/api/staff/pending', undefined, token);
  assert.deepEqual(
    pending.body.charges.map((c) => [c.id, c.standIn]).sort(),
    accepted.map((c) => [c.id, true]).sort(),
    'staff see the stand-in charges, and only the accepted ones',
  );

  await stack.startCentral();
  const final = await Promise.all(
    accepted.map((c) =>
      eventually(async () => {
        const v = await api<ChargeView>(edge, `/api/charges/${c.id}`, undefined, token);
        return v.body.status === 'posted' || v.body.status === 'rejected' ? v.body : undefined;
      }, `charge ${c.id} to be answered`),
    ),
  );
  assert.deepEqual(
    final.map((c) => [c.status, c.error?.code ?? null]),
    [
      ['posted', null],
      ['posted', null],
    ],
  );
  const postings = await centralApi<{ postings: Array<{ id: string; status: string; standIn: boolean }> }>(
    stack.central.httpUrl,
    '/api/pms/postings',
  );
  assert.deepEqual(
    postings.body.postings.map((p) => [p.id, p.status, p.standIn]).sort(),
    accepted.map((c) => [c.id, 'posted', true]).sort(),
    'central holds exactly the two accepted charges, marked stand-in, and nothing refused',
  );
});

test('the outlet floor limit caps what one stay is charged offline, with a coded refusal', async (t) => {
  const { stack, token } = await offlineStack(t, 500);
  const edge = stack.edge.httpUrl;
  await goOffline(stack);
  const guest = await api<KioskLookup>(edge, '/api/lookup', { roomNumber: '310' }, token);
  const answers = [];
  for (let i = 0; i < 4; i++)
    answers.push(await api(edge, '/api/checks', custom436(guest.body.verificationId), token));
  assert.deepEqual(
    answers.map((a) => [a.status, a.body.code ?? a.body.status]),
    [
      [201, 'pending'],
      [409, 'OFFLINE_LIMIT_EXCEEDED'],
      [409, 'OFFLINE_LIMIT_EXCEEDED'],
      [409, 'OFFLINE_LIMIT_EXCEEDED'],
    ],
  );
  assert.deepEqual(answers[1]!.body.context, {
    floorLimitMinor: 500,
    usedMinor: 436,
    chargeMinor: 436,
    standIn: true,
  });
  // Four at once: the tally is read and written in the charge's transaction, so one wins at most.
  const room412 = await api<KioskLookup>(edge, '/api/lookup', { roomNumber: '412' }, token);
  const raced = await Promise.all(
    [0, 1, 2, 3].map(() => api(edge, '/api/checks', custom436(room412.body.verificationId), token)),
  );
  assert.deepEqual(raced.map((a) => a.status).sort(), [201, 409, 409, 409]);
});

test('offline, unknown, checked-out and no-post rooms are refused at the outlet', async (t) => {
  const { stack, token } = await offlineStack(t, 5000);
  const edge = stack.edge.httpUrl;
  // Central told the outlet 305 has checked out when the PMS answered so.
  const out = await api(edge, '/api/lookup', { roomNumber: '305' }, token);
  assert.equal(out.body.code, 'GUEST_CHECKED_OUT');
  await goOffline(stack);

  const unknown = await api(edge, '/api/lookup', { roomNumber: '999' }, token);
  assert.deepEqual([unknown.status, unknown.body.code], [404, 'ROOM_NOT_FOUND']);
  const checkedOut = await api(edge, '/api/lookup', { roomNumber: '305' }, token);
  assert.deepEqual([checkedOut.status, checkedOut.body.code], [409, 'GUEST_CHECKED_OUT']);
  const card = await api(edge, '/api/lookup', { uid: '04A1B2C3' }, token);
  assert.deepEqual([card.status, card.body.code], [503, 'CONNECTION_FAILED']);

  const blocked = await api<KioskLookup>(edge, '/api/lookup', { roomNumber: '407' }, token);
  assert.equal(blocked.status, 200);
  assert.equal(blocked.body.restriction?.code, 'CHARGES_BLOCKED');
  const refused = await api(edge, '/api/checks', custom436(blocked.body.verificationId), token);
  assert.deepEqual([refused.status, refused.body.code], [409, 'CHARGES_BLOCKED']);
  const charges = await api<{ charges: ChargeView[] }>(edge, '/api/staff/pending', undefined, token);
  assert.equal(charges.body.charges.length, 0, 'nothing was written for a refused charge');
});
