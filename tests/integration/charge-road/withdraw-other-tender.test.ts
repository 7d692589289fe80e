// Seed 000 "POSTING FAILED → [Pay with Card]": the guest pays another way, so the room charge is
// withdrawn at the outlet and at central and can never reach the folio afterwards — not by the
// retry schedule, not by Retry All, not by a late copy of the charge. Real edge (staff mode), real
// central with the built-in folio engine behind a switch, real broker, real HTTP.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { createBuiltinAdapter, type PmsAdapter, PmsError } from '@roompost/central';
import type { EdgeConfig } from '@roompost/edge';
import { hashPin } from '@roompost/edge';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { chargeRoom, staffSignIn } from '../../support/outlet-charge.js';
import { api, centralApi, eventually, startTestStack, type TestStack } from '../../support/stack.js';

let staff: EdgeConfig['staff'];
before(async () => {
  staff = [
    { id: 'ana', name: 'Ana Lopez', role: 'server', pinHash: await hashPin('1111') },
    { id: 'maria', name: 'Maria Chen', role: 'manager', pinHash: await hashPin('3333') },
  ];
});

/** The built-in engine behind a switch: `down` fails postings; `gate` holds an attempt mid-flight. */
function switchablePms() {
  const state = {
    down: true,
    gate: null as Promise<void> | null,
    entered: 0,
    posted: [] as string[],
  };
  const wrap = (folio: Parameters<typeof createBuiltinAdapter>[0]): PmsAdapter => {
    const real = createBuiltinAdapter(folio);
    return {
      ...real,
      postCharge: async (c) => {
        state.entered += 1;
        if (state.gate) await state.gate;
        if (state.down) throw new PmsError('CONNECTION_FAILED', 'PMS link down');
        const done = await real.postCharge(c);
        state.posted.push(c.chargeId);
        return done;
      },
    };
  };
  return { state, wrap };
}

const edgeCharge = (stack: TestStack, id: string, token: string) =>
  api<ChargeView>(stack.edge.httpUrl, `/api/charges/${id}`, undefined, token).then((r) => r.body);

interface PostingDetail {
  status: string;
  withdrawal: { at: string; by: string; reason: string; id: string | null } | null;
  attemptLog: Array<{ outcome: string; actor: string | null; note: string | null }>;
}

test('posting fails, the guest pays by card, the PMS returns, Retry All: nothing is posted to the room', async (t) => {
  const pms = switchablePms();
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: pms.wrap });
  const server = await staffSignIn(stack, '1111');
  const charge = await chargeRoom(stack, server);
  const queued = await eventually(async () => {
    const c = await edgeCharge(stack, charge.id, server);
    return c.status === 'queued' ? c : undefined;
  }, 'the posting to fail and wait in the queue');
  assert.equal(queued.attempts, 1, 'the outlet knows the attempt (seed 000 "Retry #1")');

  const noReason = await api(stack.edge.httpUrl, `/api/charges/${charge.id}/withdraw`, {}, server);
  assert.deepEqual([noReason.status, noReason.body.code], [400, 'VALIDATION_FAILED']);
  const anonymous = await api(stack.edge.httpUrl, `/api/charges/${charge.id}/withdraw`, { reason: 'card' });
  assert.deepEqual([anonymous.status, anonymous.body.code], [401, 'UNAUTHENTICATED']);

  // A server may take the card payment: the room charge is withdrawn before the answer comes back.
  const withdrawn = await api<ChargeView>(
    stack.edge.httpUrl,
    `/api/charges/${charge.id}/withdraw`,
    { reason: 'paid by card' },
    server,
  );
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
  assert.equal(withdrawn.body.status, 'withdrawn');
  assert.equal(withdrawn.body.withdrawal?.by, 'ana');
  assert.ok(withdrawn.body.withdrawal?.confirmedAt, 'central confirmed the withdrawal');
  const again = await api<ChargeView>(
    stack.edge.httpUrl,
    `/api/charges/${charge.id}/withdraw`,
    { reason: 'paid by card' },
    server,
  );
  assert.deepEqual([again.status, again.body.status], [200, 'withdrawn'], 'a second tap changes nothing');

  // The PMS is back; every way of posting again is tried.
  pms.state.down = false;
  const manager = await staffSignIn(stack, '3333');
  const edgeRetry = await api(stack.edge.httpUrl, `/api/staff/charges/${charge.id}/retry`, {}, manager);
  assert.deepEqual([edgeRetry.status, edgeRetry.body.code], [409, 'POSTING_WITHDRAWN']);
  const retryAll = await centralApi(stack.central.httpUrl, '/api/pms/queue/process', {});
  assert.equal(retryAll.status, 200, JSON.stringify(retryAll.body));
  const centralRetry = await centralApi(stack.central.httpUrl, `/api/pms/queue/${charge.id}/retry`, {});
  assert.deepEqual([centralRetry.status, centralRetry.body.code], [409, 'INVALID_STATE']);
  await new Promise((r) => setTimeout(r, 600)); // three of central's retry polls
  assert.deepEqual(pms.state.posted, [], 'nothing reached the folio');

  // Central's postings API and the attempt log show the withdrawal, who asked and why.
  const detail = await centralApi<PostingDetail>(stack.central.httpUrl, `/api/pms/postings/${charge.id}`);
  assert.equal(detail.body.status, 'withdrawn');
  assert.equal(detail.body.withdrawal?.by, `${'pool-kiosk-1'}:ana`);
  assert.equal(detail.body.withdrawal?.reason, 'paid by card');
  assert.ok(detail.body.withdrawal?.id, 'the outlet’s idempotency key is kept');
  assert.ok(detail.body.attemptLog.some((a) => a.outcome === 'withdrawn' && a.note === 'paid by card'));
  const listed = await centralApi<{ postings: Array<{ id: string }> }>(
    stack.central.httpUrl,
    '/api/pms/postings?status=withdrawn',
  );
  assert.deepEqual(
    listed.body.postings.map((p) => p.id),
    [charge.id],
  );
  const queue = await centralApi<{ pending: number }>(stack.central.httpUrl, '/api/pms/queue');
  assert.equal(queue.body.pending, 0);

  // The staff lists: gone from Pending Room Postings, shown as withdrawn in Today's charges.
  const pending = await api<{ charges: ChargeView[] }>(
    stack.edge.httpUrl,
    '/api/staff/pending',
    undefined,
    server,
  );
  assert.deepEqual(pending.body.charges, []);
  const today = await api<{ charges: ChargeView[] }>(
    stack.edge.httpUrl,
    '/api/charges?date=today',
    undefined,
    manager,
  );
  const row = today.body.charges.find((c) => c.id === charge.id);
  assert.equal(row?.status, 'withdrawn');
  assert.equal(row?.withdrawal?.reason, 'paid by card');
});

test('a withdrawal while the PMS is taking the charge waits for that attempt: posted wins, nothing is withdrawn', async (t) => {
  const pms = switchablePms();
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: pms.wrap });
  const server = await staffSignIn(stack, '1111');
  let release = () => {};
  pms.state.gate = new Promise<void>((r) => {
    release = r;
  });
  pms.state.down = false;
  const charge = await chargeRoom(stack, server);
  await eventually(async () => (pms.state.entered > 0 ? true : undefined), 'an attempt to be in flight');

  const asked = api(
    stack.edge.httpUrl,
    `/api/charges/${charge.id}/withdraw`,
    { reason: 'paid by card' },
    server,
  );
  // The screen waits: the answer does not come while the attempt runs.
  const early = await Promise.race([
    asked.then(() => 'answered'),
    new Promise((r) => setTimeout(r, 400, 'waiting')),
  ]);
  assert.equal(early, 'waiting');
  release();
  const answer = await asked;
  assert.deepEqual([answer.status, answer.body.code], [409, 'ALREADY_POSTED']);
  assert.deepEqual(pms.state.posted, [charge.id]);
  const onEdge = await eventually(async () => {
    const c = await edgeCharge(stack, charge.id, server);
    return c.status === 'posted' ? c : undefined;
  }, 'the outlet to see the charge posted');
  assert.equal(onEdge.withdrawal, null, 'the refused withdrawal is not left behind');
});

test('a withdrawal while a failing attempt runs waits for it, then withdraws the charge', async (t) => {
  const pms = switchablePms();
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: pms.wrap });
  const server = await staffSignIn(stack, '1111');
  let release = () => {};
  pms.state.gate = new Promise<void>((r) => {
    release = r;
  });
  const charge = await chargeRoom(stack, server);
  await eventually(async () => (pms.state.entered > 0 ? true : undefined), 'an attempt to be in flight');
  const asked = api<ChargeView>(
    stack.edge.httpUrl,
    `/api/charges/${charge.id}/withdraw`,
    { reason: 'paid cash' },
    server,
  );
  setTimeout(release, 300);
  const answer = await asked;
  assert.deepEqual([answer.status, answer.body.status], [200, 'withdrawn']);
  pms.state.gate = null;
  pms.state.down = false;
  await centralApi(stack.central.httpUrl, '/api/pms/queue/process', {});
  assert.deepEqual(pms.state.posted, []);
});

test('a charge central never received is withdrawn from the outlet once central is back, and never posted', async (t) => {
  const pms = switchablePms();
  pms.state.down = false;
  const stack = await startTestStack(t, { mode: 'staff', staff, adapter: pms.wrap });
  const server = await staffSignIn(stack, '1111');
  const lookup = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { roomNumber: '412' }, server);
  // Central goes away after the lookup: the charge waits in the outlet's outbox.
  await stack.holdRoster();
  await stack.stopCentral();
  const made = await api<ChargeView>(
    stack.edge.httpUrl,
    '/api/checks',
    {
      requestId: randomUUID(),
      verificationId: lookup.body.verificationId,
      items: [{ sku: 'WATER', quantity: 1 }],
    },
    server,
  );
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.status, 'pending');
  const asked = await api<ChargeView>(
    stack.edge.httpUrl,
    `/api/charges/${made.body.id}/withdraw`,
    { reason: 'paid by card' },
    server,
  );
  // Not confirmed yet: the screen says to wait before taking the card.
  assert.equal(asked.status, 200);
  assert.equal(asked.body.status, 'pending');
  assert.equal(asked.body.withdrawal?.confirmedAt, null);

  await stack.startCentral();
  const confirmed = await eventually(
    async () => {
      const c = await edgeCharge(stack, made.body.id, server);
      return c.status === 'withdrawn' ? c : undefined;
    },
    'the withdrawal to reach central once it is back',
    20_000,
  );
  assert.ok(confirmed.withdrawal?.confirmedAt);
  await centralApi(stack.central.httpUrl, '/api/pms/queue/process', {});
  await new Promise((r) => setTimeout(r, 600));
  assert.deepEqual(pms.state.posted, [], 'the charge never reached the folio');
  const detail = await centralApi<PostingDetail>(stack.central.httpUrl, `/api/pms/postings/${made.body.id}`);
  assert.equal(detail.body.status, 'withdrawn');
});
