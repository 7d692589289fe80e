// Figures: central's ingest and posting rates. C device clients (MQTT, QoS 1) each publish their
// share of N charges at once to central (embedded aedes, built-in folio). Ingest rate: charges
// stored durably and answered (the status message that follows the commit) per second. Posting
// rate: charges on the folio per second over the same run. Baseline: a raw aedes broker with no
// storage, the same C clients and payloads, QoS 1 publish → PUBACK, measured in the same run.
// Central runs as production runs it, in its own process (the compiled bundle with its systemd
// unit's flags, bench/service-process.ts), and so does the raw broker (bench/raw-aedes-broker.mjs);
// the device clients run in this process in both.
//   npm run build:services && npx tsx bench/central-ingest.bench.ts [--full]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChargeMessage, connectDevice, type MqttClient } from '@roompost/sync';
import { chargeMessageFor, type RawDevice, rawDevice } from '../tests/support/raw-charges.js';
import { centralConfig, freePort, PROPERTY } from '../tests/support/stack.js';
import { cleanups, fmt, profileWindow, report, size, sleep } from './lib.js';
import {
  cpuMarks,
  requireBuild,
  seedCentral,
  startFloorCentral,
  startRawAedes,
  startService,
} from './service-process.js';

const CLIENTS = size(50, 200);
const N = size(2_000, 20_000);
const scope = cleanups();

async function rawAedes(dir: string, payloads: string[][]): Promise<{ rate: number; cpu: string }> {
  const broker = await startRawAedes(dir);
  try {
    const clients: MqttClient[] = [];
    for (let i = 0; i < payloads.length; i++) {
      const c = connectDevice({ url: broker.url, property: PROPERTY, device: `raw-${i}` });
      await new Promise<void>((r) => c.once('connect', () => r()));
      clients.push(c);
    }
    const cpu = await cpuMarks([broker]);
    const t0 = process.hrtime.bigint();
    await Promise.all(
      clients.map(async (c, i) => {
        await Promise.all((payloads[i] ?? []).map((p) => c.publishAsync(`bench/${i}`, p, { qos: 1 })));
      }),
    );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const used = await cpu.since();
    await Promise.all(clients.map((c) => c.endAsync(true)));
    return { rate: N / seconds, cpu: used.line };
  } finally {
    await broker.stop();
  }
}

/**
 * The floor (bench/floor-central.mjs): the same clients and charges against a process that only
 * stores each charge and a folio line durably and answers "posted"; rate until every charge is answered.
 */
async function floorCentral(
  dir: string,
  charges: ChargeMessage[][],
): Promise<{ rate: number; cpuMs: number; line: string }> {
  const floor = await startFloorCentral(dir);
  try {
    let answered = 0;
    // Resolved by the last answer, or after 5 minutes (the timer cleared: a pending one kept the script alive).
    let done: () => void = () => {};
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    const links: RawDevice[] = [];
    for (let i = 0; i < charges.length; i++) {
      links.push(
        await rawDevice({
          url: floor.url,
          property: PROPERTY,
          device: `floor-${i}`,
          secret: 'unused-by-the-floor',
          onStatus: () => {
            if (++answered === N) done();
          },
        }),
      );
    }
    const cpu = await cpuMarks([floor]);
    const t0 = process.hrtime.bigint();
    await Promise.all(links.map((l, i) => Promise.all((charges[i] ?? []).map((c) => l.publish(c)))));
    const slow = setTimeout(done, 300_000);
    await all;
    clearTimeout(slow);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const used = await cpu.since();
    await Promise.all(links.map((l) => l.close()));
    return {
      rate: answered >= N ? N / seconds : Number.NaN,
      cpuMs: used.cpu['floor-central'] ?? Number.NaN,
      line: used.line,
    };
  } finally {
    await floor.stop();
  }
}

try {
  requireBuild();
  const dir = await mkdtemp(join(tmpdir(), 'roompost-ingest-'));
  if (!process.env.BENCH_KEEP) scope.t.after(() => rm(dir, { recursive: true, force: true }));
  const devices = Array.from({ length: CLIENTS }, (_, i) => ({
    id: `bench-${i}`,
    outletCode: 'POOL',
    secret: `bench-secret-${i}-0123456789`,
  }));
  const centralCfg = centralConfig(await freePort(), { devices });
  const stays = await seedCentral(dir, centralCfg, { extraRooms: true });
  const charges: ChargeMessage[][] = devices.map(() => []);
  for (let i = 0; i < N; i++) {
    const stay = stays[i % stays.length] as { room: string; stayRef: string };
    charges[i % CLIENTS]?.push(chargeMessageFor({ roomNumber: stay.room, stayRef: stay.stayRef }, `I${i}`));
  }
  const payloads = charges.map((list) => list.map((c) => JSON.stringify(c)));

  // Baseline first, then central, then the baseline again: the better of the two is the baseline.
  const raw1 = await rawAedes(dir, payloads);

  const central = await startService({ service: 'central', dir, config: centralCfg });
  scope.t.after(() => central.stop());
  const mqttUrl = `mqtt://127.0.0.1:${centralCfg.mqtt.embedded?.port}`;
  let answered = 0;
  let posted = 0;
  let allAnswered = 0n;
  let allPosted = 0n;
  const links: RawDevice[] = [];
  for (const d of devices) {
    links.push(
      await rawDevice({
        url: mqttUrl,
        property: PROPERTY,
        device: d.id,
        secret: d.secret,
        onStatus: (s) => {
          if (s.status === 'accepted' || s.status === 'queued') {
            if (++answered === N) allAnswered = process.hrtime.bigint();
          } else if (s.status === 'posted') {
            // A charge posted before its first answer went out is answered by this "posted".
            if (++posted === N) allPosted = process.hrtime.bigint();
          }
        },
      }),
    );
  }
  scope.t.after(() => Promise.all(links.map((l) => l.close())));
  const stopProfile = await profileWindow();
  const cpu = await cpuMarks([central]);
  const t0 = process.hrtime.bigint();
  await Promise.all(links.map((l, i) => Promise.all((charges[i] ?? []).map((c) => l.publish(c)))));
  const deadline = Date.now() + 300_000;
  while (posted < N && Date.now() < deadline) await sleep(20);
  const used = await cpu.since();
  await stopProfile();
  // Every charge answered: its first status (accepted) or, if it was posted first, "posted".
  const firstAnswers = [...links].reduce((n, l) => n + l.statuses.size, 0);
  const ingestEnd = allAnswered || allPosted;
  const ingest = firstAnswers >= N && ingestEnd ? N / (Number(ingestEnd - t0) / 1e9) : Number.NaN;
  const postRate = allPosted ? N / (Number(allPosted - t0) / 1e9) : Number.NaN;
  await Promise.all(links.splice(0).map((l) => l.close()));
  await central.stop();

  const floor = await floorCentral(dir, charges);
  const raw2 = await rawAedes(dir, payloads);
  const raw = Math.max(raw1.rate, raw2.rate);
  report({
    figure: `central ingest, ${CLIENTS} MQTT clients, ${N} charges stored+answered/s (central in its own process)`,
    measured: `${fmt(ingest, '/s')}`,
    baseline: `raw aedes QoS 1 ${fmt(raw, '/s')} (broker in its own process)`,
    ratio: ingest / raw,
    goal: '≥ 5,000/s and ≥ 30 % of raw aedes',
    met: ingest >= 5000 && ingest / raw >= 0.3,
    detail: [
      `answered ${firstAnswers}/${N}, posted ${posted}/${N}`,
      `central: ${used.line} (bench = the ${CLIENTS} device clients)`,
      `raw aedes: ${raw1.cpu}; again: ${raw2.cpu}`,
      `floor (broker + JSON + one durable transaction per turn + the answer, no checks; central's flags): ` +
        `${fmt(floor.rate, '/s')}, ${fmt(floor.cpuMs / N, ' ms')} CPU a charge; central ${fmt((ingest / floor.rate) * 100, ' %')} of it, ` +
        `${fmt((used.cpu.central ?? Number.NaN) / N, ' ms')} CPU a charge (${floor.line})`,
    ],
  });
  report({
    figure: `charges posted to the folio per second during that ingest`,
    measured: `${fmt(postRate, '/s')}`,
    baseline: `ingest ${fmt(ingest, '/s')}`,
    ratio: postRate / ingest,
    goal: 'keeps up with ingest (≥ 0.9× ingest)',
    met: postRate / ingest >= 0.9,
  });
} finally {
  await scope.run();
}
