import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chargeFor, type PmsHarness, runPmsAdapterContract } from '@roompost/central/pms-contract';
import { systemClock } from '../../../central/src/clock.js';
import { createOhipAdapter } from '../../../central/src/pms/ohip/ohip-adapter.js';
import { ohipPmsConfig } from '../../../central/src/pms/ohip/ohip-config.js';
import { createOhipContract } from '../../../central/src/pms/ohip/ohip-contract.js';
import { startOhipSimulator } from '../../../central/src/pms/ohip/ohip-simulator.js';
import { simulatedHarness, testLookupByName } from './simulated-harness.js';

const ohipConfig = (baseUrl: string, appKey: string) =>
  ohipPmsConfig.parse({
    kind: 'ohip',
    baseUrl,
    appKey,
    hotelId: 'SAND01',
    auth: { clientId: 'ohip-client', clientSecret: 'ohip-secret' },
    cashierId: 113,
    transactionCodes: { POOL: '2010' },
    defaultTransactionCode: '2000',
    tipTransactionCode: '9100',
    currency: 'USD',
    timeoutMs: 800,
  });

/** OPERA Cloud over loopback HTTP: OHIP token, getReservations InHouse, postBillingCharges, read-back. */
async function ohipHarness(): Promise<PmsHarness> {
  const sim = await startOhipSimulator({ currency: 'USD', hotelId: 'SAND01' });
  const config = ohipConfig(sim.url, sim.appKey);
  const adapter = createOhipAdapter(config, { clock: systemClock });
  // searchType=InHouse only sees guests in house, as FIAS inquiries do.
  return simulatedHarness(sim, adapter, { currency: 'USD', idempotent: false, tellsCheckedOut: false });
}

runPmsAdapterContract('ohip', ohipHarness);

testLookupByName('ohip', ohipHarness);

/** Raw calls to the simulator with a token, as an OHIP client would make them. */
async function ohipCaller(sim: { url: string; appKey: string }) {
  const token = (await (
    await fetch(`${sim.url}/oauth/v1/tokens`, {
      method: 'POST',
      headers: {
        'x-app-key': sim.appKey,
        authorization: `Basic ${Buffer.from('ohip-client:ohip-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    })
  ).json()) as { access_token: string };
  const call = async (path: string, init: { method?: string; body?: unknown; headers?: object } = {}) => {
    const res = await fetch(`${sim.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'x-app-key': sim.appKey,
        'x-hotelid': 'SAND01',
        authorization: `Bearer ${token.access_token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = (await res.json()) as { detail?: string };
    return { status: res.status, detail: String(body.detail), body };
  };
  return call;
}

test("ohip: the simulator refuses what Oracle's published csh/rsv specs refuse", async (t) => {
  const sim = await startOhipSimulator({ currency: 'USD', hotelId: 'SAND01' });
  t.after(() => sim.close());
  const call = await ohipCaller(sim);
  // rsv.json getHotelReservations: searchType is an enumeration; a misspelt parameter is not silently ignored.
  const badEnum = await call('/rsv/v1/hotels/SAND01/reservations?searchType=InHouseGuests');
  assert.equal(badEnum.status, 400);
  assert.match(badEnum.detail, /searchType/);
  const unknown = await call('/rsv/v1/hotels/SAND01/reservations?searchType=InHouse&roomNumber=412');
  assert.equal(unknown.status, 400);
  assert.match(unknown.detail, /roomNumber/);
  // csh.json postBillingCharges: the body is billingCharges { criteria: billingChargesCriteriaType }.
  const badBody = await call('/csh/v1/hotels/SAND01/reservations/R1/charges', {
    method: 'POST',
    body: { criteria: { charges: [{ price: { amount: '12.50', currencyCode: 'USD' } }] } },
  });
  assert.equal(badBody.status, 400);
  assert.match(badBody.detail, /amount/);
});

test('ohip: a posting whose answer was lost is found where OHIP keeps it (folioWindows[].folios[].postings[])', async (t) => {
  const sim = await startOhipSimulator({ currency: 'USD', hotelId: 'SAND01' });
  t.after(() => sim.close());
  const adapter = createOhipAdapter(ohipConfig(sim.url, sim.appKey), { clock: systemClock });
  sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  const charge = chargeFor('412', 'USD');
  sim.server.faults.timeoutNext('after-apply');
  await assert.rejects(adapter.postCharge(charge));
  const found = await adapter.findPosting?.(charge.chargeId, '412');
  assert.ok(found, 'the read-back finds the charge the PMS applied');
  assert.notEqual(found.pmsTransactionId, `ref:${charge.chargeId}`);
  // The folio answer the read-back parsed is the documented getFolio shape, checked against csh.json.
  const call = await ohipCaller(sim);
  const reservation = (await adapter.lookupRoom('412')).stayRef;
  const folio = await call(
    `/csh/v1/hotels/SAND01/reservations/${reservation}/folios?fetchInstructions=Postings`,
  );
  assert.equal(folio.status, 200);
  assert.deepEqual(createOhipContract().checkAnswer('getFolio', folio.body), []);
});
