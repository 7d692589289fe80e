// Central workers as separate processes behind Mosquitto (docs/scale-out.md): when one is killed
// with SIGKILL (no MQTT DISCONNECT, no clean-up), its share of the shared subscriptions moves to the
// survivor at once. Both read one SQLite file here for the room lookups; the posting side of several
// workers needs PostgreSQL.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type CentralConfig, seedDemoHotel, startCentral } from '@roompost/central';
import { topicFor } from '@roompost/sync';
import mqtt from 'mqtt';
import { recordingLogger } from '../support/recording-logger.js';
import {
  api,
  centralConfig,
  DEVICE,
  DEVICE_SECRET,
  eventually,
  freePort,
  PROPERTY,
  TODAY,
} from '../support/stack.js';
import { DYNSEC_ADMIN, startMosquitto } from './support/mosquitto.js';

interface Worker {
  process: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

/** `roompost-central` as systemd runs it (main.ts), with its own config file, client id and HTTP port. */
async function startWorker(dir: string, data: string, base: CentralConfig, name: string): Promise<Worker> {
  const port = await freePort();
  const config: CentralConfig = {
    ...base,
    http: { host: '127.0.0.1', port },
    mqtt: { ...base.mqtt, clientId: `central-${PROPERTY}-${name}` },
  };
  const file = join(dir, `central-${name}.json`);
  await writeFile(file, JSON.stringify(config), { mode: 0o600 });
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'central/src/main.ts', '--config', file, '--data', data, '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`worker ${name} exited: ${output}`);
      const health = await api(`http://127.0.0.1:${port}`, '/api/health').catch(() => undefined);
      return health?.body.mqtt === 'connected' ? true : undefined;
    },
    `worker ${name} to start`,
    120_000, // tsx compiles central in each process: slow on a loaded machine
  );
  return { process: child, exited, output: () => output };
}

test('kill -9 one of two central workers: the survivor answers every request at once, each once', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-workers-'));
  const broker = await startMosquitto(dir);
  const workers: Worker[] = [];
  t.after(async () => {
    for (const w of workers) {
      if (w.process.exitCode === null) w.process.kill('SIGTERM');
      await w.exited;
    }
    await broker.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const base: CentralConfig = {
    ...centralConfig(0),
    mqtt: { url: broker.url, username: 'central', password: 'central-secret' },
    broker: { kind: 'mosquitto', admin: { ...DYNSEC_ADMIN } },
  };
  const data = join(dir, 'central');
  await mkdir(data);
  const seeding = await startCentral(base, { dataDir: data, logger: recordingLogger() });
  await seedDemoHotel(seeding.folio, TODAY);
  await seeding.stop();

  workers.push(await startWorker(dir, data, base, 'a'));
  workers.push(await startWorker(dir, data, base, 'b'));
  const [a] = workers as [Worker, Worker];

  const device = mqtt.connect(broker.url, {
    protocolVersion: 4,
    clientId: `edge-${PROPERTY}-${DEVICE}`,
    username: DEVICE,
    password: DEVICE_SECRET,
    reconnectPeriod: 0,
  });
  t.after(() => device.end(true));
  await new Promise<void>((resolve, reject) => {
    device.once('connect', () => resolve());
    device.once('error', reject);
  });
  const answers: string[] = [];
  const failed: string[] = [];
  device.on('message', (_topic, payload) => {
    const answer = JSON.parse(payload.toString()) as { id: string; ok: boolean };
    answers.push(answer.id);
    if (!answer.ok) failed.push(payload.toString());
  });
  await device.subscribeAsync(topicFor('rpcResponse', PROPERTY, DEVICE), { qos: 1 });
  const ask = async (count: number) => {
    const ids = Array.from({ length: count }, () => randomUUID());
    const started = Date.now();
    for (const id of ids) {
      // A self-service device sends the guest's last name (central answers the guest view on a match).
      const request = { v: 1, id, method: 'lookupRoom', params: { roomNumber: '412', lastName: 'Wilson' } };
      await device.publishAsync(topicFor('rpcRequest', PROPERTY, DEVICE), JSON.stringify(request), {
        qos: 1,
      });
    }
    await eventually(
      async () => (ids.every((id) => answers.includes(id)) ? true : undefined),
      `answers to ${count} lookups (worker logs: ${workers.map((w) => w.output()).join('\n')})`,
      20_000,
    );
    return Date.now() - started;
  };

  await ask(20);
  a.process.kill('SIGKILL');
  await a.exited;
  // Had the dead worker's share stayed queued on its session, half of these would never be answered.
  const afterKillMs = await ask(20);
  t.diagnostic(`after the kill, the survivor answered 20 lookups in ${afterKillMs} ms`);
  await ask(1); // a duplicate answer would have arrived by now
  assert.equal(answers.length, 41, 'every request answered once');
  assert.equal(new Set(answers).size, 41);
  assert.deepEqual(failed, [], 'every lookup found room 412');
});
