// Issue #8's transport security end to end on loopback: central's embedded broker listens with TLS
// under its property CA; a device enrolls once (the bundle carries the CA), connects over mqtts://
// verifying the broker's certificate and name, publishes, and is cut off within 5 s of revocation.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedDemoHotel, startCentral } from '@roompost/central';
import { loadEdgeConfig, startEdge } from '@roompost/edge';
import { type DeviceStatusMessage, topicFor } from '@roompost/sync';
import mqtt from 'mqtt';
import { enroll } from '../../../edge/src/enroll/enroll.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { api, centralAs, centralConfig, eventually, freePort, PROPERTY, TODAY } from '../../support/stack.js';

const status = (): DeviceStatusMessage => ({
  v: 1,
  outletCode: 'POOL',
  version: '0.1.0',
  startedAt: new Date().toISOString(),
  uptimeSeconds: 5,
  queueDepth: 0,
  oldestUnsentSeconds: null,
  lastAckAt: null,
  devices: { reader: 'connected', printer: 'connected', gpio: 'absent' },
  diskFreeBytes: 1_000_000,
  at: new Date().toISOString(),
});

/** Connects and resolves with the client, or rejects with the first error (no reconnects). */
function connect(url: string, options: mqtt.IClientOptions): Promise<mqtt.MqttClient> {
  const client = mqtt.connect(url, {
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 3000,
    ...options,
  });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', (err) => {
      client.end(true);
      reject(err);
    });
    client.once('close', () => reject(new Error('connection closed before CONNACK')));
  });
}

test('enrollment over TLS: token used once, device verifies the property CA, publishes, is revoked and cut off within 5 s', {
  timeout: 60_000,
}, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-tls-'));
  await mkdir(join(dir, 'central'));
  const mqttPort = await freePort();
  const base = centralConfig(mqttPort);
  const central = await startCentral(
    { ...base, mqtt: { ...base.mqtt, embedded: { host: '127.0.0.1', port: mqttPort, tls: true } } },
    { dataDir: join(dir, 'central'), logger: recordingLogger() },
  );
  t.after(async () => {
    await central.stop();
    await rm(dir, { recursive: true, force: true });
  });
  await seedDemoHotel(central.folio, TODAY);

  // The property CA was created on first start, its key owner-only; the broker speaks mqtts://.
  assert.equal(central.mqttUrl, `mqtts://127.0.0.1:${mqttPort}`);
  assert.equal(statSync(join(dir, 'central', 'tls', 'ca.key')).mode & 0o777, 0o600);
  const ca = new X509Certificate(readFileSync(join(dir, 'central', 'tls', 'ca.crt')));
  assert.ok(ca.ca, 'a CA certificate');
  assert.equal(central.caCertificate?.trim(), ca.toString().trim());

  const it = centralAs(central.httpUrl, 'ivan.it', 'it');
  const created = await it.post<{ token: string }>('/api/devices', { outlet: 'POOL', name: 'pool-kiosk-7' });
  assert.equal(created.status, 201, created.text);

  const configFile = join(dir, 'pool-7', 'edge.json');
  const config = await enroll({
    central: central.httpUrl,
    token: created.body.token,
    configFile,
    mode: 'self-service',
    locale: 'en-US',
    httpPort: 0,
  });
  assert.equal(config.central.mqttUrl, central.mqttUrl);
  const caFile = join(dir, 'pool-7', 'central-ca.pem');
  assert.equal(config.central.caFile, caFile, 'the CA is written beside the config');
  assert.equal(readFileSync(caFile, 'utf8').trim(), ca.toString().trim());
  await assert.rejects(
    enroll({
      central: central.httpUrl,
      token: created.body.token,
      configFile: join(dir, 'again', 'edge.json'),
      mode: 'self-service',
      locale: 'en-US',
      httpPort: 0,
    }),
    /used already/,
    'a token works once',
  );

  const credentials = {
    username: config.central.username,
    password: config.central.password,
    ca: readFileSync(caFile, 'utf8'),
  };
  // Without the property CA, or under a name the certificate does not carry, the broker is not trusted.
  await assert.rejects(
    connect(central.mqttUrl, { ...credentials, ca: undefined }),
    /self-signed|unable to verify|certificate/i,
  );
  await assert.rejects(
    connect(`mqtts://localhost:${mqttPort}`, credentials),
    (err: NodeJS.ErrnoException) => err.code === 'ERR_TLS_CERT_ALTNAME_INVALID',
  );
  // Plain MQTT on the TLS port gets no session.
  await assert.rejects(connect(`mqtt://127.0.0.1:${mqttPort}`, credentials));

  // The enrolled edge connects with `ca` from its config and shows up on the fleet.
  const edge = await startEdge(loadEdgeConfig(configFile), {
    dataDir: join(dir, 'pool-7'),
    logger: recordingLogger(),
    kioskDir: join(dir, 'none'),
    statusIntervalMs: 200,
  });
  t.after(() => edge.stop());
  await eventually(
    async () => ((await api(edge.httpUrl, '/api/health')).body.central === 'online' ? true : undefined),
    'the enrolled edge to connect over TLS',
  );

  const device = await connect(central.mqttUrl, {
    ...credentials,
    clientId: 'edge-HARBOUR-pool-kiosk-7:probe',
  });
  t.after(() => device.end(true));
  await device.publishAsync(topicFor('status', PROPERTY, 'pool-kiosk-7'), JSON.stringify(status()), {
    qos: 1,
  });
  await eventually(async () => {
    const fleet = await it.get<{ devices: Array<{ device: string; state: string }> }>('/api/fleet');
    return fleet.body.devices.find((d) => d.device === 'pool-kiosk-7' && d.state === 'green');
  }, 'the device to show green');

  const closed = new Promise<number>((resolve) => device.once('close', () => resolve(Date.now())));
  const revokedAt = Date.now();
  const revoked = await it.post<{ status: string }>('/api/devices/pool-kiosk-7/revoke', {});
  assert.equal(revoked.body.status, 'revoked');
  const cutOffMs = (await closed) - revokedAt;
  t.diagnostic(`revoked device cut off after ${cutOffMs} ms`);
  assert.ok(cutOffMs < 5000, `cut off within 5 s (took ${cutOffMs} ms)`);
  await eventually(
    async () => ((await api(edge.httpUrl, '/api/health')).body.central === 'offline' ? true : undefined),
    'the revoked edge to lose central',
  );
  await assert.rejects(
    connect(central.mqttUrl, credentials),
    (err: Error & { code?: number }) => err.code === 4,
    'a revoked device is refused at connect, over TLS too',
  );
});
