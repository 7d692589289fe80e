// The back office's day on `npm start` (the demo stack, built-in folio engine): charges at both outlets
// (the Pool Bar kiosk and the Main Restaurant's staff terminal), the PMS link broken by an admin pointing
// central at a PMS that does not answer (`PUT /api/pms/config`), the stuck charge in the queue the
// console reads, the link restored and the charge retried by the manager; then today's reconciliation
// has every charge matched (the demo's seeded folio history is not central's and is no exception), the
// recovered failure listed with its path, the CSV export holding the day's charges, and the sign-off.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { ChargeView, KioskLookup, StaffSessionView } from '@roompost/sync';
import { parse } from 'csv-parse/sync';
import { signIn } from '../../support/central-api.js';
import { startTestDemo } from '../../support/demo.js';
import { api, eventually, freePort } from '../../support/stack.js';

const JAMES_CARD = '04A1B2C3'; // Mr. James Wilson, room 412

test("a manager's day on the demo: charges at both outlets, a PMS outage and its recovery, a clean reconciliation, export and sign-off", async (t) => {
  const stack = await startTestDemo(t);
  const as = async (user: string, password: string) => {
    const token = await signIn(stack.centralUrl, user, password);
    return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => {
      const res = await fetch(stack.centralUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, text, body: (text.startsWith('{') ? JSON.parse(text) : {}) as T };
    };
  };
  const admin = await as('admin', 'admin-demo-pass');
  const manager = await as('manager', 'manager-demo-pass');
  const statusAtCentral = async (id: string) =>
    (await manager<{ status: string; error: { code: string } | null }>('GET', `/api/pms/postings/${id}`))
      .body;
  const postedAtCentral = (id: string) =>
    eventually(
      async () => ((await statusAtCentral(id)).status === 'posted' ? true : undefined),
      `${id} posted`,
    );

  // The Pool Bar kiosk (guest self-service, key card) and the restaurant's terminal (a server's PIN).
  const poolLookup = async () => {
    const lookup = await api<KioskLookup>(stack.edgeUrl, '/api/lookup', { uid: JAMES_CARD });
    assert.equal(lookup.status, 200, JSON.stringify(lookup.body));
    return lookup.body.verificationId;
  };
  const check = async (base: string, verificationId: string, waters: number, token?: string) => {
    const res = await api<ChargeView>(
      base,
      '/api/checks',
      { requestId: randomUUID(), verificationId, items: [{ sku: 'WATER', quantity: waters }] },
      token,
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const pool1 = await check(stack.edgeUrl, await poolLookup(), 2);
  const staff = await api<StaffSessionView>(stack.restaurantUrl, '/api/staff/session', { pin: '1111' });
  assert.equal(staff.status, 201, JSON.stringify(staff.body));
  const restLookup = await api<KioskLookup>(
    stack.restaurantUrl,
    '/api/lookup',
    { roomNumber: '402' },
    staff.body.token,
  );
  assert.equal(restLookup.status, 200, JSON.stringify(restLookup.body));
  const rest1 = await check(stack.restaurantUrl, restLookup.body.verificationId, 3, staff.body.token);
  await postedAtCentral(pool1.id);
  await postedAtCentral(rest1.id);

  // The PMS link breaks: central now posts to a FIAS interface that does not answer.
  const guest = await api<KioskLookup>(stack.edgeUrl, '/api/lookup', {
    roomNumber: '412',
    lastName: 'Wilson',
  });
  assert.equal(guest.status, 200, JSON.stringify(guest.body));
  const verified = guest.body.verificationId;
  const dead = await freePort();
  const broken = await admin('PUT', '/api/pms/config', {
    pms: {
      kind: 'fias',
      transport: { type: 'tcp', host: '127.0.0.1', port: dead },
      currency: 'USD',
      timeouts: { reconnectInitialMs: 50, reconnectMaxMs: 500, linkWaitMs: 300 },
    },
  });
  assert.equal(broken.status, 200, broken.text);
  const stuck = await check(stack.edgeUrl, verified, 1);
  // What the console's Overview, Fleet and Queue read: a waiting charge whose PMS could not be reached.
  const queued = await eventually(async () => {
    const q = await manager<{ postings: Array<{ id: string; error: { code: string } | null }> }>(
      'GET',
      '/api/pms/queue',
    );
    return q.body.postings.find((p) => p.id === stuck.id && p.error !== null);
  }, 'the stuck charge in the queue with its error');
  assert.equal(queued.error?.code, 'CONNECTION_FAILED');

  // The link is restored (the built-in folio engine again) and the manager retries the charge.
  const restored = await admin('PUT', '/api/pms/config', { pms: { kind: 'builtin' } });
  assert.equal(restored.status, 200, restored.text);
  const retried = await manager('POST', `/api/pms/queue/${stuck.id}/retry`, {});
  assert.equal(retried.status, 200, retried.text);
  await postedAtCentral(stuck.id);

  // Today's reconciliation, once each outlet has reported its day: every charge matched.
  type Report = {
    date: string;
    summary: { varianceMinor: number; balanced: boolean; roomCharges: number };
    exceptions: Array<{ kind: string; chargeId: string | null }>;
    recovered: Array<{ chargeId: string; path: string }>;
    charges: Array<{ chargeId: string }>;
  };
  const report = await eventually(
    async () => {
      const r = await manager<Report>('GET', '/api/pms/reconciliation');
      return r.status === 200 && r.body.exceptions.length === 0 ? r.body : undefined;
    },
    'a clean reconciliation of today',
    20_000,
  );
  assert.deepEqual(
    [report.summary.varianceMinor, report.summary.balanced, report.summary.roomCharges],
    [0, true, 3],
  );
  assert.deepEqual(
    report.recovered.map((r) => r.chargeId),
    [stuck.id],
  );
  assert.match(report.recovered[0]?.path ?? '', /^Connection failed → .*Retried by manager → Success$/);

  const csv = await manager('GET', `/api/pms/reconciliation/export?date=${report.date}&format=csv`);
  assert.equal(csv.status, 200);
  const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
  assert.deepEqual(rows.map((r) => r.charge_id).sort(), [pool1.id, rest1.id, stuck.id].sort());
  assert.ok(rows.every((r) => r.exceptions === '' && r.variance === '0.00'));

  const signed = await manager<{ signOff: { by: string; varianceMinor: number } }>(
    'POST',
    '/api/pms/reconciliation/sign-off',
    { date: report.date },
  );
  assert.equal(signed.status, 201, signed.text);
  assert.deepEqual([signed.body.signOff.by, signed.body.signOff.varianceMinor], ['manager', 0]);
});
