// The edge–central contract on Mosquitto (Debian's broker) instead of the embedded aedes: the
// same charge road, proving the MQTT code depends on nothing aedes-specific. Scale-out runs this way.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedDemoCatalogs, seedDemoHotel, startCentral } from '@roompost/central';
import { startEdge } from '@roompost/edge';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { recordingLogger } from '../support/recording-logger.js';
import { api, centralConfig, edgeConfig, eventually, freePort, TODAY } from '../support/stack.js';

const MOSQUITTO = '/usr/sbin/mosquitto';

async function startMosquitto(dir: string, port: number): Promise<ChildProcess> {
  if (!existsSync(MOSQUITTO)) {
    throw new Error(`${MOSQUITTO} is missing: run scripts/install-system-deps.sh first`);
  }
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
    `mosquitto to start (log: ${log})`,
    5000,
  );
  return child;
}

test('a room charge travels edge → Mosquitto → central → folio exactly once', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-mosquitto-'));
  const port = await freePort();
  const broker = await startMosquitto(dir, port);
  t.after(async () => {
    broker.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  });

  const base = centralConfig(port);
  const central = await startCentral(
    { ...base, mqtt: { url: `mqtt://127.0.0.1:${port}`, username: 'central', password: 'central-secret' } },
    { dataDir: dir, logger: recordingLogger() },
  );
  t.after(() => central.stop());
  await seedDemoHotel(central.folio, TODAY);
  await seedDemoCatalogs(central.catalog);
  const edge = await startEdge(edgeConfig(port), {
    dataDir: dir,
    logger: recordingLogger(),

    kioskDir: join(dir, 'none'),
    relay: { retryMs: 200, pollMs: 500, tickMs: 100 },
  });
  t.after(() => edge.stop());
  await eventually(
    async () => ((await api(edge.httpUrl, '/api/health')).body.central === 'online' ? true : undefined),
    'the edge to reach Mosquitto',
  );

  const lookup = await api<KioskLookup>(edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' });
  assert.equal(lookup.status, 200);
  const created = await api<ChargeView>(edge.httpUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'SPRITZ', quantity: 1 }],
    tipMinor: 200,
  });
  assert.equal(created.status, 201);
  await eventually(async () => {
    const c = await api<ChargeView>(edge.httpUrl, `/api/charges/${created.body.id}`);
    return c.body.status === 'posted' ? true : undefined;
  }, 'the charge to post through Mosquitto');
  const lines = await central.folio.listPostings({ chargeRef: created.body.id });
  assert.deepEqual(
    lines.map((l) => l.amountMinor),
    [1500, 133, 200],
  );
});
