import { systemClock } from '../../../central/src/clock.js';
import { createOhipAdapter } from '../../../central/src/pms/ohip/ohip-adapter.js';
import { ohipPmsConfig } from '../../../central/src/pms/ohip/ohip-config.js';
import { startOhipSimulator } from '../../../central/src/pms/ohip/ohip-simulator.js';
import { type PmsHarness, runPmsAdapterContract } from './pms-adapter.contract.js';
import { simulatedHarness, testLookupByName } from './simulated-harness.js';

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
  // searchType=InHouse only sees guests in house, as FIAS inquiries do.
  return simulatedHarness(sim, adapter, { currency: 'USD', idempotent: false, tellsCheckedOut: false });
}

runPmsAdapterContract('ohip', ohipHarness);

testLookupByName('ohip', ohipHarness);
