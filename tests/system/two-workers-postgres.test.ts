// Scale-out: two central workers (processes) on one PostgreSQL database behind Mosquitto; ten devices charge
// at once; the worker running the scheduled jobs is killed with SIGKILL mid-stream. Every charge is stored
// once, posted to the folio once, and the survivor takes over the jobs.
// The workers share the charges through `$share/roompost` (each charge reaches one of them); the unique
// key stores a re-published charge once and the row-lock claim posts it once. The devices re-publish
// what has no final answer, as an edge's relay does.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CentralConfig } from '@roompost/central';
import type { ChargeStatusMessage } from '@roompost/sync';
import pg from 'pg';
import { chargeMessageFor, type RawDevice, rawDevice } from '../support/raw-charges.js';
import { api, centralConfig, eventually, freePort, PROPERTY } from '../support/stack.js';
import { freshPostgresDatabase, postgresServer } from '../support/test-database.js';

const MOSQUITTO = '/usr/sbin/mosquitto';
const WORKER = fileURLToPath(new URL('./support/central-worker.ts', import.meta.url));
const DEVICES = 10;
const ROUNDS = 20;
const KILL_AFTER_ROUND = 7;

const server = await postgresServer();
const skip =
  'unavailable' in server
    ? `PostgreSQL unavailable: ${server.unavailable}`
    : existsSync(MOSQUITTO)
      ? false
      : `${MOSQUITTO} missing: run scripts/install-system-deps.sh`;
if (skip) console.log(`# SKIP two central workers: ${skip}`);

test('two workers on PostgreSQL: a worker killed mid-stream loses and doubles nothing, the survivor runs the jobs', {
  skip,
  timeout: 240_000,
}, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-workers-'));
  const drops: Array<() => unknown> = [];
  const url = await freshPostgresDatabase({ after: (fn) => void drops.push(fn) });
  const mqttPort = await freePort();
  const broker = await startMosquitto(dir, mqttPort);
  const workers: ChildProcess[] = [];
  const devices: RawDevice[] = [];
  t.after(async () => {
    for (const d of devices) await d.close().catch(() => {});
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => (w.exitCode === null && w.signalCode === null ? once(w) : null)));
    broker.kill('SIGTERM');
    for (const drop of drops) await drop();
    await rm(dir, { recursive: true, force: true });
  });

  const deviceIds = Array.from({ length: DEVICES }, (_, i) => `pool-kiosk-${i + 1}`);
  const configFor = async (id: string): Promise<string> => {
    const base = centralConfig(mqttPort);
    const config: CentralConfig = {
      ...base,
      database: { kind: 'postgres', url, poolSize: 6 },
      worker: { id, claimSeconds: 3 },
      mqtt: { url: `mqtt://127.0.0.1:${mqttPort}`, username: 'central', password: 'central-secret' },
      devices: deviceIds.map((d) => ({ id: d, outletCode: 'POOL', secret: `${d}-secret-0123456789` })),
      nightAudit: { pollSeconds: 1 },
      reconciliation: {
        autoReconcile: true,
        reconcileTime: '03:00',
        alertOnVariance: false,
        pollSeconds: 1,
      },
    };
    const file = join(dir, `central-${id}.json`);
    await writeFile(file, JSON.stringify(config));
    return file;
  };
  const start = async (id: string, seed: boolean) => {
    const { child, httpUrl } = await startWorker(await configFor(id), dir, seed);
    workers.push(child);
    return { id, child, httpUrl };
  };
  // One after the other: the first migrates the database and seeds the demo hotel.
  const a = await start('a', true);
  const b = await start('b', false);
  const health = async (w: { httpUrl: string }) =>
    (
      await api<{ worker: string; jobs: { leader: boolean; lastPassAt: string | null } }>(
        w.httpUrl,
        '/api/health',
      )
    ).body;
  const leader = await eventually(async () => {
    const [ha, hb] = [await health(a), await health(b)];
    if (ha.jobs.leader === hb.jobs.leader) return undefined; // exactly one holds the jobs' lock
    return ha.jobs.leader ? a : b;
  }, 'one worker to hold the jobs lock');
  const survivor = leader === a ? b : a;

  // In-house guests the demo hotel lets charge (no No-Post, credit enough for the whole run).
  const admin = new pg.Client({ connectionString: url });
  admin.on('error', () => {});
  await admin.connect();
  t.after(() => admin.end().catch(() => {}));
  const stays = (
    await admin.query<{ stay: string; room: string }>(`
      select s.id as stay, r.number as room from stays s join rooms r on r.id = s.room_id
      where s.status = 'in_house' and s.no_post = 0 and (s.credit_limit_minor is null or s.credit_limit_minor >= 50000)
      order by r.number`)
  ).rows;
  assert.ok(stays.length >= 3, 'the demo hotel has guests to charge');

  const statuses = new Map<string, ChargeStatusMessage[]>();
  for (const device of deviceIds) {
    devices.push(
      await rawDevice({
        url: `mqtt://127.0.0.1:${mqttPort}`,
        property: PROPERTY,
        device,
        secret: `${device}-secret-0123456789`,
        onStatus: (s) => statuses.set(s.chargeId, [...(statuses.get(s.chargeId) ?? []), s]),
      }),
    );
  }

  const sent: string[] = [];
  const totals = new Map<string, number>();
  const publishedBy = new Map<string, () => Promise<void>>();
  let killedAt = '';
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all(
      devices.map(async (device, i) => {
        const stay = stays[(round * DEVICES + i) % stays.length]!;
        const charge = chargeMessageFor({ roomNumber: stay.room, stayRef: stay.stay }, `R${round}-${i}`);
        totals.set(charge.chargeId, charge.totalMinor);
        sent.push(charge.chargeId);
        publishedBy.set(charge.chargeId, () => device.publish(charge));
        await device.publish(charge);
      }),
    );
    if (round === KILL_AFTER_ROUND) {
      killedAt = new Date().toISOString();
      leader.child.kill('SIGKILL');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await once(leader.child);
  assert.equal(leader.child.signalCode, 'SIGKILL');

  const total = DEVICES * ROUNDS;
  // As an edge's relay does: a charge with no final answer is published again. The killed worker's
  // share of the shared subscription in flight at the kill is gone with its clean session.
  let resentAt = Date.now();
  await eventually(
    async () => {
      if (Date.now() - resentAt > 2000) {
        resentAt = Date.now();
        const open = sent.filter(
          (id) => !statuses.get(id)?.some((s) => s.status === 'posted' || s.status === 'rejected'),
        );
        await Promise.all(open.map((id) => publishedBy.get(id)!().catch(() => {})));
      }
      const { rows } = await admin.query<{ n: string }>(
        `select count(*) as n from room_charges where posting_status = 'posted'`,
      );
      return Number(rows[0]?.n) === total ? true : undefined;
    },
    `all ${total} charges to be posted`,
    120_000,
  );

  // Stored once each, all posted, each on the folio exactly once (one receipt, one posting line).
  const stored = await admin.query<{ id: string; posting_status: string }>(
    'select id, posting_status from room_charges',
  );
  assert.deepEqual(stored.rows.map((r) => r.id).sort(), [...sent].sort());
  assert.ok(stored.rows.every((r) => r.posting_status === 'posted'));
  // (The demo hotel's own seeded charges are left out.)
  const receipts = await admin.query<{ charge_id: string }>(
    'select charge_id from charge_receipts where charge_id = any($1)',
    [sent],
  );
  assert.deepEqual(receipts.rows.map((r) => r.charge_id).sort(), [...sent].sort());
  // Each charge's folio lines (item and tax) add up to its total once: not missing, not doubled.
  const lines = await admin.query<{ charge_ref: string; total: string }>(
    'select charge_ref, sum(amount_minor) as total from postings where charge_ref = any($1) group by charge_ref',
    [sent],
  );
  assert.equal(lines.rows.length, total);
  for (const row of lines.rows) assert.equal(Number(row.total), totals.get(row.charge_ref), row.charge_ref);
  // Nothing still held by the dead worker.
  const held = await admin.query('select id from room_charges where claimed_by is not null');
  assert.equal(held.rowCount, 0);
  // Every device heard that its charges were posted (from whichever worker posted them).
  await eventually(
    async () => (sent.every((id) => statuses.get(id)?.some((s) => s.status === 'posted')) ? true : undefined),
    'a posted status for every charge',
    30_000,
  );

  // The survivor took the jobs' lock and runs the scheduled jobs now.
  const after = await eventually(
    async () => {
      const h = await health(survivor);
      return h.jobs.leader && h.jobs.lastPassAt !== null && h.jobs.lastPassAt > killedAt ? h : undefined;
    },
    'the survivor to run the scheduled jobs',
    30_000,
  );
  assert.equal(after.worker, survivor.id);
});

function once(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

async function startWorker(
  configFile: string,
  dataDir: string,
  seed: boolean,
): Promise<{ child: ChildProcess; httpUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, configFile, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(seed ? { ROOMPOST_SEED: '1' } : {}) },
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  const httpUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${err}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\S+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}: ${err}`));
    });
  });
  return { child, httpUrl };
}

async function startMosquitto(dir: string, port: number): Promise<ChildProcess> {
  const conf = join(dir, 'mosquitto.conf');
  await writeFile(
    conf,
    [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', ''].join(
      '\n',
    ),
  );
  const child = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  await eventually(
    async () => (log.includes('running') ? true : undefined),
    `mosquitto to start (${log})`,
    5000,
  );
  return child;
}
