import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { type DeviceStatusMessage, topicFor } from '@roompost/sync';
import mqtt from 'mqtt';
import { centralAs, eventually, PROPERTY, startTestStack } from '../../support/stack.js';

async function send(url: string, path: string, body: unknown, user?: string) {
  const res = await centralAs(url, user ?? null, 'it').post(path, body);
  return { status: res.status, body: res.body as Record<string, unknown> };
}

/** The fleet as IT sees it. */
const fleetOf = (url: string, path: string) =>
  centralAs(url, 'ivan.it', 'it').get<{ devices: Array<{ device: string; state: string }> }>(path);

const publicKey = () =>
  generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

function status(outletCode: string, overrides: Partial<DeviceStatusMessage> = {}): DeviceStatusMessage {
  return {
    v: 1,
    outletCode,
    version: '0.1.0',
    startedAt: new Date().toISOString(),
    uptimeSeconds: 5,
    queueDepth: 0,
    oldestUnsentSeconds: null,
    lastAckAt: null,
    devices: { reader: 'connected', printer: 'connected', gpio: 'absent' },
    diskFreeBytes: 1_000_000,
    at: new Date().toISOString(),
    ...overrides,
  };
}

test('a device enrolls once with its token, works, and is cut off within 5 s of being revoked', async (t) => {
  const stack = await startTestStack(t);
  const central = stack.central.httpUrl;

  const anonymous = await send(central, '/api/devices', { outlet: 'POOL', name: 'pool-kiosk-2' });
  assert.deepEqual(
    [anonymous.status, anonymous.body.code],
    [401, 'UNAUTHENTICATED'],
    'registering a device is attributed to a signed-in user',
  );
  const unknownOutlet = await send(central, '/api/devices', { outlet: 'SPA', name: 'spa-1' }, 'ivan.it');
  assert.deepEqual([unknownOutlet.status, unknownOutlet.body.field], [400, 'outlet']);

  const created = await send(central, '/api/devices', { outlet: 'POOL', name: 'pool-kiosk-2' }, 'ivan.it');
  assert.equal(created.status, 201);
  const token = created.body.token as string;

  const enrolled = await send(central, '/api/enroll', { token, publicKey: publicKey() });
  assert.equal(enrolled.status, 200, JSON.stringify(enrolled.body));
  const bundle = enrolled.body as {
    device: string;
    mqtt: { url: string; username: string; password: string };
    outlet: { code: string };
  };
  assert.equal(bundle.device, 'pool-kiosk-2');
  assert.equal(bundle.outlet.code, 'POOL');

  const again = await send(central, '/api/enroll', { token, publicKey: publicKey() });
  assert.deepEqual([again.status, again.body.code], [401, 'ENROLLMENT_REFUSED'], 'a token works once');
  const wrong = await send(central, '/api/enroll', {
    token: 'not-a-real-token-at-all',
    publicKey: publicKey(),
  });
  assert.deepEqual([wrong.status, wrong.body.code], [401, 'ENROLLMENT_REFUSED']);

  const client = mqtt.connect(bundle.mqtt.url, {
    protocolVersion: 4,
    clientId: 'edge-HARBOUR-pool-kiosk-2',
    username: bundle.mqtt.username,
    password: bundle.mqtt.password,
    reconnectPeriod: 0,
  });
  t.after(() => client.end(true));
  await new Promise((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  await client.publishAsync(topicFor('status', PROPERTY, 'pool-kiosk-2'), JSON.stringify(status('POOL')), {
    qos: 1,
    retain: true,
  });
  const green = await eventually(async () => {
    const fleet = await fleetOf(central, '/api/fleet?outlet=POOL');
    return fleet.body.devices.find((d) => d.device === 'pool-kiosk-2' && d.state === 'green');
  }, 'the new device to show green on the fleet');
  assert.ok(green);

  const closed = new Promise<number>((resolve) => client.once('close', () => resolve(Date.now())));
  const revokedAt = Date.now();
  const revoked = await send(central, '/api/devices/pool-kiosk-2/revoke', {}, 'ivan.it');
  assert.equal(revoked.body.status, 'revoked');
  assert.ok((await closed) - revokedAt < 5000, 'cut off within 5 s');

  const retry = mqtt.connect(bundle.mqtt.url, {
    protocolVersion: 4,
    username: bundle.mqtt.username,
    password: bundle.mqtt.password,
    reconnectPeriod: 0,
  });
  const refused = await new Promise<Error & { code?: number }>((resolve) => retry.once('error', resolve));
  assert.equal(refused.code, 4, 'a revoked device is refused at connect');
  retry.end(true);
  const fleet = await fleetOf(central, '/api/fleet');
  assert.equal(fleet.body.devices.find((d) => d.device === 'pool-kiosk-2')?.state, 'revoked');
});

test('a rotated token replaces the old one', async (t) => {
  const stack = await startTestStack(t);
  const central = stack.central.httpUrl;
  const created = await send(
    central,
    '/api/devices',
    { outlet: 'POOL', name: 'pool-kiosk-3', ttlMinutes: 1 },
    'ivan.it',
  );
  const rotated = await send(central, '/api/devices/pool-kiosk-3/rotate-credentials', {}, 'ivan.it');
  assert.equal(rotated.status, 200);
  const old = await send(central, '/api/enroll', { token: created.body.token, publicKey: publicKey() });
  assert.deepEqual(
    [old.status, old.body.code],
    [401, 'ENROLLMENT_REFUSED'],
    'the replaced token no longer works',
  );
  const fresh = await send(central, '/api/enroll', { token: rotated.body.token, publicKey: publicKey() });
  assert.equal(fresh.status, 200);
});

test('a device that stops reporting turns amber after 1 minute and red after 2', async () => {
  const { fleetHealth } = await import('../../../central/src/fleet/fleet-health.js');
  const t0 = new Date('2026-11-22T10:00:00Z');
  const seen = { status: status('POOL'), lastSeenAt: t0, online: true };
  const at = (s: number) => new Date(t0.getTime() + s * 1000);
  assert.equal(fleetHealth(seen, at(30)).state, 'green');
  assert.equal(fleetHealth(seen, at(61)).state, 'amber');
  assert.equal(fleetHealth(seen, at(121)).state, 'red');
  assert.equal(fleetHealth({ ...seen, online: false }, at(1)).state, 'red', 'the Last Will says offline');
  assert.deepEqual(
    fleetHealth({ ...seen, status: status('POOL', { oldestUnsentSeconds: 301 }) }, at(1)).reasons,
    ['charge unacknowledged for 301 s'],
  );
  assert.equal(
    fleetHealth(
      {
        ...seen,
        status: status('POOL', { devices: { reader: 'connected', printer: 'error', gpio: 'absent' } }),
      },
      at(1),
    ).state,
    'amber',
  );
});

test('a token past its expiry is refused and writes nothing', async (t) => {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { openSqlite } = await import('@roompost/folio');
  const { migrateCentral } = await import('../../../central/src/db/migrations.js');
  const { DeviceService } = await import('../../../central/src/devices/device-service.js');
  const dir = await mkdtemp(join(tmpdir(), 'roompost-devices-'));
  const store = openSqlite<import('../../../central/src/db/central-database.js').CentralDatabase>(
    join(dir, 'c.sqlite'),
  );
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateCentral(store.db);
  let now = new Date('2026-11-22T10:00:00Z');
  const devices = new DeviceService({
    db: store.db,
    clock: { now: () => now },
    property: PROPERTY,
    outletCodes: new Set(['POOL']),
    onRevoked: () => {},
  });
  const issued = await devices.create({
    id: 'pool-kiosk-9',
    outletCode: 'POOL',
    actor: 'ivan.it',
    ttlMinutes: 10,
  });
  now = new Date('2026-11-22T10:10:00Z');
  await assert.rejects(
    devices.enroll(issued.token, publicKey()),
    (e: { code?: string; message?: string }) => {
      assert.equal(e.code, 'ENROLLMENT_REFUSED');
      assert.match(e.message ?? '', /expired/);
      return true;
    },
  );
  assert.equal((await devices.list())[0]?.status, 'pending');
});
