import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemClock } from '../../../central/src/clock.js';
import { createCloudbedsAdapter } from '../../../central/src/pms/cloudbeds/cloudbeds-adapter.js';
import { cloudbedsPmsConfig } from '../../../central/src/pms/cloudbeds/cloudbeds-config.js';
import { startCloudbedsSimulator } from '../../../central/src/pms/cloudbeds/cloudbeds-simulator.js';
import { chargeFor, type PmsHarness, runPmsAdapterContract } from './pms-adapter.contract.js';
import { simulatedHarness, testLookupByName } from './simulated-harness.js';

/** Cloudbeds v1.3 over loopback HTTP, OAuth bearer, referenceID dedupe. */
async function cloudbedsHarness(): Promise<PmsHarness> {
  const sim = await startCloudbedsSimulator({ currency: 'USD' });
  const config = cloudbedsPmsConfig.parse({
    kind: 'cloudbeds',
    baseUrl: sim.baseUrl,
    currency: 'USD',
    timeoutMs: 800,
    auth: {
      type: 'oauth',
      tokenUrl: `${sim.baseUrl}/access_token`,
      clientId: 'cb-client',
      clientSecret: 'cb-secret',
    },
  });
  const adapter = createCloudbedsAdapter(config, { clock: systemClock });
  return simulatedHarness(sim, adapter, { currency: 'USD', idempotent: true, tellsCheckedOut: true });
}

runPmsAdapterContract('cloudbeds', cloudbedsHarness);

testLookupByName('cloudbeds', cloudbedsHarness);

test('cloudbeds: a void removes the sold item with postVoidItem', async (t) => {
  const h = await cloudbedsHarness();
  t.after(() => h.close());
  await h.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const original = chargeFor('412', 'USD');
  const posted = await h.adapter.postCharge(original);
  assert.ok(h.adapter.voidCharge && h.adapter.features.has('void'));
  await h.adapter.voidCharge({
    voidId: 'v-1',
    original,
    pmsTransactionId: posted.pmsTransactionId,
    reason: 'wrong room',
  });
  assert.deepEqual(await h.postingsFor('412'), []);
});
