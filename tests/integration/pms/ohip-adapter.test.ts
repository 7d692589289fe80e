import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemClock } from '../../../central/src/clock.js';
import { createOhipAdapter } from '../../../central/src/pms/ohip/ohip-adapter.js';
import { ohipPmsConfig } from '../../../central/src/pms/ohip/ohip-config.js';
import { startOhipSimulator } from '../../../central/src/pms/ohip/ohip-simulator.js';
import { type PmsHarness, runPmsAdapterContract } from './pms-adapter.contract.js';

/** OPERA Cloud over loopback HTTP: OHIP token, getReservations InHouse, postBillingCharges, read-back. */
async function ohipHarness(): Promise<PmsHarness> {
  const sim = await startOhipSimulator({ currency: 'USD', hotelId: 'SAND01' });
  const config = ohipPmsConfig.parse({
    kind: 'ohip',
    baseUrl: sim.url,
    appKey: sim.appKey,
    hotelId: 'SAND01',
    auth: { clientId: 'ohip-client', clientSecret: 'ohip-secret' },
    cashierId: 113,
    transactionCodes: { POOL: '2010' },
    defaultTransactionCode: '2000',
    tipTransactionCode: '9100',
    currency: 'USD',
    timeoutMs: 800,
  });
  const adapter = createOhipAdapter(config, { clock: systemClock });
  return {
    adapter,
    currency: 'USD',
    idempotent: false,
    // searchType=InHouse only sees guests in house, as FIAS inquiries do.
    tellsCheckedOut: false,
    faults: sim.server.faults,
    seedGuest: async (g) => sim.seedGuest(g),
    postingsFor: async (room) => sim.hotel.postingsFor(room),
    close: async () => {
      await adapter.close();
      await sim.close();
    },
  };
}

runPmsAdapterContract('ohip', ohipHarness);

test('ohip: lookup by last name finds in-house guests with their rooms, not checked-out ones', async (t) => {
  const h = await ohipHarness();
  t.after(() => h.close());
  await h.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null });
  await h.seedGuest({
    roomNumber: '305',
    firstName: 'Anna',
    lastName: 'Wilson',
    creditLimitMinor: null,
    status: 'checked_out',
  });
  await h.seedGuest({ roomNumber: '407', firstName: 'Robert', lastName: 'Garcia', creditLimitMinor: null });
  assert.ok(h.adapter.lookupByName && h.adapter.features.has('room_lookup'));
  const found = await h.adapter.lookupByName('Wilson');
  assert.deepEqual(
    found.map((r) => [r.roomNumber, r.guest.firstName, r.guest.lastName]),
    [['412', 'James', 'Wilson']],
  );
});
