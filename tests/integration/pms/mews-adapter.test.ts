import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PmsHarness, runPmsAdapterContract } from '@roompost/central/pms-contract';
import { systemClock } from '../../../central/src/clock.js';
import { createMewsAdapter } from '../../../central/src/pms/mews/mews-adapter.js';
import { mewsPmsConfig } from '../../../central/src/pms/mews/mews-config.js';
import { startMewsSimulator } from '../../../central/src/pms/mews/mews-simulator.js';
import { simulatedHarness, testLookupByName } from './simulated-harness.js';

/** Mews Connector over loopback HTTP: tokens in the body, orders/add without idempotency, read-back. */
async function mewsHarness(): Promise<PmsHarness> {
  const sim = await startMewsSimulator({ currency: 'USD' });
  const config = mewsPmsConfig.parse({
    kind: 'mews',
    baseUrl: sim.url,
    clientToken: sim.tokens.clientToken,
    accessToken: sim.tokens.accessToken,
    serviceId: sim.tokens.serviceId,
    taxCode: 'US-DC-G',
    currency: 'USD',
    timeoutMs: 800,
  });
  const adapter = createMewsAdapter(config, { clock: systemClock });
  // customers/search returns customers active now only: a checked-out guest is not found.
  return simulatedHarness(sim, adapter, { currency: 'USD', idempotent: false, tellsCheckedOut: false });
}

runPmsAdapterContract('mews', mewsHarness);

testLookupByName('mews', mewsHarness);

test('mews: the guest profile of a stay comes from customers/getAll', async (t) => {
  const h = await mewsHarness();
  t.after(() => h.close());
  await h.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const room = await h.adapter.lookupRoom('412');
  assert.ok(h.adapter.guestProfile && h.adapter.features.has('guest_profiles'));
  const profile = await h.adapter.guestProfile(room.stayRef);
  assert.equal(profile?.name, 'James Wilson');
  assert.equal(profile?.email, 'wilson@example.com');
});

test("mews: the simulator refuses what Mews' published reference refuses (Extent, TaxCodes, unknown members)", async (t) => {
  const sim = await startMewsSimulator({ currency: 'USD' });
  t.after(() => sim.close());
  const call = async (operation: string, body: object) => {
    const res = await fetch(`${sim.url}/api/connector/v1/${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ClientToken: sim.tokens.clientToken, Client: 'test 1.0', ...body }),
    });
    return { status: res.status, message: String(((await res.json()) as { Message?: string }).Message) };
  };
  const tokens = { AccessToken: sim.tokens.accessToken };
  // operations/resources.md: Extent and Limitation are required.
  const noExtent = await call('resources/getAll', { ...tokens, Names: ['412'], Limitation: { Count: 1 } });
  assert.equal(noExtent.status, 400);
  assert.match(noExtent.message, /Extent/);
  // _objects.md "Amount parameters": TaxCodes is required.
  const noTax = await call('orders/add', {
    ...tokens,
    ServiceId: sim.tokens.serviceId,
    AccountId: 'x',
    Items: [{ Name: 'Beer', UnitCount: 1, UnitAmount: { Currency: 'USD', GrossValue: 5 } }],
  });
  assert.equal(noTax.status, 400);
  assert.match(noTax.message, /TaxCodes/);
  const misspelt = await call('customers/search', { ...tokens, Names: 'Wilson' });
  assert.equal(misspelt.status, 400);
  assert.match(misspelt.message, /Names/);
  const ok = await call('resources/getAll', {
    ...tokens,
    Names: ['412'],
    Extent: { Resources: true },
    Limitation: { Count: 1 },
  });
  assert.equal(ok.status, 200);
});
