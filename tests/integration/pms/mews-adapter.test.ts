import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemClock } from '../../../central/src/clock.js';
import { createMewsAdapter } from '../../../central/src/pms/mews/mews-adapter.js';
import { mewsPmsConfig } from '../../../central/src/pms/mews/mews-config.js';
import { startMewsSimulator } from '../../../central/src/pms/mews/mews-simulator.js';
import { type PmsHarness, runPmsAdapterContract } from './pms-adapter.contract.js';
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
