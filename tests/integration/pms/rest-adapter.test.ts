import { type PmsHarness, runPmsAdapterContract } from '@roompost/central/pms-contract';
import { systemClock } from '../../../central/src/clock.js';
import { createRestAdapter } from '../../../central/src/pms/rest/rest-adapter.js';
import { restPmsConfig } from '../../../central/src/pms/rest/rest-config.js';
import { STAYNTOUCH_STYLE_EXAMPLE } from '../../../central/src/pms/rest/rest-example.js';
import { startRestSimulator } from '../../../central/src/pms/rest/rest-simulator.js';

const stayntouchLike = {
  ...STAYNTOUCH_STYLE_EXAMPLE,
  currency: 'USD',
  timeoutMs: 800,
  auth: { type: 'header', name: 'X-Api-Key', value: 'k-123' },
};

// A second shape: minor units, errors as HTTP 200 `{ ok: false }`, dedupe on an Idempotency-Key header.
const idempotentShape = {
  ...stayntouchLike,
  name: 'pms-with-key',
  amounts: 'minor',
  idempotent: true,
  idempotencyHeader: 'Idempotency-Key',
  post: { ...stayntouchLike.post, duplicate: 'replayed' },
  findPosting: undefined,
  errors: {
    success: 'ok',
    code: 'err',
    message: 'msg',
    map: { '1001': 'CREDIT_EXCEEDED', '1002': 'CHARGES_BLOCKED' },
  },
};

function harness(shape: Record<string, unknown>, idempotent: boolean) {
  return async (): Promise<PmsHarness> => {
    const template = restPmsConfig.parse({ ...shape, baseUrl: 'http://placeholder.invalid' });
    const sim = await startRestSimulator(template);
    const adapter = createRestAdapter({ ...template, baseUrl: sim.baseUrl }, { clock: systemClock });
    return {
      adapter,
      currency: 'USD',
      idempotent,
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

runPmsAdapterContract('rest (StayNTouch-style, read-back)', harness(stayntouchLike, false));
runPmsAdapterContract('rest (minor units, Idempotency-Key)', harness(idempotentShape, true));
