import { type PmsHarness, runPmsAdapterContract } from '@roompost/central/pms-contract';
import { systemClock } from '../../../central/src/clock.js';
import { createHtngAdapter } from '../../../central/src/pms/htng/htng-adapter.js';
import { htngPmsConfig } from '../../../central/src/pms/htng/htng-config.js';
import { startHtngSimulator } from '../../../central/src/pms/htng/htng-simulator.js';

/** HTNG SOAP over loopback HTTP, with and without the PMS deduping on CorrelationID. */
function htngHarness(dedupe: boolean) {
  return async (): Promise<PmsHarness> => {
    const sim = await startHtngSimulator({ currency: 'EUR', dedupe });
    const config = htngPmsConfig.parse({
      kind: 'htng',
      endpointUrl: sim.endpointUrl,
      hotelCode: 'PROTEL1',
      auth: { type: 'bearer', token: sim.token },
      dedupesOnCorrelationId: dedupe,
      defaultRevenueCode: '4700',
      currency: 'EUR',
      timeoutMs: 800,
    });
    const adapter = createHtngAdapter(config, { clock: systemClock });
    return {
      adapter,
      currency: 'EUR',
      idempotent: dedupe,
      tellsCheckedOut: true,
      faults: sim.server.faults,
      seedGuest: async (g) => sim.seedGuest(g),
      postingsFor: async (room) => sim.hotel.postingsFor(room),
      close: async () => {
        await adapter.close();
        await sim.close();
      },
    };
  };
}

runPmsAdapterContract('htng (CorrelationID dedupe)', htngHarness(true));
runPmsAdapterContract('htng (no dedupe)', htngHarness(false));
