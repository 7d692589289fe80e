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

test('cloudbeds: every check keeps its own name on the folio (appItemID is first-name-wins in v1.3)', async (t) => {
  const sim = await startCloudbedsSimulator({ currency: 'USD' });
  t.after(() => sim.close());
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const adapter = createCloudbedsAdapter(
    cloudbedsPmsConfig.parse({
      kind: 'cloudbeds',
      baseUrl: sim.baseUrl,
      currency: 'USD',
      auth: {
        type: 'oauth',
        tokenUrl: `${sim.baseUrl}/access_token`,
        clientId: 'cb-client',
        clientSecret: 'cb-secret',
      },
    }),
    { clock: systemClock },
  );
  const first = await adapter.postCharge(
    chargeFor('412', 'USD', { checkNumber: '1001', description: 'Pool Bar - Check #1001' }),
  );
  const second = await adapter.postCharge(
    chargeFor('412', 'USD', { checkNumber: '1002', description: 'Pool Bar - Check #1002' }),
  );
  const names = [first, second].map((p) => sim.folioLineNames.get(p.pmsTransactionId));
  assert.notEqual(names[0], names[1], `two checks, two folio lines: ${names.join(' / ')}`);
});

test('cloudbeds: the simulator refuses what the published v1.3 OpenAPI refuses', async (t) => {
  const sim = await startCloudbedsSimulator({ currency: 'USD' });
  t.after(() => sim.close());
  const token = (await (
    await fetch(`${sim.baseUrl}/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=cb-client&client_secret=cb-secret',
    })
  ).json()) as { access_token: string };
  const get = async (query: string) =>
    (await (
      await fetch(`${sim.baseUrl}/getReservations?${query}`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      })
    ).json()) as { success: boolean; message?: string };
  const misspelt = await get('status=checked_in&room=412');
  assert.equal(misspelt.success, false);
  assert.match(String(misspelt.message), /room/);
  const badType = await get('status=checked_in&roomName=412&includeAllRooms=maybe');
  assert.equal(badType.success, false);
  assert.match(String(badType.message), /includeAllRooms/);
  const post = (await (
    await fetch(`${sim.baseUrl}/postCustomItem`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.access_token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'reservationID=R1&referenceID=x&items[0][itemPrice]=twelve',
    })
  ).json()) as { success: boolean; message?: string };
  assert.equal(post.success, false);
  assert.match(String(post.message), /itemPrice/);
});
