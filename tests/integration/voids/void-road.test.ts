// The void road (seed 000 "Voided charges must also void in PMS"): a manager voids a posted charge
// on central (`POST /api/pms/postings/{id}/void`) or at the outlet (`POST /api/charges/{id}/void` on
// the edge, over MQTT RPC). Real central, edge, broker and the built-in folio engine on SQLite.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { createBuiltinAdapter, type PmsAdapter, PmsError } from '@roompost/central';
import { hashPin } from '@roompost/edge';
import type { ChargeView, KioskLookup, StaffSessionView } from '@roompost/sync';
import { silentLogger } from '@roompost/sync';
import { VoidService } from '../../../central/src/voids/void-service.js';
import { api, centralAs, eventually, startTestStack, type TestStack } from '../../support/stack.js';

const MANAGER_PIN = '3333';
const SERVER_PIN = '1111';
let staff: Array<{ id: string; name: string; role: 'server' | 'manager'; pinHash: string }>;
before(async () => {
  staff = [
    { id: 'staff-server', name: 'Sam Server', role: 'server', pinHash: await hashPin(SERVER_PIN) },
    { id: 'staff-manager', name: 'Mo Manager', role: 'manager', pinHash: await hashPin(MANAGER_PIN) },
  ];
});

/** The built-in engine; while `voidDown`, reversals fail as if the PMS link were cut. */
function pmsWith(opts: { voidDown?: boolean; noVoid?: boolean } = {}) {
  const state = { voidDown: opts.voidDown ?? false, voidCalls: [] as string[], throttle: 0 };
  const wrap = (folio: Parameters<typeof createBuiltinAdapter>[0]): PmsAdapter => {
    const real = createBuiltinAdapter(folio);
    if (opts.noVoid) {
      const { voidCharge: _dropped, ...rest } = real;
      return { ...rest, features: new Set([...real.features].filter((f) => f !== 'void')) };
    }
    return {
      ...real,
      voidCharge: async (request) => {
        state.voidCalls.push(request.voidId);
        if (state.voidDown) throw new PmsError('CONNECTION_FAILED', 'PMS link down');
        if (state.throttle > 0) {
          state.throttle--;
          throw new PmsError('RATE_LIMITED', 'HTTP 429', { context: { retryAfterSeconds: 1 } });
        }
        return real.voidCharge!(request);
      },
    };
  };
  return { state, wrap };
}

async function postedCharge(stack: TestStack, token?: string): Promise<ChargeView> {
  // Self-service looks the guest up by key card; staff by room number.
  const by = token ? { roomNumber: '412' } : { uid: '04A1B2C3' };
  const lookup = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', by, token);
  assert.equal(lookup.status, 200, JSON.stringify(lookup.body));
  const charge = await api<ChargeView>(
    stack.edge.httpUrl,
    '/api/checks',
    {
      requestId: randomUUID(),
      verificationId: lookup.body.verificationId,
      items: [{ sku: 'BEER', quantity: 2 }],
    },
    token,
  );
  assert.equal(charge.status, 201, JSON.stringify(charge.body));
  return eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.body.id}`, undefined, token);
    return c.body.status === 'posted' ? c.body : undefined;
  }, 'the charge to post');
}

async function folioTotal(stack: TestStack, chargeId: string): Promise<number> {
  const lines = await stack.central.folio.listPostings({ chargeRef: chargeId });
  let total = 0;
  for (const folioId of new Set(lines.map((l) => l.folioId))) {
    const ids = new Set(lines.map((l) => l.id));
    for (const p of (await stack.central.folio.getFolio(folioId)).postings) {
      if (ids.has(p.id) || (p.link && ids.has(p.link.postingId))) total += p.amountMinor;
    }
  }
  return total;
}

const signIn = async (stack: TestStack, pin: string) =>
  (await api<StaffSessionView>(stack.edge.httpUrl, '/api/staff/session', { pin })).body.token;

test('central: a manager voids a posted charge; the folio nets to zero, the edge hears `voided`, a replay changes nothing', async (t) => {
  const pms = pmsWith();
  const stack = await startTestStack(t, { adapter: pms.wrap });
  const charge = await postedCharge(stack);
  assert.ok((await folioTotal(stack, charge.id)) > 0);

  const manager = centralAs(stack.central.httpUrl, 'maria.manager', 'manager');
  const noReason = await manager.post(`/api/pms/postings/${charge.id}/void`, {});
  assert.deepEqual(
    [noReason.status, noReason.body.code, noReason.body.field],
    [400, 'VALIDATION_FAILED', 'reason'],
  );

  const res = await manager.post<{
    status: string;
    void: { voidId: string; requestedBy: string; reason: string };
  }>(`/api/pms/postings/${charge.id}/void`, { reason: 'Guest disputed the drinks' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.status, 'voided');
  assert.equal(res.body.void.reason, 'Guest disputed the drinks');
  assert.equal(await folioTotal(stack, charge.id), 0, 'every line of the charge reversed');

  await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.id}`);
    return c.body.status === 'voided' ? true : undefined;
  }, 'the edge to record the void from the charge-status topic');

  const again = await manager.post<{ status: string; void: { voidId: string } }>(
    `/api/pms/postings/${charge.id}/void`,
    { reason: 'pressed twice' },
  );
  assert.equal(again.status, 200);
  assert.equal(again.body.void.voidId, res.body.void.voidId, 'one void per charge, one key');
  assert.equal(pms.state.voidCalls.length, 1, 'a voided charge is not sent to the PMS again');
  assert.equal(await folioTotal(stack, charge.id), 0);

  const detail = await manager.get<{
    status: string;
    attemptLog: Array<{ outcome: string; actor: string | null }>;
  }>(`/api/pms/postings/${charge.id}`);
  assert.equal(detail.body.status, 'voided');
  assert.deepEqual(
    detail.body.attemptLog.map((a) => a.outcome),
    ['posted', 'void-requested', 'void-posted'],
  );
  const listed = await manager.get<{ postings: Array<{ id: string; status: string }> }>('/api/pms/postings');
  assert.equal(listed.body.postings.find((p) => p.id === charge.id)?.status, 'voided');
});

test('central: a void while the PMS is down is queued, retried with the same key, and reaches the edge', async (t) => {
  const pms = pmsWith({ voidDown: true });
  const stack = await startTestStack(t, { adapter: pms.wrap });
  const charge = await postedCharge(stack);
  const manager = centralAs(stack.central.httpUrl, 'maria.manager', 'manager');
  const res = await manager.post(`/api/pms/postings/${charge.id}/void`, { reason: 'Wrong room' });
  assert.deepEqual([res.status, res.body.code], [503, 'CONNECTION_FAILED'], res.text);
  assert.equal(
    (await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.id}`)).body.status,
    'posted',
  );

  pms.state.voidDown = false;
  // The retry interval is minutes; a manager asks again, which re-sends the same void id.
  const again = await manager.post<{ status: string }>(`/api/pms/postings/${charge.id}/void`, {
    reason: 'Wrong room',
  });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.status, 'voided');
  assert.equal(new Set(pms.state.voidCalls).size, 1, 'every attempt carried the same void id');
  assert.equal(pms.state.voidCalls.length, 2);
  await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.id}`);
    return c.body.status === 'voided' ? true : undefined;
  }, 'the edge to record the void');
});

test('central: a queued void is sent again by the retry sweep once it is due, and the outlet hears `voided`', async (t) => {
  const pms = pmsWith({ voidDown: true });
  const stack = await startTestStack(t, { adapter: pms.wrap });
  const charge = await postedCharge(stack);
  const manager = centralAs(stack.central.httpUrl, 'maria.manager', 'manager');
  const res = await manager.post(`/api/pms/postings/${charge.id}/void`, { reason: 'Wrong room' });
  assert.equal(res.status, 503, res.text);
  pms.state.voidDown = false;

  // Central's own sweep waits retry.intervalMinutes (5); a sweeper whose clock is 6 minutes ahead
  // finds the void due now. It is the same service central runs, on the same database.
  const told: Array<{ device: string; status: string }> = [];
  const sweeper = new VoidService({
    db: stack.central.db,
    adapter: stack.central.adapter,
    clock: { now: () => new Date(Date.now() + 6 * 60_000) },
    logger: silentLogger,
    retry: { maxRetries: 3, intervalMs: 5 * 60_000 },
    describeOutlet: (code) => code,
    notify: async (device, status) => {
      told.push({ device, status: status.status });
    },
  });
  await sweeper.processDue();
  assert.deepEqual(
    told.map((x) => x.status),
    ['voided'],
    'the device that made the charge is told',
  );
  assert.deepEqual(pms.state.voidCalls.length, 2);
  assert.equal(new Set(pms.state.voidCalls).size, 1, 'the retry carried the same void id');
  const detail = await manager.get<{ status: string; attemptLog: Array<{ outcome: string }> }>(
    `/api/pms/postings/${charge.id}`,
  );
  assert.equal(detail.body.status, 'voided');
  assert.deepEqual(
    detail.body.attemptLog.map((a) => a.outcome),
    ['posted', 'void-requested', 'void-retry', 'void-posted'],
  );
});

test('central: a throttled void (429) waits Retry-After and never uses up its retries', async (t) => {
  const pms = pmsWith();
  const stack = await startTestStack(t, { adapter: pms.wrap });
  const charge = await postedCharge(stack);
  pms.state.throttle = 5; // more 429s in a row than maxRetries (3)
  const manager = centralAs(stack.central.httpUrl, 'maria.manager', 'manager');
  const res = await manager.post(`/api/pms/postings/${charge.id}/void`, { reason: 'Wrong room' });
  assert.deepEqual([res.status, res.body.code], [503, 'RATE_LIMITED'], res.text);
  // A sweeper whose clock moves 2 s a round: each void is due after the PMS's Retry-After (1 s),
  // not after the 5-minute retry interval.
  let ahead = 0;
  const sweeper = new VoidService({
    db: stack.central.db,
    adapter: stack.central.adapter,
    clock: { now: () => new Date(Date.now() + ahead) },
    logger: silentLogger,
    retry: { maxRetries: 3, intervalMs: 5 * 60_000 },
    describeOutlet: (code) => code,
    notify: async () => {},
  });
  for (let round = 0; round < 5; round++) {
    ahead += 2_000;
    await sweeper.processDue();
  }
  const detail = await manager.get<{
    status: string;
    void: { status: string; attempts: number } | null;
    attemptLog: Array<{ outcome: string }>;
  }>(`/api/pms/postings/${charge.id}`);
  assert.equal(detail.body.void?.status, 'voided', 'five 429s did not fail a void with maxRetries 3');
  // Central's own sweep may send it too once a real second has passed: the count still holds.
  assert.equal(
    detail.body.void?.attempts,
    pms.state.voidCalls.length - 5,
    'only the sends the PMS answered count, not the five 429s',
  );
  assert.equal(new Set(pms.state.voidCalls).size, 1, 'every send carried the same void id');
  assert.equal(detail.body.attemptLog.filter((a) => a.outcome === 'void-retry').length, 5);
});

test('central: a PMS without reversals answers VOID_NOT_SUPPORTED and records nothing; an unposted charge is INVALID_STATE', async (t) => {
  const pms = pmsWith({ noVoid: true });
  const stack = await startTestStack(t, { adapter: pms.wrap });
  const charge = await postedCharge(stack);
  const manager = centralAs(stack.central.httpUrl, 'maria.manager', 'manager');
  const res = await manager.post(`/api/pms/postings/${charge.id}/void`, { reason: 'Wrong room' });
  assert.deepEqual([res.status, res.body.code], [422, 'VOID_NOT_SUPPORTED'], res.text);
  const rows = await stack.central.db.selectFrom('charge_voids').selectAll().execute();
  assert.deepEqual(rows, []);

  const unknown = await manager.post(`/api/pms/postings/${randomUUID()}/void`, { reason: 'Wrong room' });
  assert.deepEqual([unknown.status, unknown.body.code], [404, 'NOT_FOUND']);
});

test('edge: only a manager voids at the outlet; the answer is the charge with status voided', async (t) => {
  const pms = pmsWith();
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: pms.wrap });
  const server = await signIn(stack, SERVER_PIN);
  const charge = await postedCharge(stack, server);
  const path = `/api/charges/${charge.id}/void`;

  const forbidden = await api(stack.edge.httpUrl, path, { reason: 'Guest changed mind' }, server);
  assert.deepEqual([forbidden.status, forbidden.body.code], [403, 'FORBIDDEN']);
  const anonymous = await api(stack.edge.httpUrl, path, { reason: 'Guest changed mind' });
  assert.equal(anonymous.status, 401);

  const manager = await signIn(stack, MANAGER_PIN);
  const bad = await api(stack.edge.httpUrl, path, { reason: '' }, manager);
  assert.deepEqual([bad.status, bad.body.code, bad.body.field], [400, 'VALIDATION_FAILED', 'reason']);

  const voided = await api<ChargeView>(stack.edge.httpUrl, path, { reason: 'Guest changed mind' }, manager);
  assert.equal(voided.status, 200, JSON.stringify(voided.body));
  assert.equal(voided.body.status, 'voided');
  assert.equal(voided.body.id, charge.id);
  assert.equal(
    (await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.id}`, undefined, manager)).body.status,
    'voided',
  );
  assert.equal(await folioTotal(stack, charge.id), 0);

  const detail = await centralAs(stack.central.httpUrl, 'mo', 'manager').get<{
    void: { requestedBy: string; reason: string };
  }>(`/api/pms/postings/${charge.id}`);
  assert.match(detail.body.void.requestedBy, /staff-manager$/, 'the outlet manager is on the void');

  const twice = await api<ChargeView>(stack.edge.httpUrl, path, { reason: 'Guest changed mind' }, manager);
  assert.equal(twice.status, 200);
  assert.equal(twice.body.status, 'voided');
  assert.equal(pms.state.voidCalls.length, 1);
});
