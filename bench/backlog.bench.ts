// Figure: N charges queued at one edge while central was down (written through the edge's own
// repository function), then central and the edge start: seconds until the edge's outbox is empty,
// every charge posted on the folio and "posted" back at the edge. Baseline: the same N charge
// payloads through a raw aedes broker, QoS 1 publish → PUBACK from one client, in the same run.
//   npx tsx bench/backlog.bench.ts [--full]
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import { startEdge } from '@roompost/edge';
import { connectDevice } from '@roompost/sync';
import { Aedes } from 'aedes';
import { chargeMessageFor } from '../tests/support/raw-charges.js';
import { recordingLogger } from '../tests/support/recording-logger.js';
import { centralConfig, edgeConfig, freePort, PROPERTY, TODAY } from '../tests/support/stack.js';
import {
  cleanups,
  extraInHouseRooms,
  fmt,
  outboxOpen,
  queueOfflineCharges,
  report,
  size,
  sleep,
} from './lib.js';

const N = size(1_000, 100_000);
const scope = cleanups();

async function rawAedesSeconds(payloads: string[]): Promise<number> {
  const broker = await Aedes.createBroker();
  const server = createServer({ noDelay: true }, broker.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const c = connectDevice({
    url: `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`,
    property: PROPERTY,
    device: 'raw',
  });
  await new Promise<void>((r) => c.once('connect', () => r()));
  const t0 = process.hrtime.bigint();
  // The same window as the edge's relay: 100 in flight.
  let next = 0;
  await Promise.all(
    Array.from({ length: 100 }, async () => {
      for (let i = next++; i < payloads.length; i = next++)
        await c.publishAsync('bench/raw', payloads[i] as string, { qos: 1 });
    }),
  );
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  await c.endAsync(true);
  await new Promise<void>((r) => broker.close(() => r()));
  await new Promise<void>((r) => server.close(() => r()));
  return s;
}

try {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-backlog-'));
  scope.t.after(() => rm(dir, { recursive: true, force: true }));
  const mqttPort = await freePort();
  const seeding = await startCentral(centralConfig(mqttPort), { dataDir: dir, logger: recordingLogger() });
  await seedDemoHotel(seeding.folio, TODAY);
  await seedDemoCatalogs(seeding.catalog);
  const stays = await extraInHouseRooms(seeding.folio, 200, TODAY);
  await seeding.stop();
  await queueOfflineCharges(join(dir, 'edge.sqlite'), stays, N);

  const payloads = Array.from({ length: N }, (_, i) =>
    JSON.stringify(chargeMessageFor({ roomNumber: 'B001', stayRef: 'x' }, `R${i}`)),
  );
  const baseline = await rawAedesSeconds(payloads);

  const t0 = process.hrtime.bigint();
  const central = await startCentral(centralConfig(mqttPort), { dataDir: dir, logger: recordingLogger() });
  scope.t.after(() => central.stop());
  const edge = await startEdge(edgeConfig(mqttPort), {
    dataDir: dir,
    logger: recordingLogger(),
    kioskDir: join(dir, 'no-kiosk-build'),
  });
  scope.t.after(() => edge.stop());
  const deadline = Date.now() + (N > 10_000 ? 3_600_000 : 170_000);
  let open = N;
  while (open > 0 && Date.now() < deadline) {
    await sleep(open > 1000 ? 250 : 25);
    open = await outboxOpen(join(dir, 'edge.sqlite'));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const goal = 30 * (N / 100_000);
  report({
    figure: `backlog of ${N} charges at one edge drained to the folio`,
    measured:
      open === 0
        ? `${fmt(seconds, ' s')} (${fmt(N / seconds, '/s')})`
        : `${open} still open after ${fmt(seconds, ' s')}`,
    baseline: `raw aedes QoS 1, one client, window 100: ${fmt(baseline, ' s')}`,
    ratio: seconds / baseline,
    goal: `≤ 30 s per 100,000 (${fmt(goal, ' s')} for ${N})`,
    met: open === 0 && seconds <= goal,
  });
} finally {
  await scope.run();
}
