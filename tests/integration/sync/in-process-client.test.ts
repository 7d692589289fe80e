// Central's in-process client on the embedded aedes, against real devices: mqtt.js clients over TCP
// on the broker's port, signed in with their own accounts.
import assert from 'node:assert/strict';
import { type EventEmitter, once } from 'node:events';
import { test } from 'node:test';
import {
  deviceClientId,
  type EmbeddedBroker,
  InProcessClientError,
  type InProcessMessage,
  InProcessMqttClient,
  startEmbeddedBroker,
  topicFor,
} from '@roompost/sync';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { writeToStream } from 'mqtt-packet';
import { recordingLogger } from '../../support/recording-logger.js';

const PROPERTY = 'HARBOUR';
const SECRETS: Record<string, string> = { 'pool-1': 'secret-pool-1', 'bar-1': 'secret-bar-1' };

type After = { after(fn: () => unknown): void };

async function broker(t: After): Promise<EmbeddedBroker> {
  const started = await startEmbeddedBroker({
    host: '127.0.0.1',
    port: 0,
    logger: recordingLogger(),
    authenticate: async (username, password) =>
      username && SECRETS[username] === password?.toString()
        ? { kind: 'device', property: PROPERTY, device: username }
        : null,
  });
  t.after(() => started.close());
  return started;
}

async function device(t: After, b: EmbeddedBroker, name: string, clean = true): Promise<mqtt.MqttClient> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${b.port}`, {
    protocolVersion: 4,
    clientId: deviceClientId(PROPERTY, name),
    username: name,
    password: SECRETS[name] ?? '',
    clean,
    reconnectPeriod: 0,
  });
  t.after(() => client.end(true));
  return client;
}

/** Every message the client receives, in order, with the retain flag of the packet mqtt.js or the in-process client passes. */
function collect(client: InProcessMqttClient | mqtt.MqttClient) {
  const seen: Array<{ topic: string; text: string; retain: boolean }> = [];
  // Both are Node EventEmitters ('message': topic, payload, packet).
  (client as unknown as EventEmitter).on(
    'message',
    (topic: string, payload: Buffer, packet: { retain: boolean }) =>
      seen.push({ topic, text: payload.toString(), retain: packet.retain }),
  );
  return seen;
}

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test("a device's QoS 1 charge reaches central's wildcard subscription as the bytes sent, and is PUBACKed", async (t) => {
  const b = await broker(t);
  // No mqtt.js client exists yet in this process (each test file runs in its own): the broker itself
  // turned mqtt-packet's per-message-id Buffer cache off.
  assert.equal(writeToStream.cacheNumbers, false);
  const central = b.serviceClient();
  t.after(() => central.endAsync());
  assert.equal(central.connected, true);
  const got = collect(central);
  await central.subscribeAsync(`roompost/v1/${PROPERTY}/+/charge`, { qos: 1 });
  const pool = await device(t, b, 'pool-1');
  const bar = await device(t, b, 'bar-1');
  assert.equal(b.connectedClients(), 3, 'two devices and central in-process');

  // mqtt.js resolves a QoS 1 publish on the broker's PUBACK.
  const acked = await pool.publishAsync(topicFor('charge', PROPERTY, 'pool-1'), '{"a":1}', { qos: 1 });
  assert.equal(typeof acked?.messageId, 'number', 'a QoS 1 publish, answered by PUBACK');
  await bar.publishAsync(topicFor('charge', PROPERTY, 'bar-1'), Buffer.from([0, 1, 2, 255]), { qos: 1 });
  await pool.publishAsync(topicFor('status', PROPERTY, 'pool-1'), 'not subscribed', { qos: 1 });
  await until('both charges', () => (got.length >= 2 ? true : undefined));
  assert.deepEqual(got, [
    { topic: topicFor('charge', PROPERTY, 'pool-1'), text: '{"a":1}', retain: false },
    {
      topic: topicFor('charge', PROPERTY, 'bar-1'),
      text: Buffer.from([0, 1, 2, 255]).toString(),
      retain: false,
    },
  ]);

  // An overlapping second filter does not deliver a message twice (as aedes does for one client).
  await central.subscribeAsync([`roompost/v1/${PROPERTY}/#`], { qos: 1 });
  await pool.publishAsync(topicFor('charge', PROPERTY, 'pool-1'), 'once', { qos: 1 });
  await pool.publishAsync(topicFor('status', PROPERTY, 'pool-1'), 'status now', { qos: 0 });
  await until('the status', () => got.find((m) => m.text === 'status now'));
  assert.equal(got.filter((m) => m.text === 'once').length, 1);
});

test('central publishes to a device without a socket: live QoS 1, retained for a later subscriber, queued for an offline session', async (t) => {
  const b = await broker(t);
  const central = b.serviceClient();
  t.after(() => central.endAsync());
  const catalogTopic = topicFor('catalogVersion', PROPERTY, 'pool-1');
  const statusTopic = topicFor('chargeStatus', PROPERTY, 'pool-1');

  // Retained before the device exists: it gets it when it subscribes, flagged retained.
  await central.publishAsync(catalogTopic, '{"version":7}', { qos: 1, retain: true });
  const pool = await device(t, b, 'pool-1', false);
  const poolGot = collect(pool);
  await pool.subscribeAsync([catalogTopic, statusTopic], { qos: 1 });
  await until('the retained catalog', () => poolGot.find((m) => m.topic === catalogTopic));
  assert.deepEqual(poolGot, [{ topic: catalogTopic, text: '{"version":7}', retain: true }]);

  // Live: resolved once aedes has handed it to the device's connection.
  await central.publishAsync(statusTopic, 'posted', { qos: 1 });
  await until('the live status', () => poolGot.find((m) => m.text === 'posted'));

  // The device's persistent session keeps what central sends while it is away.
  await pool.endAsync();
  await central.publishAsync(statusTopic, 'while away', { qos: 1 });
  const again = await device(t, b, 'pool-1', false);
  const againGot = collect(again);
  const back = await until('the queued status', () => againGot.find((m) => m.text === 'while away'));
  assert.equal(back.topic, statusTopic);

  // A retained message central clears (empty payload) is not given to a later subscription.
  await central.publishAsync(catalogTopic, '', { qos: 1, retain: true });
  await again.subscribeAsync(catalogTopic, { qos: 1 });
  await central.publishAsync(statusTopic, 'marker', { qos: 1 });
  await until('the marker', () => againGot.find((m) => m.text === 'marker'));
  assert.deepEqual(
    againGot.filter((m) => m.retain),
    [],
    'no retained catalog after it was cleared',
  );
});

test("central's subscription gets the retained messages devices left before it, as a SUBSCRIBE does", async (t) => {
  const b = await broker(t);
  const pool = await device(t, b, 'pool-1');
  const presence = topicFor('presence', PROPERTY, 'pool-1');
  await pool.publishAsync(presence, '{"online":true}', { qos: 1, retain: true });
  const central = b.serviceClient();
  t.after(() => central.endAsync());
  const got: InProcessMessage[] = [];
  central.on('message', (_topic: string, _payload: Buffer, packet: InProcessMessage) => got.push(packet));
  const granted = await central.subscribeAsync([`roompost/v1/${PROPERTY}/+/presence`], { qos: 1 });
  assert.deepEqual(granted, [{ topic: `roompost/v1/${PROPERTY}/+/presence`, qos: 1 }]);
  await until('the retained presence', () => got[0]);
  assert.equal(got[0]?.topic, presence);
  assert.equal(got[0]?.payload.toString(), '{"online":true}');
  assert.equal(got[0]?.retain, true);
});

test('unsubscribe and off stop delivery at once; a throwing handler fails alone', async (t) => {
  const b = await broker(t);
  const central = b.serviceClient();
  t.after(() => central.endAsync());
  const charges = `roompost/v1/${PROPERTY}/+/charge`;
  const statuses = `roompost/v1/${PROPERTY}/+/status`;
  const got = collect(central);
  const errors: Error[] = [];
  central.on('error', (err) => errors.push(err));
  const throwing = () => {
    throw new Error('handler bug');
  };
  central.on('message', throwing);
  await central.subscribeAsync([charges, statuses], { qos: 1 });
  const pool = await device(t, b, 'pool-1');

  await pool.publishAsync(topicFor('charge', PROPERTY, 'pool-1'), 'first', { qos: 1 });
  await until('first', () => got.find((m) => m.text === 'first'));
  await until('the handler error', () => errors[0]);
  central.off('message', throwing);

  await central.unsubscribeAsync(charges);
  await pool.publishAsync(topicFor('charge', PROPERTY, 'pool-1'), 'after unsubscribe', { qos: 1 });
  await pool.publishAsync(topicFor('status', PROPERTY, 'pool-1'), 'marker 1', { qos: 1 });
  await until('marker 1', () => got.find((m) => m.text === 'marker 1'));
  assert.equal(
    got.find((m) => m.text === 'after unsubscribe'),
    undefined,
    'nothing after unsubscribe',
  );
  assert.equal(errors.length, 1, 'the removed handler is not called again');

  const late: string[] = [];
  const listener = (_topic: string, payload: Buffer) => late.push(payload.toString());
  central.on('message', listener);
  central.off('message', listener);
  await pool.publishAsync(topicFor('status', PROPERTY, 'pool-1'), 'marker 2', { qos: 1 });
  await until('marker 2', () => got.find((m) => m.text === 'marker 2'));
  assert.deepEqual(late, []);
});

test('endAsync stops delivery and publishing and the connection is no longer counted', async (t) => {
  const b = await broker(t);
  const central = b.serviceClient();
  const watcher = b.serviceClient();
  t.after(() => watcher.endAsync());
  const got = collect(central);
  const watched = collect(watcher);
  await central.subscribeAsync(`roompost/v1/${PROPERTY}/+/charge`, { qos: 1 });
  await watcher.subscribeAsync(`roompost/v1/${PROPERTY}/+/charge`, { qos: 1 });
  const pool = await device(t, b, 'pool-1');
  assert.equal(b.connectedClients(), 3);

  await central.endAsync(true);
  assert.equal(central.connected, false);
  assert.equal(b.connectedClients(), 2);
  await pool.publishAsync(topicFor('charge', PROPERTY, 'pool-1'), 'after end', { qos: 1 });
  await until('the watcher copy', () => watched.find((m) => m.text === 'after end'));
  assert.deepEqual(got, []);
  await assert.rejects(central.publishAsync(topicFor('chargeStatus', PROPERTY, 'pool-1'), 'x', { qos: 1 }), {
    code: 'MQTT_CLIENT_CLOSED',
  });
  await assert.rejects(central.subscribeAsync('a/b', { qos: 1 }), { code: 'MQTT_CLIENT_CLOSED' });
  await central.endAsync(); // a second end is a no-op
  assert.equal(b.connectedClients(), 2);
});

test('the broker closing ends its in-process clients', async (t) => {
  const b = await startEmbeddedBroker({
    host: '127.0.0.1',
    port: 0,
    logger: recordingLogger(),
    authenticate: async () => null,
  });
  const central: InProcessMqttClient = b.serviceClient();
  await once(central, 'connect');
  await b.close();
  assert.equal(central.connected, false);
  await assert.rejects(central.publishAsync('roompost/v1/x', 'y'), { code: 'MQTT_CLIENT_CLOSED' });
  await central.endAsync();
  t.diagnostic('closed cleanly');
});

test('bad filters and topics are refused with a code; devices stay confined to their own prefix', async (t) => {
  const b = await broker(t);
  const central = b.serviceClient();
  t.after(() => central.endAsync());
  for (const filter of ['$share/roompost/a/+', 'a/#/b', 'a/b+', '']) {
    await assert.rejects(central.subscribeAsync(filter, { qos: 1 }), (err: unknown) => {
      assert.ok(err instanceof InProcessClientError);
      assert.equal(err.code, 'MQTT_TOPIC_INVALID');
      return true;
    });
  }
  await assert.rejects(central.publishAsync('a/+/b', 'x'), { code: 'MQTT_TOPIC_INVALID' });

  // Central publishes anywhere in-process; a device still may not publish under another's prefix.
  const got = collect(central);
  await central.subscribeAsync(`roompost/v1/${PROPERTY}/#`, { qos: 1 });
  const pool = await device(t, b, 'pool-1');
  const closed = once(pool as unknown as EventEmitter, 'close');
  pool.publish(topicFor('charge', PROPERTY, 'bar-1'), 'forged', { qos: 1 });
  await closed; // aedes drops a client whose publish is refused
  await central.publishAsync(topicFor('chargeStatus', PROPERTY, 'bar-1'), 'from central', { qos: 1 });
  await until('central own message', () => got.find((m) => m.text === 'from central'));
  assert.equal(
    got.find((m) => m.text === 'forged'),
    undefined,
  );
});

test('a burst of charges from many devices, each answered twice by central, is delivered whole', async (t) => {
  const b = await broker(t);
  const central = b.serviceClient();
  t.after(() => central.endAsync());
  // Central answers every charge at once, twice (as the inbox and the pipeline do): aedes' router
  // then holds more messages than its concurrency (100) and queues the rest. Answering the router at
  // once from inside its queue would recurse one stack frame per queued message.
  let received = 0;
  central.on('message', (topic, payload) => {
    received++;
    const to = topicFor('chargeStatus', PROPERTY, topic.split('/')[3] ?? '');
    void central
      .publishAsync(to, payload, { qos: 1 })
      .then(() => central.publishAsync(to, payload, { qos: 1 }));
  });
  await central.subscribeAsync(`roompost/v1/${PROPERTY}/+/charge`, { qos: 1 });
  const perDevice = 500;
  const answered: number[] = [];
  const devices = await Promise.all(
    Object.keys(SECRETS).map(async (name, d) => {
      const client = await device(t, b, name, false);
      await client.subscribeAsync(topicFor('chargeStatus', PROPERTY, name), { qos: 1 });
      answered[d] = 0;
      client.on('message', () => {
        answered[d] = (answered[d] ?? 0) + 1;
      });
      return { name, client };
    }),
  );
  await Promise.all(
    devices.flatMap(({ name, client }) =>
      Array.from({ length: perDevice }, (_, i) =>
        client.publishAsync(topicFor('charge', PROPERTY, name), `${name} charge ${i}`, { qos: 1 }),
      ),
    ),
  );
  await until('every answer', () => (answered.every((n) => n === 2 * perDevice) ? true : undefined));
  assert.equal(received, perDevice * devices.length);
});

test("a queue of thousands of messages in aedes' router drains to central without deepening the stack", async (t) => {
  const aedes = await Aedes.createBroker();
  t.after(() => new Promise<void>((resolve) => aedes.close(() => resolve())));
  const central = new InProcessMqttClient(aedes);
  t.after(() => central.endAsync());
  let received = 0;
  central.on('message', () => received++);
  await central.subscribeAsync('roompost/v1/HARBOUR/+/charge', { qos: 1 });
  // A slow subscriber holds aedes' router at its concurrency (100 messages in flight)…
  const held: Array<() => void> = [];
  aedes.subscribe(
    'slow/topic',
    (_packet, done) => held.push(done),
    () => {},
  );
  await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 100; i++)
    aedes.publish(
      { cmd: 'publish', topic: 'slow/topic', payload: Buffer.from('x'), qos: 0, retain: false, dup: false },
      () => {},
    );
  // …so the charges queue up behind it, then all drain at once when it lets go.
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    aedes.publish(
      {
        cmd: 'publish',
        topic: topicFor('charge', PROPERTY, 'pool-1'),
        payload: Buffer.from(`c${i}`),
        qos: 0,
        retain: false,
        dup: false,
      },
      () => {},
    );
  }
  assert.equal(held.length, 100);
  for (const done of held.splice(0)) done();
  await until('every queued charge', () => (received === n ? true : undefined));
});
