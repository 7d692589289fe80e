// The embedded broker binds each account to its own client id and closes a connection that sends an
// oversize packet, over real sockets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { centralClientId, deviceClientId, startEmbeddedBroker, topicFor } from '@roompost/sync';
import mqtt from 'mqtt';
import { recordingLogger } from '../../support/recording-logger.js';
import {
  api,
  DEVICE,
  DEVICE_SECRET,
  eventually,
  freePort,
  PROPERTY,
  startTestCentral,
} from '../../support/stack.js';

const OTHER = 'bar-kiosk-2';
const OTHER_SECRET = 'bar-secret-0123456789';

async function twoDeviceCentral(t: Parameters<typeof startTestCentral>[0]) {
  const logger = recordingLogger();
  const central = await startTestCentral(
    t,
    { logger },
    {
      devices: [
        { id: DEVICE, outletCode: 'POOL', secret: DEVICE_SECRET },
        { id: OTHER, outletCode: 'POOL', secret: OTHER_SECRET },
      ],
    },
  );
  return { central, logger };
}

/** Connects and resolves with the client, or with the CONNACK error (no reconnects). */
function connect(url: string, options: mqtt.IClientOptions) {
  const client = mqtt.connect(url, {
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 3000,
    ...options,
  });
  return new Promise<{ client: mqtt.MqttClient; error?: Error & { code?: number } }>((resolve) => {
    client.once('connect', () => resolve({ client }));
    client.once('error', (error) => {
      client.end(true);
      resolve({ client, error });
    });
  });
}

test("a device cannot take another device's client id or central's; the owner keeps its session", async (t) => {
  const { central, logger } = await twoDeviceCentral(t);
  const victim = await connect(central.mqttUrl, {
    clientId: deviceClientId(PROPERTY, DEVICE),
    clean: false,
    username: DEVICE,
    password: DEVICE_SECRET,
  });
  assert.equal(victim.error, undefined, 'a device connects with its own client id');
  t.after(() => victim.client.end(true));
  let victimDropped = 0;
  victim.client.on('close', () => victimDropped++);
  const statusTopic = topicFor('chargeStatus', PROPERTY, DEVICE);
  await victim.client.subscribeAsync(statusTopic, { qos: 1 });

  const hijack = await connect(central.mqttUrl, {
    clientId: deviceClientId(PROPERTY, DEVICE),
    clean: false,
    username: OTHER,
    password: OTHER_SECRET,
  });
  assert.equal(hijack.error?.code, 2, "another device's id is refused (identifier rejected)");
  const centralId = await connect(central.mqttUrl, {
    clientId: centralClientId(PROPERTY),
    clean: false,
    username: OTHER,
    password: OTHER_SECRET,
  });
  assert.equal(centralId.error?.code, 2, "central's id is refused to a device");
  const lookalike = await connect(central.mqttUrl, {
    clientId: `${deviceClientId(PROPERTY, DEVICE)}:probe`,
    username: OTHER,
    password: OTHER_SECRET,
  });
  assert.equal(lookalike.error?.code, 2, "a second session under another's id is refused too");
  assert.equal(logger.find('mqtt client id refused').length, 3);

  // The owner still holds its session: a status published for it now reaches it.
  const received = new Promise<string>((resolve) =>
    victim.client.once('message', (_topic, payload) => resolve(payload.toString())),
  );
  const service = await connect(central.mqttUrl, {
    clientId: 'test-service-probe',
    username: 'central',
    password: 'central-secret',
  });
  assert.equal(service.error, undefined);
  t.after(() => service.client.end(true));
  await service.client.publishAsync(statusTopic, 'still-yours', { qos: 1 });
  assert.equal(await received, 'still-yours');
  assert.equal(victimDropped, 0, 'the owner was never disconnected');
  const health = await api(central.httpUrl, '/api/health');
  assert.equal(health.body.mqtt, 'connected', 'central keeps its own connection');

  const own = await connect(central.mqttUrl, {
    clientId: deviceClientId(PROPERTY, OTHER),
    username: OTHER,
    password: OTHER_SECRET,
  });
  assert.equal(own.error, undefined, 'the other device connects with its own id');
  own.client.end(true);
});

/** MQTT's variable-length "remaining length". */
function remainingLength(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return Buffer.from(bytes);
}

test('a publish bigger than the packet limit closes the connection without being buffered', async (t) => {
  const { central, logger } = await twoDeviceCentral(t);
  const device = await connect(central.mqttUrl, {
    clientId: deviceClientId(PROPERTY, DEVICE),
    username: DEVICE,
    password: DEVICE_SECRET,
  });
  assert.equal(device.error, undefined);
  t.after(() => device.client.end(true));
  const socket = device.client.stream;
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {}); // the broker hangs up while we are still writing

  // A QoS 0 PUBLISH announcing 200 MB, then as much of its body as the socket takes.
  const topic = Buffer.from(topicFor('charge', PROPERTY, DEVICE));
  const before = process.memoryUsage().arrayBuffers;
  socket.write(
    Buffer.concat([
      Buffer.from([0x30]),
      remainingLength(200 * 1024 * 1024),
      Buffer.from([topic.length >> 8, topic.length & 0xff]),
      topic,
    ]),
  );
  const chunk = Buffer.alloc(1024 * 1024, 0x7b);
  let isClosed = false;
  void closed.then(() => {
    isClosed = true;
  });
  for (let i = 0; i < 32 && !isClosed && !socket.destroyed; i++) {
    if (!socket.write(chunk)) {
      await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), closed]);
    }
  }
  await closed;
  const grown = process.memoryUsage().arrayBuffers - before;
  assert.ok(grown < 16 * 1024 * 1024, `the body was not kept (array buffers grew ${grown} bytes)`);
  assert.equal(logger.find('mqtt packet too large: connection closed').length, 1);

  // The broker is fine: the device reconnects and publishes normally.
  const again = await connect(central.mqttUrl, {
    clientId: deviceClientId(PROPERTY, DEVICE),
    username: DEVICE,
    password: DEVICE_SECRET,
  });
  assert.equal(again.error, undefined);
  await again.client.publishAsync(topicFor('presence', PROPERTY, DEVICE), '{}', { qos: 1 });
  again.client.end(true);
});

test('the packet limit is configurable: a 64 KiB limit refuses a 100 KiB publish', async (t) => {
  const logger = recordingLogger();
  const small = await startTestCentral(
    t,
    { logger },
    {
      mqtt: {
        embedded: { host: '127.0.0.1', port: 0, maxPacketBytes: 64 * 1024 },
        username: 'central',
        password: 'central-secret',
      },
    },
  );
  const device = await connect(small.mqttUrl, {
    clientId: deviceClientId(PROPERTY, DEVICE),
    username: DEVICE,
    password: DEVICE_SECRET,
  });
  assert.equal(device.error, undefined);
  const closed = new Promise<void>((resolve) => device.client.once('close', () => resolve()));
  device.client.on('error', () => {});
  device.client.publish(topicFor('charge', PROPERTY, DEVICE), Buffer.alloc(100 * 1024, 0x20), { qos: 0 });
  await closed;
  device.client.end(true);
  assert.equal(logger.find('mqtt packet too large: connection closed').length, 1);
});

test('with its external broker down central still opens its HTTP API, and connects when the broker comes up', async (t) => {
  const port = await freePort();
  const central = await startTestCentral(
    t,
    {},
    { mqtt: { url: `mqtt://127.0.0.1:${port}`, username: 'central', password: 'central-secret' } },
  );
  const down = await api(central.httpUrl, '/api/health');
  assert.deepEqual([down.status, down.body.mqtt], [200, 'disconnected'], 'health says the broker is down');
  const broker = await startEmbeddedBroker({
    host: '127.0.0.1',
    port,
    logger: recordingLogger(),
    authenticate: async (user) => (user === 'central' ? { kind: 'service', name: 'central' } : null),
  });
  t.after(() => broker.close());
  await eventually(
    async () => ((await api(central.httpUrl, '/api/health')).body.mqtt === 'connected' ? true : undefined),
    'central to connect once the broker is up',
  );
});
