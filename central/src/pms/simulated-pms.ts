// Any PMS simulator on a loopback port with the adapter config that reaches it, so the demo
// (`ROOMPOST_PMS=<kind> npm start`) and tests can point central at a stand-in of that PMS.

import type { Logger } from '@roompost/sync';
import { systemClock } from '../clock.js';
import { apaleoPmsConfig } from './apaleo/apaleo-config.js';
import { startApaleoSimulator } from './apaleo/apaleo-simulator.js';
import { cloudbedsPmsConfig } from './cloudbeds/cloudbeds-config.js';
import { startCloudbedsSimulator } from './cloudbeds/cloudbeds-simulator.js';
import { fiasPmsConfig } from './fias/fias-config.js';
import { FiasSimulator } from './fias/fias-simulator-server.js';
import { htngPmsConfig } from './htng/htng-config.js';
import { startHtngSimulator } from './htng/htng-simulator.js';
import type { SimGuestSeed } from './http/sim-hotel.js';
import { mewsPmsConfig } from './mews/mews-config.js';
import { startMewsSimulator } from './mews/mews-simulator.js';
import { ohipPmsConfig } from './ohip/ohip-config.js';
import { startOhipSimulator } from './ohip/ohip-simulator.js';
import type { PmsConfig } from './pms-config.js';
import { restPmsConfig } from './rest/rest-config.js';
import { STAYNTOUCH_STYLE_EXAMPLE } from './rest/rest-example.js';
import { startRestSimulator } from './rest/rest-simulator.js';

export const SIMULATED_PMS_KINDS = ['fias', 'cloudbeds', 'apaleo', 'mews', 'ohip', 'htng', 'rest'] as const;
export type SimulatedPmsKind = (typeof SIMULATED_PMS_KINDS)[number];

export function isSimulatedPmsKind(kind: string): kind is SimulatedPmsKind {
  return (SIMULATED_PMS_KINDS as readonly string[]).includes(kind);
}

export interface SimulatedPms {
  kind: SimulatedPmsKind;
  /** The `pms` section that points central at this simulator. */
  config: PmsConfig;
  /** Where it listens, for the banner. */
  address: string;
  seedGuest(guest: SimGuestSeed): void;
  /** What the simulated PMS holds for a room: one entry per booked charge. */
  postingsFor(roomNumber: string): Array<{ reference: string; totalMinor: number }>;
  close(): Promise<void>;
}

const TIMEOUT_MS = 5_000;

/** Starts the simulator of `kind` on 127.0.0.1 (a free port). `close` may be called more than once. */
export async function startSimulatedPms(
  kind: SimulatedPmsKind,
  o: { currency: string; logger: Logger },
): Promise<SimulatedPms> {
  const sim = await start(kind, o);
  let closing: Promise<void> | undefined;
  return { ...sim, close: () => (closing ??= sim.close()) };
}

async function start(kind: SimulatedPmsKind, o: { currency: string; logger: Logger }): Promise<SimulatedPms> {
  const { currency } = o;
  switch (kind) {
    case 'fias': {
      const sim = new FiasSimulator({ clock: systemClock, logger: o.logger });
      const port = await sim.listen();
      return {
        kind,
        config: fiasPmsConfig.parse({
          kind,
          transport: { type: 'tcp', host: '127.0.0.1', port },
          currency,
          // A short reconnect back-off: the simulator is up before central dials it anyway.
          timeouts: { reconnectInitialMs: 50, reconnectMaxMs: 1_000 },
        }),
        address: `tcp://127.0.0.1:${port}`,
        seedGuest: (g) => void sim.seedGuest({ balanceMinor: 0, ...g }),
        postingsFor: (room) =>
          sim.state.postings
            .filter((p) => p.roomNumber === room)
            .map((p) => ({ reference: `P#${p.sequence}`, totalMinor: p.totalMinor })),
        close: () => sim.close(),
      };
    }
    case 'cloudbeds': {
      const sim = await startCloudbedsSimulator({ currency });
      const auth = {
        tokenUrl: `${sim.baseUrl}/access_token`,
        clientId: 'cb-client',
        clientSecret: 'cb-secret',
      };
      const config = cloudbedsPmsConfig.parse({
        kind,
        baseUrl: sim.baseUrl,
        currency,
        timeoutMs: TIMEOUT_MS,
        auth: { type: 'oauth', ...auth },
      });
      return http(kind, config, sim.baseUrl, sim);
    }
    case 'apaleo': {
      const sim = await startApaleoSimulator({ currency });
      const config = apaleoPmsConfig.parse({
        kind,
        baseUrl: sim.url,
        propertyId: 'HARBOUR',
        currency,
        timeoutMs: TIMEOUT_MS,
        auth: {
          tokenUrl: `${sim.url}/connect/token`,
          clientId: 'apaleo-client',
          clientSecret: 'apaleo-secret',
        },
      });
      return http(kind, config, sim.url, sim);
    }
    case 'mews': {
      const sim = await startMewsSimulator({ currency });
      const config = mewsPmsConfig.parse({
        kind,
        baseUrl: sim.url,
        ...sim.tokens,
        taxCode: 'US-DC-G',
        currency,
        timeoutMs: TIMEOUT_MS,
      });
      return http(kind, config, sim.url, sim);
    }
    case 'ohip': {
      const sim = await startOhipSimulator({ currency, hotelId: 'HARBOUR' });
      const config = ohipPmsConfig.parse({
        kind,
        baseUrl: sim.url,
        appKey: sim.appKey,
        hotelId: 'HARBOUR',
        auth: { clientId: 'ohip-client', clientSecret: 'ohip-secret' },
        cashierId: 113,
        transactionCodes: { POOL: '2010', REST: '2020', BAR: '2030' },
        defaultTransactionCode: '2000',
        tipTransactionCode: '9100',
        currency,
        timeoutMs: TIMEOUT_MS,
      });
      return http(kind, config, sim.url, sim);
    }
    case 'htng': {
      const sim = await startHtngSimulator({ currency, dedupe: true });
      const config = htngPmsConfig.parse({
        kind,
        endpointUrl: sim.endpointUrl,
        hotelCode: 'HARBOUR',
        auth: { type: 'bearer', token: sim.token },
        // The simulator pushes its results to a listener central opens on a free loopback port.
        callback: { listenHost: '127.0.0.1', listenPort: 0 },
        dedupesOnCorrelationId: true,
        defaultRevenueCode: '4700',
        currency,
        timeoutMs: TIMEOUT_MS,
      });
      return http(kind, config, sim.endpointUrl, sim);
    }
    case 'rest': {
      const template = restPmsConfig.parse({
        ...STAYNTOUCH_STYLE_EXAMPLE,
        timeoutMs: TIMEOUT_MS,
        auth: { type: 'header', name: 'X-Api-Key', value: 'demo-key' },
        currency,
        baseUrl: 'http://placeholder.invalid',
      });
      const sim = await startRestSimulator(template);
      return http(kind, { ...template, baseUrl: sim.baseUrl }, sim.baseUrl, sim);
    }
  }
}

function http(
  kind: SimulatedPmsKind,
  config: PmsConfig,
  address: string,
  sim: {
    seedGuest(g: SimGuestSeed): void;
    hotel: { postingsFor(room: string): Array<{ reference: string; totalMinor: number }> };
    close(): Promise<void>;
  },
): SimulatedPms {
  return {
    kind,
    config,
    address,
    seedGuest: (g) => sim.seedGuest(g),
    postingsFor: (room) => sim.hotel.postingsFor(room),
    close: () => sim.close(),
  };
}
