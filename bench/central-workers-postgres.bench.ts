// Figure: central's ingest and posting rate with 1 and with 2 central workers (processes) on one
// PostgreSQL database behind Debian's Mosquitto 2 with dynamic security (docs/scale-out.md), at 200
// simulated devices, each with its own broker account, publishing their share of N charges at once.
// The workers share the charges through `$share/roompost/…`; "stored" is every charge's first status
// (stored durably and answered), "posted" every charge's `posted` status (on the built-in folio).
// Baseline: the same clients and payloads through the same Mosquitto with no central subscribed,
// QoS 1 publish → PUBACK, measured before and after in the same run.
//
// PostgreSQL runs durable (fsync, synchronous commit: a charge answered is on disk), on its own data
// dir and free port, with pg_stat_statements. For each round the script prints where the time went:
// CPU per charge of each process (workers, PostgreSQL, Mosquitto, this script's device clients),
// what the workers' PostgreSQL connections were waiting on (pg_stat_activity sampled every 20 ms: lock
// waits show as Lock/…), and the statements that took the most time. `--profile` also records each
// worker's CPU profile (V8 sampling, from ready until stopped) and prints its summary.
//   npm run bench:workers [-- --full] [-- --profile]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CentralConfig, startCentral } from '@roompost/central';
import pg from 'pg';
import { startPostgresServer } from '../scripts/postgres-test-server.mjs';
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
  sleep,
} from './lib.js';
import { describeProfileFile } from './profile-summary.js';

const CLIENTS = 200;
const N = size(4_000, 20_000);
const PROFILE = process.argv.includes('--profile');
/** Where --profile leaves the workers' CPU profiles (kept after the run, for DevTools). */
const PROFILES = join(tmpdir(), 'roompost-workers-profiles');
const WORKER = fileURLToPath(new URL('../tests/system/support/central-worker.ts', import.meta.url));
const scope = cleanups();
const progress = (what: string) =>
  process.stderr.write(`# ${new Date().toISOString().slice(11, 19)} ${what}\n`);

/** A worker process (tests/system/support/central-worker.ts), ready when it prints its URL. */
async function startWorker(configFile: string, dataDir: string, profile?: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, configFile, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(profile ? { ROOMPOST_CPU_PROF: profile } : {}) },
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

/** Every PostgreSQL process (backends and background writers) and the CPU each has used so far. */
async function postgresCpu(admin: pg.Client): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity');
  const out = new Map<number, number>();
  for (const { pid } of rows) out.set(pid, await processCpuMs(pid));
  return out;
}

/** What the workers' connections were doing, sampled: "state / wait" → samples, until `stop()`. */
function sampleWaits(admin: pg.Client) {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await admin.query<{ state: string | null; wait: string | null }>(
        `select state, wait_event_type || '/' || wait_event as wait from pg_stat_activity
          where application_name like 'roompost-central-w%'`,
      );
      samples++;
      for (const r of rows) {
        const key = `${r.state ?? '?'}${r.wait ? ` · ${r.wait}` : ' · on CPU'}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await sleep(20);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { samples, counts: [...counts.entries()].sort((a, b) => b[1] - a[1]) };
  };
}

try {
  const started = await startPostgresServer({
    durable: true,
    settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' },
  }).catch((error: Error) => ({ unavailable: error.message }));
  if ('unavailable' in started) {
    console.log(`# SKIP central workers on PostgreSQL: ${started.unavailable}`);
    process.exit(0);
  }
  scope.t.after(() => started.stop());
  if (PROFILE) await mkdir(PROFILES, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'roompost-workers-bench-'));
  scope.t.after(() => rm(dir, { recursive: true, force: true }));
  const admin = new pg.Client({ connectionString: started.url });
  await admin.connect();
  scope.t.after(() => admin.end());
  const urlOf = (database: string) => {
    const url = new URL(started.url);
    url.pathname = `/${database}`;
    return url.toString();
  };
  // Set up once, then each round starts from a copy of it (CREATE DATABASE … TEMPLATE): the second
  // round does not find the first round's charges (and their unacknowledged statuses) in its tables.
  await admin.query(`create database roompost_setup template template0 encoding 'UTF8' locale 'C'`);

  const broker = await startMosquitto(dir);
  scope.t.after(() => broker.stop());
  const devices = benchDevices(CLIENTS);
  const configFor = (id: string, database: string): CentralConfig => ({
    ...centralConfig(0, { devices }),
    database: { kind: 'postgres', url: urlOf(database), poolSize: 6 },
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
  const first = await startCentral(configFor('setup', 'roompost_setup'), {
    dataDir: setupData,
    logger: recordingLogger(),
  });
  const hotel = await seedChargeHotel(first, TODAY);
  await first.stop();

  const payloads = (await benchCharges(devices, hotel, N, 'R')).map((list) =>
    list.map((c) => JSON.stringify(c)),
  );
  progress('raw Mosquitto');
  const raw1 = await rawMosquittoRate(broker.url, PROPERTY, devices, payloads);

  /** One round with `count` workers: charges/s stored and answered, and posted, and where the time went. */
  const round = async (count: number) => {
    progress(`${count} worker(s)`);
    const database = `roompost_round_${count}`;
    await admin.query(`create database ${database} template roompost_setup`);
    const roundDb = new pg.Client({ connectionString: urlOf(database) });
    await roundDb.connect();
    await roundDb.query('create extension pg_stat_statements');
    const workers: ChildProcess[] = [];
    const profiles: string[] = [];
    for (let w = 0; w < count; w++) {
      const id = `w${count}-${w}`;
      const file = join(dir, `central-${id}.json`);
      await writeFile(file, JSON.stringify(configFor(id, database)));
      const data = join(dir, id);
      await mkdir(data);
      const profile = PROFILE ? join(PROFILES, `${id}.cpuprofile`) : undefined;
      if (profile) profiles.push(profile);
      workers.push(await startWorker(file, data, profile));
    }
    const charges = await benchCharges(devices, hotel, N, `W${count}-`);
    progress('charging');
    await roundDb.query('select pg_stat_statements_reset()');
    const cpuOf = async () => ({
      workers: await Promise.all(workers.map((w) => processCpuMs(w.pid ?? 0))),
      postgres: await postgresCpu(admin),
      broker: await processCpuMs(broker.pid ?? 0),
      clients: process.cpuUsage(),
    });
    // Marks taken once the devices are connected, just before the first publish.
    let before = await cpuOf();
    let stopSampling = async () => ({ samples: 0, counts: [] as Array<[string, number]> });
    const run = await chargeRun({
      url: broker.url,
      property: PROPERTY,
      devices,
      charges,
      waitForPosted: true,
      beforePublish: async () => {
        before = await cpuOf();
        stopSampling = sampleWaits(admin);
      },
    });
    const waits = await stopSampling();
    const after = await cpuOf();
    const statements = await roundDb.query<{ calls: number; total: number; mean: number; query: string }>(
      `select calls, total_exec_time as total, mean_exec_time as mean, query from pg_stat_statements
        where toplevel and query not like '%pg_stat%'`,
    );
    const byTotal = [...statements.rows].sort((a, b) => b.total - a.total).slice(0, 8);
    const byCalls = [...statements.rows].sort((a, b) => b.calls - a.calls).slice(0, 8);
    const calls = statements.rows.reduce((n, s) => n + Number(s.calls), 0);
    await roundDb.end();
    for (const w of workers) await stopWorker(w);
    let postgresMs = 0;
    // A connection that closed during the round took its CPU time with it (not counted).
    for (const [pid, ms] of after.postgres) {
      const spent = ms - (before.postgres.get(pid) ?? 0);
      if (Number.isFinite(spent)) postgresMs += spent;
    }
    const perCharge = (ms: number) => `${((ms / N) * 1000).toFixed(0)} µs`;
    const clientsMs =
      (after.clients.user + after.clients.system - before.clients.user - before.clients.system) / 1000;
    const detail = [
      `${count} worker(s): ${run.seconds.toFixed(1)} s; CPU per charge: ${after.workers
        .map((ms, i) => `worker ${i + 1} ${perCharge(ms - (before.workers[i] ?? 0))}`)
        .join(', ')}, PostgreSQL ${perCharge(postgresMs)}, Mosquitto ${perCharge(
        after.broker - before.broker,
      )}, the 200 device clients (this script) ${perCharge(clientsMs)} (2 cores: ${perCharge(
        run.seconds * 2000,
      )} of CPU per charge available at this rate)`,
      `workers' PostgreSQL connections, ${waits.samples} samples (state · wait event):`,
      ...waits.counts
        .slice(0, 8)
        .map(
          ([k, n]) =>
            `  ${((100 * n) / Math.max(1, waits.samples)).toFixed(0).padStart(5)} % of samples  ${k}`,
        ),
      `statements sent: ${calls} (${(calls / N).toFixed(2)} per charge; foreign-key checks not counted); by time in PostgreSQL, then by calls:`,
      ...[...byTotal, ...byCalls].map(
        (s) =>
          `  ${Number(s.total).toFixed(0).padStart(7)} ms  ${String(s.calls).padStart(6)} calls  ${Number(s.mean).toFixed(3)} ms  ${s.query.replace(/\s+/g, ' ').slice(0, 110)}`,
      ),
    ];
    for (const file of profiles) detail.push(...(await describeProfileFile(file, 10)));
    return { ...run, detail };
  };
  const one = await round(1);
  const two = await round(2);
  const raw2 = await rawMosquittoRate(broker.url, PROPERTY, devices, payloads);
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
      detail: [
        `answered ${r.answered}/${N}, posted ${r.postedCount}/${N} at ${fmt(r.posted, '/s')}`,
        ...r.detail,
      ],
    });
  }
  report({
    figure: '2 workers against 1 on PostgreSQL behind Mosquitto, charges stored+answered/s',
    measured: fmt(two.stored, '/s'),
    baseline: `1 worker ${fmt(one.stored, '/s')}`,
    ratio: two.stored / one.stored,
    goal: 'at least 1 worker',
    met: two.stored >= one.stored,
  });
  report({
    figure: '2 workers against 1 on PostgreSQL behind Mosquitto, charges posted/s',
    measured: fmt(two.posted, '/s'),
    baseline: `1 worker ${fmt(one.posted, '/s')}`,
    ratio: two.posted / one.posted,
    goal: 'at least 1 worker',
    met: two.posted >= one.posted,
  });
} finally {
  await scope.run();
}
