import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemClock } from '../../../central/src/clock.js';
import { createApaleoAdapter } from '../../../central/src/pms/apaleo/apaleo-adapter.js';
import { apaleoPmsConfig } from '../../../central/src/pms/apaleo/apaleo-config.js';
import { startApaleoSimulator } from '../../../central/src/pms/apaleo/apaleo-simulator.js';
import { type PmsHarness, runPmsAdapterContract } from './pms-adapter.contract.js';

/** apaleo over loopback HTTP: client-credentials token, folio-actions charges with Idempotency-Key. */
async function apaleoHarness(): Promise<PmsHarness> {
  const sim = await startApaleoSimulator({ currency: 'EUR' });
  const config = apaleoPmsConfig.parse({
    kind: 'apaleo',
    baseUrl: sim.url,
    propertyId: 'MUC',
    currency: 'EUR',
    timeoutMs: 800,
    auth: { tokenUrl: `${sim.url}/connect/token`, clientId: 'apaleo-client', clientSecret: 'apaleo-secret' },
  });
  const adapter = createApaleoAdapter(config, { clock: systemClock });
  return {
    adapter,
    currency: 'EUR',
    idempotent: true,
    tellsCheckedOut: true,
    faults: sim.server.faults,
    seedGuest: async (g) => sim.seedGuest(g),
    postingsFor: async (room) => sim.hotel.postingsFor(room),
    close: async () => {
      await adapter.close();
      await sim.close();
    },
  };
}

runPmsAdapterContract('apaleo', apaleoHarness);

test('apaleo: lookup by last name finds in-house guests with their rooms, not checked-out ones', async (t) => {
  const h = await apaleoHarness();
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
