// Figure: central's ingest rate behind Debian's Mosquitto 2 with dynamic security (docs/scale-out.md):
// C device clients, each with its own broker account, publish their share of N charges at once;
// one central worker (SQLite, built-in folio) takes them through `$share/roompost/…`, stores them
// durably and answers each. Baseline: the same clients and payloads through the same Mosquitto with
// no central subscribed, QoS 1 publish → PUBACK, measured before and after in the same run.
//   npx tsx bench/central-ingest-mosquitto.bench.ts [--full]
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CentralConfig, seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import { type ChargeMessage, connectDevice, type MqttClient, topicFor } from '@roompost/sync';
import { chargeMessageFor, type RawDevice, rawDevice } from '../tests/support/raw-charges.js';
import { recordingLogger } from '../tests/support/recording-logger.js';
import { centralConfig, PROPERTY, TODAY } from '../tests/support/stack.js';
import { DYNSEC_ADMIN, startMosquitto } from '../tests/system/support/mosquitto.js';
import { cleanups, extraInHouseRooms, fmt, report, size, sleep, unlimitedCredit } from './lib.js';

const CLIENTS = size(50, 200);
const N = size(2_000, 20_000);
const scope = cleanups();

type Device = { id: string; outletCode: string; secret: string };

/** The devices' own accounts publish on their own charge topics with nobody subscribed. */
async function rawMosquitto(url: string, devices: Device[], payloads: string[][]): Promise<number> {
  const clients: MqttClient[] = [];
  for (const d of devices) {
    const c = connectDevice({ url, property: PROPERTY, device: d.id, username: d.id, password: d.secret });
    await new Promise<void>((r, reject) => {
      c.once('connect', () => r());
      c.once('error', reject);
    });
    clients.push(c);
  }
  const t0 = process.hrtime.bigint();
  await Promise.all(
    clients.map(async (c, i) => {
      const topic = topicFor('charge', PROPERTY, devices[i]?.id ?? '');
      await Promise.all((payloads[i] ?? []).map((p) => c.publishAsync(topic, p, { qos: 1 })));
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await Promise.all(clients.map((c) => c.endAsync(true)));
  return N / seconds;
}

try {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-ingest-mosquitto-'));
  scope.t.after(() => rm(dir, { recursive: true, force: true }));
  const broker = await startMosquitto(dir);
  scope.t.after(() => broker.stop());
  const data = join(dir, 'central');
  await mkdir(data);
  const devices: Device[] = Array.from({ length: CLIENTS }, (_, i) => ({
    id: `bench-${i}`,
    outletCode: 'POOL',
    secret: `bench-secret-${i}-0123456789`,
  }));
  const config: CentralConfig = {
    ...centralConfig(0, { devices }),
    mqtt: { url: broker.url, username: 'central', password: 'central-secret', clientId: 'central-bench-1' },
    broker: { kind: 'mosquitto', admin: { ...DYNSEC_ADMIN } },
  };
  // First start: central creates every device's account on the broker; the hotel is seeded.
  const first = await startCentral(config, { dataDir: data, logger: recordingLogger() });
  await seedDemoHotel(first.folio, TODAY);
  await seedDemoCatalogs(first.catalog);
  await unlimitedCredit(first);
  const stays = await extraInHouseRooms(first.folio, 200, TODAY);
  await first.stop();

  const charges: ChargeMessage[][] = devices.map(() => []);
  for (let i = 0; i < N; i++) {
    const stay = stays[i % stays.length] as { room: string; stayRef: string };
    charges[i % CLIENTS]?.push(chargeMessageFor({ roomNumber: stay.room, stayRef: stay.stayRef }, `M${i}`));
  }
  const payloads = charges.map((list) => list.map((c) => JSON.stringify(c)));

  // Baseline with central stopped (its clean session is gone: nothing is queued for it).
  const raw1 = await rawMosquitto(broker.url, devices, payloads);

  const central = await startCentral(config, { dataDir: data, logger: recordingLogger() });
  const answeredIds = new Set<string>();
  let allAnswered = 0n;
  const links: RawDevice[] = [];
  for (const d of devices) {
    links.push(
      await rawDevice({
        url: broker.url,
        property: PROPERTY,
        device: d.id,
        secret: d.secret,
        // The first status of every charge (accepted, queued or already posted) is its answer.
        onStatus: (s) => {
          if (answeredIds.has(s.chargeId)) return;
          answeredIds.add(s.chargeId);
          if (answeredIds.size === N) allAnswered = process.hrtime.bigint();
        },
      }),
    );
  }
  const t0 = process.hrtime.bigint();
  await Promise.all(links.map((l, i) => Promise.all((charges[i] ?? []).map((c) => l.publish(c)))));
  const deadline = Date.now() + 300_000;
  while (answeredIds.size < N && Date.now() < deadline) await sleep(20);
  const ingest = allAnswered ? N / (Number(allAnswered - t0) / 1e9) : Number.NaN;
  await Promise.all(links.map((l) => l.close()));
  await central.stop();

  const raw2 = await rawMosquitto(broker.url, devices, payloads);
  const raw = Math.max(raw1, raw2);
  report({
    figure: `central ingest behind Mosquitto (dynsec, 1 worker, $share), ${CLIENTS} clients, ${N} charges stored+answered/s`,
    measured: `${fmt(ingest, '/s')}`,
    baseline: `raw Mosquitto QoS 1 ${fmt(raw, '/s')}`,
    ratio: ingest / raw,
    goal: '≥ 30 % of raw Mosquitto',
    met: ingest / raw >= 0.3,
    detail: [`answered ${answeredIds.size}/${N}`],
  });
} finally {
  await scope.run();
}
