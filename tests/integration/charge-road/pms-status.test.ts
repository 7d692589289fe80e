// Seed 000 "PMS Status": every outlet's header learns of a PMS outage from central (retained
// `pms-status`), not only once one of its own charges fails. Real broker, central and edge.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createBuiltinAdapter, type PmsAdapter, PmsError } from '@roompost/central';
import { api, centralApi, eventually, startTestStack } from '../../support/stack.js';

function charge() {
  return {
    chargeId: randomUUID(),
    outletCode: 'REST',
    checkNumber: '1247',
    roomNumber: '412',
    stayRef: null,
    guestName: 'James Wilson',
    currency: 'USD',
    subtotalMinor: 1200,
    taxMinor: 0,
    tipMinor: 0,
    totalMinor: 1200,
    items: [{ sku: 'BEER', name: 'Beer', quantity: 2, unitPriceMinor: 600, amountMinor: 1200, taxMinor: 0 }],
    employeeId: null,
  };
}

test("another outlet's failed posting turns this outlet's PMS status to trouble, and a posting that goes through back to ok", async (t) => {
  const state = { down: true };
  const adapter = (folio: Parameters<typeof createBuiltinAdapter>[0]): PmsAdapter => {
    const real = createBuiltinAdapter(folio);
    return {
      ...real,
      postCharge: async (c) => {
        if (state.down) throw new PmsError('CONNECTION_FAILED', 'PMS link down');
        return real.postCharge(c);
      },
    };
  };
  const stack = await startTestStack(t, { adapter });
  const health = async () => (await api<{ pms?: string | null }>(stack.edge.httpUrl, '/api/health')).body.pms;
  assert.equal(await health(), null, 'nothing said yet');

  // Not this edge's charge: posted through central's HTTP API, as another outlet's would be.
  const first = await centralApi<{ status: string }>(stack.central.httpUrl, '/api/pms/post', charge());
  assert.equal(first.body.status, 'queued');
  await eventually(
    async () => ((await health()) === 'trouble' ? true : undefined),
    'the outlet to hear of the outage',
  );

  state.down = false;
  const second = await centralApi<{ status: string }>(stack.central.httpUrl, '/api/pms/post', charge());
  assert.equal(second.body.status, 'posted');
  await eventually(
    async () => ((await health()) === 'ok' ? true : undefined),
    'the outlet to hear the PMS is back',
  );
});
