// Figure: central's ingest and posting rate with 1 and with 2 central workers (processes) on one
// PostgreSQL database behind Debian's Mosquitto 2 with dynamic security (docs/scale-out.md), at 200
// simulated devices, each with its own broker account, publishing their share of N charges at once.
// The workers share the charges through `$share/roompost/…`; "stored" is every charge's first status
// (stored durably and answered), "posted" every charge's `posted` status (on the built-in folio).
// Baseline: the same clients and payloads through the same Mosquitto with no central subscribed,
// QoS 1 publish → PUBACK, measured before and after in the same run.
//   npx tsx bench/central-workers-postgres.bench.ts [--full]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CentralConfig, seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import { type ChargeMessage, connectDevice, type MqttClient, topicFor } from '@roompost/sync';
import { chargeMessageFor, type RawDevice, rawDevice } from '../tests/support/raw-charges.js';
import { recordingLogger } from '../tests/support/recording-logger.js';
import { centralConfig, PROPERTY, TODAY } from '../tests/support/stack.js';
import { freshPostgresDatabase, postgresServer } from '../tests/support/test-database.js';
import { DYNSEC_ADMIN, startMosquitto } from '../tests/system/support/mosquitto.js';
import { cleanups, extraInHouseRooms, fmt, report, size, sleep, unlimitedCredit } from './lib.js';

const CLIENTS = 200;
const N = size(4_000, 20_000);
const WORKER = fileURLToPath(new URL('../tests/system/support/central-worker.ts', import.meta.url));
const scope = cleanups();
const progress = (what: string) =>
  process.stderr.write(`# ${new Date().toISOString().slice(11, 19)} ${what}\n`);

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

/** A worker process (tests/system/support/central-worker.ts), ready when it prints its URL. */
async function startWorker(configFile: string, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, configFile, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${err}`)), 120_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (/ready \S+\n/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}: ${err}`));
    });
  });
  return child;
}

const stopWorker = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

try {
  const server = await postgresServer();
  if ('unavailable' in server) {
    console.log(`# SKIP central workers on PostgreSQL: ${server.unavailable}`);
    process.exit(0);
  }
  const dir = await mkdtemp(join(tmpdir(), 'roompost-workers-bench-'));
  scope.t.after(() => rm(dir, { recursive: true, force: true }));
  const url = await freshPostgresDatabase(scope.t);
  const broker = await startMosquitto(dir);
  scope.t.after(() => broker.stop());
  const devices: Device[] = Array.from({ length: CLIENTS }, (_, i) => ({
    id: `bench-${i}`,
    outletCode: 'POOL',
    secret: `bench-secret-${i}-0123456789`,
  }));
  const configFor = (id: string): CentralConfig => ({
    ...centralConfig(0, { devices }),
    database: { kind: 'postgres', url, poolSize: 6 },
    worker: { id },
    mqtt: {
      url: broker.url,
      username: 'central',
      password: 'central-secret',
      clientId: `central-bench-${id}`,
    },
    broker: { kind: 'mosquitto', admin: { ...DYNSEC_ADMIN } },
  });
  // Set-up in this process: migrations, every device's broker account, the hotel and 200 more stays.
  const setupData = join(dir, 'setup');
  await mkdir(setupData);
  progress('set-up: migrations and broker accounts');
  const first = await startCentral(configFor('setup'), { dataDir: setupData, logger: recordingLogger() });
  await seedDemoHotel(first.folio, TODAY);
  await seedDemoCatalogs(first.catalog);
  await unlimitedCredit(first);
  const stays = await extraInHouseRooms(first.folio, 200, TODAY);
  await first.stop();

  const chargesOf = (round: string) => {
    const charges: ChargeMessage[][] = devices.map(() => []);
    for (let i = 0; i < N; i++) {
      const stay = stays[i % stays.length] as { room: string; stayRef: string };
      charges[i % CLIENTS]?.push(
        chargeMessageFor({ roomNumber: stay.room, stayRef: stay.stayRef }, `${round}${i}`),
      );
    }
    return charges;
  };
  const payloads = chargesOf('R').map((list) => list.map((c) => JSON.stringify(c)));
  progress('raw Mosquitto');
  const raw1 = await rawMosquitto(broker.url, devices, payloads);

  /** One round with `count` workers: charges/s stored and answered, and posted. */
  const round = async (count: number) => {
    progress(`${count} worker(s)`);
    const workers: ChildProcess[] = [];
    for (let w = 0; w < count; w++) {
      const id = `w${count}-${w}`;
      const file = join(dir, `central-${id}.json`);
      await writeFile(file, JSON.stringify(configFor(id)));
      const data = join(dir, id);
      await mkdir(data);
      workers.push(await startWorker(file, data));
    }
    const charges = chargesOf(`W${count}-`);
    const answered = new Set<string>();
    const posted = new Set<string>();
    let allAnswered = 0n;
    let allPosted = 0n;
    const links: RawDevice[] = [];
    for (const d of devices) {
      links.push(
        await rawDevice({
          url: broker.url,
          property: PROPERTY,
          device: d.id,
          secret: d.secret,
          onStatus: (s) => {
            if (!answered.has(s.chargeId)) {
              answered.add(s.chargeId);
              if (answered.size === N) allAnswered = process.hrtime.bigint();
            }
            if (s.status === 'posted' && !posted.has(s.chargeId)) {
              posted.add(s.chargeId);
              if (posted.size === N) allPosted = process.hrtime.bigint();
            }
          },
        }),
      );
    }
    progress('charging');
    const t0 = process.hrtime.bigint();
    await Promise.all(links.map((l, i) => Promise.all((charges[i] ?? []).map((c) => l.publish(c)))));
    const deadline = Date.now() + 300_000;
    while (posted.size < N && Date.now() < deadline) await sleep(20);
    const rate = (at: bigint) => (at ? N / (Number(at - t0) / 1e9) : Number.NaN);
    await Promise.all(links.map((l) => l.close()));
    for (const w of workers) await stopWorker(w);
    return { stored: rate(allAnswered), posted: rate(allPosted), answered: answered.size, done: posted.size };
  };
  const one = await round(1);
  const two = await round(2);
  const raw2 = await rawMosquitto(broker.url, devices, payloads);
  const raw = Math.max(raw1, raw2);
  const baseline = `raw Mosquitto QoS 1 ${fmt(raw, '/s')}`;
  for (const [workers, r] of [
    [1, one],
    [2, two],
  ] as const) {
    report({
      figure: `central on PostgreSQL behind Mosquitto, ${workers} worker${workers > 1 ? 's' : ''}, ${CLIENTS} devices, ${N} charges stored+answered/s`,
      measured: fmt(r.stored, '/s'),
      baseline,
      ratio: r.stored / raw,
      goal: workers === 2 ? '≥ 5,000/s with 2 workers' : 'the 1-worker reference for 2 workers',
      met: workers === 2 ? r.stored >= 5_000 : true,
      detail: [`answered ${r.answered}/${N}, posted ${r.done}/${N} at ${fmt(r.posted, '/s')}`],
    });
  }
  report({
    figure: `2 workers against 1 on PostgreSQL behind Mosquitto, charges posted/s`,
    measured: fmt(two.posted, '/s'),
    baseline: `1 worker ${fmt(one.posted, '/s')}`,
    ratio: two.posted / one.posted,
    goal: 'more than 1 worker',
    met: two.posted > one.posted,
  });
} finally {
  await scope.run();
}
