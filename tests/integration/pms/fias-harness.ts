// A FIAS adapter wired to the FIAS PMS simulator over real loopback TCP, with short timeouts.

import type { PmsHarness } from '@roompost/central/pms-contract';
import { type Logger, silentLogger } from '@roompost/sync';
import { createFiasAdapter, type FiasAdapter } from '../../../central/src/pms/fias/fias-adapter.js';
import { type FiasPmsConfig, fiasPmsConfig } from '../../../central/src/pms/fias/fias-config.js';
import { FiasSimulator } from '../../../central/src/pms/fias/fias-simulator-server.js';

export const FAST_TIMEOUTS = {
  answerMs: 1_000,
  postingMs: 1_000,
  linkWaitMs: 400,
  connectMs: 400,
  startupListenMs: 500,
  linkStartMs: 3_000,
  aliveIntervalMs: 60_000,
  aliveTimeoutMs: 500,
  reconnectInitialMs: 20,
  reconnectMaxMs: 100,
};

export interface FiasRig {
  sim: FiasSimulator;
  adapter: FiasAdapter;
  config: FiasPmsConfig;
  close(): Promise<void>;
}

export async function fiasRig(
  opts: { logger?: Logger; timeouts?: Partial<typeof FAST_TIMEOUTS>; lrc?: boolean } = {},
): Promise<FiasRig> {
  const logger = opts.logger ?? silentLogger;
  const clock = { now: () => new Date() };
  const sim = new FiasSimulator({ clock, logger, lrc: opts.lrc ?? false });
  const port = await sim.listen();
  const config = fiasPmsConfig.parse({
    kind: 'fias',
    transport: { type: 'tcp', host: '127.0.0.1', port, lrc: opts.lrc ?? false },
    currency: 'USD',
    salesOutlets: { POOL: '44' },
    timeouts: { ...FAST_TIMEOUTS, ...opts.timeouts },
  });
  const adapter = createFiasAdapter(config, { logger, clock });
  if (!(await adapter.link.waitAlive(5_000))) throw new Error('FIAS link did not come up');
  return {
    sim,
    adapter,
    config,
    async close() {
      await adapter.close();
      await sim.close();
    },
  };
}

export async function fiasHarness(): Promise<PmsHarness> {
  const rig = await fiasRig();
  const { sim, adapter } = rig;
  return {
    adapter,
    currency: 'USD',
    // FIAS has no idempotency key (P# only correlates a request with its answer).
    idempotent: false,
    // Inquiries only match in-house guests (p.79): a checked-out guest is not found.
    tellsCheckedOut: false,
    async seedGuest(g) {
      sim.seedGuest({
        roomNumber: g.roomNumber,
        firstName: g.firstName,
        lastName: g.lastName,
        creditLimitMinor: g.creditLimitMinor,
        balanceMinor: g.balanceMinor ?? 0,
        status: g.status ?? 'in_house',
        noPost: g.noPost ?? false,
      });
    },
    async postingsFor(roomNumber) {
      return sim.state.postings
        .filter((p) => p.roomNumber === roomNumber)
        .map((p) => ({ reference: `P#${p.sequence}`, totalMinor: p.totalMinor }));
    },
    faults: {
      setDown: (down) => sim.setDown(down),
      rateLimitNext: (n) => sim.state.rateLimitNext(n),
      timeoutNext: (mode) => sim.state.timeoutNext(mode),
    },
    close: () => rig.close(),
  };
}
