// Figure: central's ingest rate behind Debian's Mosquitto 2 with dynamic security (docs/scale-out.md):
// C device clients, each with its own broker account, publish their share of N charges at once;
// one central worker (SQLite, built-in folio) takes them through `$share/roompost/…`, stores them
// durably and answers each. Baseline: the same clients and payloads through the same Mosquitto with
// no central subscribed, QoS 1 publish → PUBACK, measured before and after in the same run.
// The set-up (devices, hotel, charges, baseline, the charging run) is bench/lib.ts's, shared with
// central-workers-postgres.bench.ts. Central runs as production runs it, in its own process (the
// compiled bundle with its systemd unit's flags, bench/service-process.ts), as does Mosquitto; the
// device clients run in this process.
//   npm run build:services && npx tsx bench/central-ingest-mosquitto.bench.ts [--full]
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CentralConfig, startCentral } from '@roompost/central';
import { recordingLogger } from '../tests/support/recording-logger.js';
import { centralConfig, PROPERTY, TODAY } from '../tests/support/stack.js';
import { DYNSEC_ADMIN, startMosquitto } from '../tests/system/support/mosquitto.js';
import {
  benchCharges,
  benchDevices,
  chargeRun,
  cleanups,
  fmt,
  processCpuMs,
  rawMosquittoRate,
  report,
  seedChargeHotel,
  size,
} from './lib.js';
import { cpuMarks, requireBuild, startService } from './service-process.js';

const CLIENTS = size(50, 200);
const N = size(2_000, 20_000);
const scope = cleanups();

try {
  requireBuild();
  const dir = await mkdtemp(join(tmpdir(), 'roompost-ingest-mosquitto-'));
  if (!process.env.BENCH_KEEP) scope.t.after(() => rm(dir, { recursive: true, force: true }));
  const broker = await startMosquitto(dir);
  scope.t.after(() => broker.stop());
  const data = join(dir, 'central');
  await mkdir(data);
  const devices = benchDevices(CLIENTS);
  const config: CentralConfig = {
    ...centralConfig(0, { devices }),
    mqtt: { url: broker.url, username: 'central', password: 'central-secret', clientId: 'central-bench-1' },
    broker: { kind: 'mosquitto', admin: { ...DYNSEC_ADMIN } },
  };
  // First start: central creates every device's account on the broker; the hotel is seeded.
  const first = await startCentral(config, { dataDir: data, logger: recordingLogger() });
  const hotel = await seedChargeHotel(first, TODAY);
  await first.stop();

  const charges = await benchCharges(devices, hotel, N, 'M');
  const payloads = charges.map((list) => list.map((c) => JSON.stringify(c)));

  // Baseline with central stopped (its clean session is gone: nothing is queued for it).
  const raw1 = await rawMosquittoRate(broker.url, PROPERTY, devices, payloads);

  const central = await startService({ service: 'central', dir: data, config });
  scope.t.after(() => central.stop());
  let cpu: Awaited<ReturnType<typeof cpuMarks>> | undefined;
  // The first status of every charge (accepted, queued or already posted) is its answer.
  const run = await chargeRun({
    url: broker.url,
    property: PROPERTY,
    devices,
    charges,
    waitForPosted: false,
    beforePublish: async () => {
      cpu = await cpuMarks([central, { name: 'mosquitto', cpuMs: () => processCpuMs(broker.pid ?? 0) }]);
    },
  });
  const used = await cpu?.since();
  await central.stop();

  const raw2 = await rawMosquittoRate(broker.url, PROPERTY, devices, payloads);
  const raw = Math.max(raw1, raw2);
  report({
    figure: `central ingest behind Mosquitto (dynsec, 1 worker in its own process, $share), ${CLIENTS} clients, ${N} charges stored+answered/s`,
    measured: `${fmt(run.stored, '/s')}`,
    baseline: `raw Mosquitto QoS 1 ${fmt(raw, '/s')}`,
    ratio: run.stored / raw,
    goal: '≥ 30 % of raw Mosquitto',
    met: run.stored / raw >= 0.3,
    detail: [
      `answered ${run.answered}/${N}`,
      `${used?.line} (bench = the ${CLIENTS} device clients, until all were answered)`,
    ],
  });
} finally {
  await scope.run();
}
