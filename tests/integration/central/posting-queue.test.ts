import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createBuiltinAdapter, type PmsAdapter, PmsError } from '@roompost/central';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { api, centralAs, eventually, startTestStack } from '../../support/stack.js';

/** The built-in engine behind a switch: while `down`, postings fail as if the PMS link were cut. */
function switchablePms() {
  const state = { down: true };
  const wrap = (folio: Parameters<typeof createBuiltinAdapter>[0]): PmsAdapter => {
    const real = createBuiltinAdapter(folio);
    return {
      ...real,
      postCharge: async (c) => {
        if (state.down) throw new PmsError('CONNECTION_FAILED', 'PMS link down');
        return real.postCharge(c);
      },
    };
  };
  return { state, wrap };
}

async function send(url: string, method: string, path: string, body?: unknown, user?: string) {
  const client = centralAs(url, user ?? null, 'manager');
  const res = method === 'DELETE' ? await client.delete(path, body) : await client.post(path, body);
  return { status: res.status, body: res.body as Record<string, unknown> };
}

/** Central's reads, as a signed-in manager. */
const centralRead = <T>(url: string, path: string) => centralAs(url, 'mo.manager', 'manager').get<T>(path);

test('a charge the PMS cannot take waits in the queue; a manager retries it, then it posts', async (t) => {
  const pms = switchablePms();
  const stack = await startTestStack(t, { adapter: pms.wrap });
  const lookup = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' });
  const charge = await api<ChargeView>(stack.edge.httpUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'WATER', quantity: 1 }],
  });
  await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.body.id}`);
    return c.body.status === 'queued' ? true : undefined;
  }, 'the kiosk to see the charge queued');

  const queue = await centralRead<{
    pending: number;
    lastPmsContactAt: string | null;
    postings: Array<{ id: string }>;
  }>(stack.central.httpUrl, '/api/pms/queue');
  assert.equal(queue.body.pending, 1);
  assert.equal(queue.body.postings[0]?.id, charge.body.id);
  assert.equal(queue.body.lastPmsContactAt, null, 'the PMS has not answered yet');

  const anonymous = await send(stack.central.httpUrl, 'POST', `/api/pms/queue/${charge.body.id}/retry`, {});
  assert.deepEqual([anonymous.status, anonymous.body.code], [401, 'UNAUTHENTICATED']);

  pms.state.down = false;
  const retried = await send(
    stack.central.httpUrl,
    'POST',
    `/api/pms/queue/${charge.body.id}/retry`,
    { note: 'link is back' },
    'maria.manager',
  );
  assert.equal(retried.status, 200);
  assert.equal(retried.body.status, 'posted');
  await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.body.id}`);
    return c.body.status === 'posted' ? true : undefined;
  }, 'the kiosk to see it posted');

  const detail = await centralRead<{
    attemptLog: Array<{ outcome: string; actor: string | null; note: string | null }>;
  }>(stack.central.httpUrl, `/api/pms/postings/${charge.body.id}`);
  assert.deepEqual(
    detail.body.attemptLog.map((a) => [a.outcome, a.actor]),
    [
      ['retry', null],
      ['manual-retry', 'maria.manager'],
      ['posted', null],
    ],
  );
  const again = await send(
    stack.central.httpUrl,
    'POST',
    `/api/pms/queue/${charge.body.id}/retry`,
    {},
    'maria.manager',
  );
  assert.deepEqual([again.status, again.body.code], [409, 'INVALID_STATE']);
  assert.equal(
    (await centralRead<{ pending: number }>(stack.central.httpUrl, '/api/pms/queue')).body.pending,
    0,
  );
});

test('a manager withdraws a charge the PMS never took; the outlet is told to collect another tender', async (t) => {
  const pms = switchablePms();
  const stack = await startTestStack(t, { adapter: pms.wrap });
  const lookup = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' });
  const charge = await api<ChargeView>(stack.edge.httpUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'BEER', quantity: 2 }],
  });
  await eventually(
    async () =>
      (await centralRead<{ pending: number }>(stack.central.httpUrl, '/api/pms/queue')).body.pending === 1
        ? true
        : undefined,
    'the charge to be queued',
  );
  const noReason = await send(
    stack.central.httpUrl,
    'DELETE',
    `/api/pms/queue/${charge.body.id}`,
    {},
    'maria.manager',
  );
  assert.deepEqual([noReason.status, noReason.body.field], [400, 'reason']);

  const withdrawn = await send(
    stack.central.httpUrl,
    'DELETE',
    `/api/pms/queue/${charge.body.id}`,
    { reason: 'guest paid by card at the bar' },
    'maria.manager',
  );
  assert.equal(withdrawn.status, 200);
  assert.equal(withdrawn.body.status, 'withdrawn');
  assert.equal((withdrawn.body.withdrawal as { by: string }).by, 'maria.manager');
  const onKiosk = await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.body.id}`);
    return c.body.status === 'withdrawn' ? c.body : undefined;
  }, 'the kiosk to learn the charge was withdrawn');
  assert.equal(onKiosk.error?.code, 'POSTING_WITHDRAWN');

  pms.state.down = false;
  await send(stack.central.httpUrl, 'POST', '/api/pms/queue/process', {}, 'maria.manager');
  assert.deepEqual(await stack.central.folio.listPostings({ chargeRef: charge.body.id }), [], 'never posted');
});
