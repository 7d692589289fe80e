import { type PmsHarness, runPmsAdapterContract } from '@roompost/central/pms-contract';
import { systemClock } from '../../../central/src/clock.js';
import { createApaleoAdapter } from '../../../central/src/pms/apaleo/apaleo-adapter.js';
import { apaleoPmsConfig } from '../../../central/src/pms/apaleo/apaleo-config.js';
import { startApaleoSimulator } from '../../../central/src/pms/apaleo/apaleo-simulator.js';
import { simulatedHarness, testLookupByName } from './simulated-harness.js';

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
  return simulatedHarness(sim, adapter, { currency: 'EUR', idempotent: true, tellsCheckedOut: true });
}

runPmsAdapterContract('apaleo', apaleoHarness);

testLookupByName('apaleo', apaleoHarness);
