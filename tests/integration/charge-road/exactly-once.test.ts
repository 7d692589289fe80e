import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { api, centralApi, eventually, screenToken, startTestStack } from '../../support/stack.js';

async function chargeRoom412(edgeUrl: string): Promise<ChargeView> {
  const lookup = await api<KioskLookup>(edgeUrl, '/api/lookup', { uid: '04A1B2C3' });
  assert.equal(lookup.status, 200);
  const created = await api<ChargeView>(edgeUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [
      { sku: 'MOJITO', quantity: 2 },
      { sku: 'FRIES', quantity: 1 },
    ],
    tipMinor: 500,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body;
}

test('a charge made through the edge API lands on the folio exactly once and the edge sees it posted', async (t) => {
  const stack = await startTestStack(t);
  const before = await stack.central.folio.stayBalance((await stack.central.folio.lookupRoom('412')).stayRef);

  const charge = await chargeRoom412(stack.edge.httpUrl);
  // 2 × 16.00 + 11.00 = 43.00; tax 8.875 % per line: 2.84 + 0.98 = 3.82; tip 5.00
  assert.deepEqual(
    [charge.subtotalMinor, charge.taxMinor, charge.tipMinor, charge.totalMinor],
    [4300, 382, 500, 5182],
  );
  assert.equal(charge.guestName, 'J. W****', 'a self-service outlet never shows the full name');
  assert.match(charge.receiptText, /CHARGED TO ROOM 412/);

  const posted = await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.id}`);
    return c.body.status === 'posted' ? c.body : undefined;
  }, 'the edge to see the charge posted');
  assert.ok(posted.pmsTransactionId);

  const lines = await stack.central.folio.listPostings({ chargeRef: charge.id });
  assert.deepEqual(
    lines.map((l) => [l.type, l.amountMinor]),
    [
      ['POS', 4300],
      ['TAX', 382],
      ['POS', 500],
    ],
  );
  const after = await stack.central.folio.stayBalance(lines[0]!.stayRef);
  assert.equal(after - before, 5182);

  const central = await centralApi<{ postings: Array<{ id: string; status: string; totalMinor: number }> }>(
    stack.central.httpUrl,
    '/api/pms/postings',
  );
  assert.deepEqual(
    central.body.postings.map((p) => [p.id, p.status, p.totalMinor]),
    [[charge.id, 'posted', 5182]],
  );
});

test('a charge made while central is down waits on the edge and posts exactly once when central returns', async (t) => {
  const stack = await startTestStack(t);
  const lookup = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' });
  assert.equal(lookup.status, 200);

  await stack.holdRoster();
  await stack.stopCentral();
  await eventually(
    async () =>
      (await api(stack.edge.httpUrl, '/api/health')).body.central === 'offline' ? true : undefined,
    'the edge to notice central is gone',
  );
  const created = await api<ChargeView>(stack.edge.httpUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'BEER', quantity: 1 }],
    tipMinor: 0,
  });
  assert.equal(created.status, 201, 'a guest verified moments ago can be charged while central is away');
  assert.equal(created.body.status, 'pending');
  assert.equal((await api(stack.edge.httpUrl, '/api/health')).body.pendingCharges, 1);

  const events = watchChargeEvents(t, stack.edge.httpUrl);
  await stack.startCentral();
  const posted = await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${created.body.id}`);
    return c.body.status === 'posted' ? c.body : undefined;
  }, 'the queued charge to post after central returned');
  assert.equal(posted.totalMinor, 980);
  await eventually(
    async () => (events.some((e) => e.id === created.body.id && e.status === 'posted') ? true : undefined),
    'the kiosk event stream to announce the posting',
  );

  // Let the relay run a few more rounds: nothing more may reach the folio.
  await new Promise((r) => setTimeout(r, 800));
  const lines = await stack.central.folio.listPostings({ chargeRef: created.body.id });
  assert.deepEqual(
    lines.map((l) => [l.type, l.amountMinor]),
    [
      ['POS', 900],
      ['TAX', 80],
    ],
  );
  assert.equal((await api(stack.edge.httpUrl, '/api/health')).body.pendingCharges, 0);
});

/** Collects `charge` server-sent events from the edge until the test ends. */
function watchChargeEvents(t: { after(fn: () => void): void }, edgeUrl: string): ChargeView[] {
  const seen: ChargeView[] = [];
  const abort = new AbortController();
  t.after(() => abort.abort());
  void (async () => {
    const screen = (await screenToken(edgeUrl)) ?? '';
    const res = await fetch(`${edgeUrl}/api/events`, {
      signal: abort.signal,
      headers: { 'x-kiosk-screen': screen },
    });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === 'charge' && data) seen.push(JSON.parse(data) as ChargeView);
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => {});
  return seen;
}

test('the kiosk re-sending a confirmation with its request id gets the same charge, not a second one', async (t) => {
  const stack = await startTestStack(t);
  const lookup = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' });
  const body = {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'SODA', quantity: 2 }],
    tipMinor: 100,
  };
  const [first, second] = await Promise.all([
    api<ChargeView>(stack.edge.httpUrl, '/api/checks', body),
    api<ChargeView>(stack.edge.httpUrl, '/api/checks', body),
  ]);
  assert.deepEqual([first.status, second.status].sort(), [200, 201]);
  assert.equal(first.body.id, second.body.id);
  const again = await api<ChargeView>(stack.edge.httpUrl, '/api/checks', body);
  assert.deepEqual([again.status, again.body.id], [200, first.body.id]);

  const reused = await api(stack.edge.httpUrl, '/api/checks', { ...body, tipMinor: 900 });
  assert.deepEqual(
    [reused.status, reused.body.code, reused.body.field],
    [409, 'IDEMPOTENCY_CONFLICT', 'requestId'],
  );

  const charges = await api<{ charges: ChargeView[] }>(stack.edge.httpUrl, '/api/charges');
  assert.equal(charges.body.charges.length, 1);
  await eventually(async () => {
    const lines = await stack.central.folio.listPostings({ chargeRef: first.body.id });
    return lines.length === 3 ? lines : undefined;
  }, 'the one charge on the folio');
});
