// The edge–central contract on Debian's Mosquitto 2 instead of the embedded aedes, run the way
// docs/scale-out.md runs it: anonymous refused, the dynamic-security plugin loaded, and central
// keeping every account (its own, one per device) over `$CONTROL/dynamic-security/v1`.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  type Central,
  type CentralConfig,
  createBuiltinAdapter,
  parseCentralConfig,
  seedDemoCatalogs,
  seedDemoHotel,
  startCentral,
} from '@roompost/central';
import { startEdge } from '@roompost/edge';
import { type ChargeView, deviceClientId, type KioskLookup, topicFor } from '@roompost/sync';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { recordingLogger } from '../support/recording-logger.js';
import {
  api,
  centralAs,
  centralConfig,
  DEVICE,
  DEVICE_SECRET,
  edgeConfig,
  eventually,
  PROPERTY,
  TODAY,
} from '../support/stack.js';
import { DYNSEC_ADMIN, type Mosquitto, startMosquitto } from './support/mosquitto.js';

let dir: string;
let broker: Mosquitto;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roompost-mosquitto-'));
  broker = await startMosquitto(dir);
});
after(async () => {
  await broker?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Central on the external broker, administering its accounts as the dynsec admin. */
function externalConfig(overrides: Partial<CentralConfig> = {}): CentralConfig {
  const base = centralConfig(0);
  return {
    ...base,
    mqtt: { url: broker.url, username: 'central', password: 'central-secret' },
    broker: { kind: 'mosquitto', admin: { ...DYNSEC_ADMIN } },
    ...overrides,
  };
}

async function bootCentral(dataDir: string, config = externalConfig()): Promise<Central> {
  const central = await startCentral(config, { dataDir, logger: recordingLogger(), retryPollMs: 200 });
  await seedDemoHotel(central.folio, TODAY).catch(() => undefined); // a second worker finds it seeded
  await seedDemoCatalogs(central.catalog).catch(() => undefined);
  return central;
}

/** An MQTT 3.1.1 client that does not retry: connected, or the broker's CONNACK code. */
async function connect(
  options: IClientOptions,
  url = broker.url,
): Promise<{ client: MqttClient } | { refused: number }> {
  const client = mqtt.connect(url, {
    protocolVersion: 4,
    // A device's account is bound to its own client id (docs/mqtt-contract.md); others use any.
    clientId:
      options.username && !['central', DYNSEC_ADMIN.username].includes(options.username)
        ? deviceClientId(PROPERTY, options.username)
        : `test-${randomUUID().slice(0, 8)}`,
    reconnectPeriod: 0,
    connectTimeout: 3000,
    ...options,
  });
  return new Promise((resolve) => {
    client.once('connect', () => resolve({ client }));
    client.once('error', (err: Error & { code?: number }) => {
      client.end(true);
      resolve({ refused: err.code ?? -1 });
    });
  });
}

async function connected(options: IClientOptions): Promise<MqttClient> {
  const result = await connect(options);
  if ('refused' in result) throw new Error(`connection refused with CONNACK ${result.refused}`);
  return result.client;
}

/** The SUBACK return codes (1 granted at QoS 1, 128 refused); mqtt.js rejects when any is refused. */
async function subscribeCodes(client: MqttClient, topics: string[]): Promise<number[]> {
  try {
    return (await client.subscribeAsync(topics, { qos: 1 })).map((g) => g.qos);
  } catch (err) {
    const granted = (err as { packet?: { granted?: number[] } }).packet?.granted;
    if (!granted) throw err;
    return granted;
  }
}

/** Registers a device at central as IT and enrolls it: its bundle (MQTT user name and secret). */
async function enrollDevice(central: Central, name: string) {
  const created = await centralAs(central.httpUrl, 'ivan.it', 'it').post<{ token: string }>('/api/devices', {
    outlet: 'POOL',
    name,
  });
  assert.equal(created.status, 201, created.text);
  const publicKey = generateKeyPairSync('ed25519')
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
  const enrolled = await api<{ mqtt: { url: string; username: string; password: string } }>(
    central.httpUrl,
    '/api/enroll',
    { token: created.body.token, publicKey },
  );
  assert.equal(enrolled.status, 200, JSON.stringify(enrolled.body));
  assert.equal(enrolled.body.mqtt.url, broker.url);
  return enrolled.body.mqtt;
}

test('an enrolled device charges edge → Mosquitto (dynamic security) → central → folio exactly once', async (t) => {
  const data = await mkdtemp(join(dir, 'charge-'));
  const central = await bootCentral(data);
  t.after(() => central.stop());
  const creds = await enrollDevice(central, 'pool-kiosk-7');

  const edge = await startEdge(
    {
      ...edgeConfig(broker.port),
      device: 'pool-kiosk-7',
      central: { mqttUrl: creds.url, username: creds.username, password: creds.password },
    },
    {
      dataDir: data,
      logger: recordingLogger(),
      kioskDir: join(data, 'none'),
      relay: { retryMs: 200, pollMs: 500, tickMs: 100 },
    },
  );
  t.after(() => edge.stop());
  await eventually(
    async () => ((await api(edge.httpUrl, '/api/health')).body.central === 'online' ? true : undefined),
    'the edge to reach Mosquitto',
  );

  const lookup = await api<KioskLookup>(edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' });
  assert.equal(lookup.status, 200, 'the room lookup is answered over RPC through Mosquitto');
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

test('each device reaches only its own topics, anonymous is refused, a revoked device is cut off within 5 s', async (t) => {
  const data = await mkdtemp(join(dir, 'acl-'));
  const central = await bootCentral(data);
  t.after(() => central.stop());

  const anonymous = await connect({});
  assert.deepEqual(anonymous, { refused: 5 }, 'no user name: CONNACK "not authorized"');
  const wrong = await connect({ username: DEVICE, password: 'not-the-device-secret' });
  assert.ok('refused' in wrong && [4, 5].includes(wrong.refused), 'a wrong secret is refused');
  for (const clientId of [`central-${PROPERTY}`, deviceClientId(PROPERTY, 'pool-kiosk-8'), 'any-id']) {
    const taken = await connect({ username: DEVICE, password: DEVICE_SECRET, clientId });
    assert.ok('refused' in taken, `a device may not connect as ${clientId}`);
  }

  // Central's own account reads everything of the property: the witness of what got through.
  const witness = await connected({ username: 'central', password: 'central-secret' });
  t.after(() => witness.end(true));
  const seen: string[] = [];
  witness.on('message', (topic, payload) => seen.push(`${topic} ${payload.toString()}`));
  await witness.subscribeAsync(`roompost/v1/${PROPERTY}/#`, { qos: 1 });

  const other = await enrollDevice(central, 'pool-kiosk-8');
  const mine = await connected({ username: DEVICE, password: DEVICE_SECRET });
  t.after(() => mine.end(true));

  const grants = await subscribeCodes(mine, [
    '#',
    `roompost/v1/${PROPERTY}/+/charge`,
    topicFor('chargeStatus', PROPERTY, 'pool-kiosk-8'),
    topicFor('charge', PROPERTY, DEVICE),
  ]);
  assert.deepEqual(grants, [128, 128, 128, 128], 'no wildcard over the property, no other device topic');
  assert.deepEqual(
    await subscribeCodes(mine, [topicFor('chargeStatus', PROPERTY, DEVICE)]),
    [1],
    'its own charge status is allowed',
  );

  // Forged on the other device's topics, and a central-only kind on its own; then a legal marker.
  // One connection's QoS 1 messages arrive in order, so once the marker is seen nothing else can come.
  await mine.publishAsync(topicFor('charge', PROPERTY, 'pool-kiosk-8'), 'forged-charge', { qos: 1 });
  await mine.publishAsync(topicFor('rpcRequest', PROPERTY, 'pool-kiosk-8'), 'forged-rpc', { qos: 1 });
  await mine.publishAsync(topicFor('chargeStatus', PROPERTY, DEVICE), 'forged-status', { qos: 1 });
  await mine.publishAsync(topicFor('status', PROPERTY, DEVICE), 'marker', { qos: 1 });
  await eventually(async () => (seen.some((s) => s.endsWith(' marker')) ? true : undefined), 'the marker');
  assert.deepEqual(
    seen.filter((s) => s.includes('forged')),
    [],
    'nothing published outside its own edge → central topics got through',
  );

  // The dynsec admin administers the plugin only: it cannot read the property's traffic.
  const admin = await connected({ ...DYNSEC_ADMIN });
  t.after(() => admin.end(true));
  assert.deepEqual(await subscribeCodes(admin, [`roompost/v1/${PROPERTY}/#`, '#']), [128, 128]);

  // Revocation: the enrolled device's live connection is closed within 5 s, and it stays out.
  const revokedClient = await connected({ username: other.username, password: other.password });
  const closed = new Promise<number>((resolve) => revokedClient.once('close', () => resolve(Date.now())));
  const revokedAt = Date.now();
  const revoke = await centralAs(central.httpUrl, 'ivan.it', 'it').post(`/api/devices/pool-kiosk-8/revoke`);
  assert.equal(revoke.status, 200, revoke.text);
  const cutAfterMs = (await closed) - revokedAt;
  assert.ok(cutAfterMs <= 5000, `cut off after ${cutAfterMs} ms`);
  t.diagnostic(`revoked device disconnected ${cutAfterMs} ms after the revoke request`);
  revokedClient.end(true);
  const again = await connect({ username: other.username, password: other.password });
  assert.ok('refused' in again && [4, 5].includes(again.refused), 'its secret no longer works');
});

test('the broker section is checked: embedded broker, unknown kind, wrong admin password, an admin without $CONTROL', async () => {
  assert.throws(
    () =>
      parseCentralConfig({
        ...centralConfig(0),
        broker: { kind: 'mosquitto', admin: { ...DYNSEC_ADMIN } },
      }),
    (err: Error & { problems?: string[] }) =>
      err.problems?.some((p) => p.startsWith('broker: ') && p.includes('mqtt.url')) === true,
  );
  assert.throws(
    () =>
      parseCentralConfig({
        ...externalConfig(),
        broker: { kind: 'emqx', admin: { username: 'a', password: 'short' } },
      }),
    (err: Error & { problems?: string[] }) =>
      ['broker.kind', 'broker.admin.password'].every((field) =>
        err.problems?.some((p) => p.startsWith(`${field}: `)),
      ),
  );

  const data = await mkdtemp(join(dir, 'refused-'));
  await assert.rejects(
    startCentral(
      externalConfig({
        broker: { kind: 'mosquitto', admin: { ...DYNSEC_ADMIN, password: 'wrong-password' } },
      }),
      {
        dataDir: data,
        logger: recordingLogger(),
      },
    ),
    (err: Error & { code?: string }) => err.code === 'BROKER_ADMIN_REFUSED',
  );
  // Central's own account may not administer the broker: nothing answers it on $CONTROL.
  const central = await bootCentral(data);
  await central.stop();
  await assert.rejects(
    startCentral(
      externalConfig({
        broker: {
          kind: 'mosquitto',
          admin: { username: 'central', password: 'central-secret' },
          timeoutMs: 1000,
        },
        mqtt: { url: broker.url, username: 'central-2', password: 'central-secret' },
      }),
      { dataDir: data, logger: recordingLogger() },
    ),
    (err: Error & { code?: string }) => err.code === 'BROKER_ADMIN_REFUSED',
  );
});

test("two central workers split the devices' requests through $share/roompost: each is answered once, the survivor alone after one stops", async (t) => {
  const data = await mkdtemp(join(dir, 'workers-'));
  const answered = { a: 0, b: 0 };
  // Both workers share one SQLite file here (same process); PostgreSQL is how separate hosts share it.
  const worker = (name: 'a' | 'b') =>
    startCentral(
      externalConfig({
        mqtt: {
          url: broker.url,
          username: 'central',
          password: 'central-secret',
          clientId: `central-${PROPERTY}-${name}`,
        },
      }),
      {
        dataDir: data,
        logger: recordingLogger(),
        retryPollMs: 200,
        adapter: (folio) => {
          const inner = createBuiltinAdapter(folio);
          return new Proxy(inner, {
            get(target, prop) {
              if (prop === 'lookupRoom') {
                return (room: string) => {
                  answered[name]++;
                  return target.lookupRoom(room);
                };
              }
              const value = Reflect.get(target, prop);
              return typeof value === 'function' ? value.bind(target) : value;
            },
          });
        },
      },
    );
  const a = await worker('a');
  t.after(() => a.stop());
  await seedDemoHotel(a.folio, TODAY);
  const b = await worker('b');
  t.after(() => b.stop());

  const device = await connected({ username: DEVICE, password: DEVICE_SECRET });
  t.after(() => device.end(true));
  const responses: string[] = [];
  device.on('message', (_topic, payload) =>
    responses.push((JSON.parse(payload.toString()) as { id: string }).id),
  );
  assert.deepEqual(await subscribeCodes(device, [topicFor('rpcResponse', PROPERTY, DEVICE)]), [1]);
  const ask = async (count: number) => {
    const ids = Array.from({ length: count }, () => randomUUID());
    for (const id of ids) {
      // A self-service device sends the guest's last name (central answers the guest view on a match).
      const request = { v: 1, id, method: 'lookupRoom', params: { roomNumber: '412', lastName: 'Wilson' } };
      await device.publishAsync(topicFor('rpcRequest', PROPERTY, DEVICE), JSON.stringify(request), {
        qos: 1,
      });
    }
    await eventually(
      async () => (ids.every((id) => responses.includes(id)) ? true : undefined),
      `answers to ${count} lookups`,
    );
  };

  // Each worker's outlet roster asks the PMS about every in-house room at start: let that finish
  // (its queue is serial) and count only the devices' lookups from here.
  await Promise.all([a.roster.refresh(), b.roster.refresh()]);
  answered.a = 0;
  answered.b = 0;
  await ask(20);
  await ask(1); // a duplicate answer of the first 20 would have arrived by now
  assert.equal(responses.length, 21, 'every request answered once, not once per worker');
  assert.equal(new Set(responses).size, 21);
  assert.equal(answered.a + answered.b, 21, 'each request handled by exactly one worker');
  assert.ok(answered.a > 0 && answered.b > 0, `both workers answered (a ${answered.a}, b ${answered.b})`);

  await a.stop();
  const before = { ...answered };
  await ask(5);
  assert.deepEqual(answered, { a: before.a, b: before.b + 5 }, 'the survivor answers everything');
  assert.equal(responses.length, 26);
});

test('an open default ACL is reported; while the broker does not answer, enrollment and revocation are refused with BROKER_UNAVAILABLE and change nothing', async (t) => {
  const own = await mkdtemp(join(dir, 'down-'));
  // This broker also lets anyone subscribe where no ACL says otherwise: central says so at start.
  let down = await startMosquitto(own, { defaultAccess: { subscribe: true } });
  t.after(() => down.stop());
  const config = externalConfig({
    mqtt: { url: down.url, username: 'central', password: 'central-secret' },
    broker: { kind: 'mosquitto', admin: { ...DYNSEC_ADMIN }, timeoutMs: 1000 },
  });
  const log = recordingLogger();
  const central = await startCentral(config, { dataDir: own, logger: log });
  t.after(() => central.stop());
  // A property that is set up: until then enrollment is refused before the broker is asked.
  await seedDemoHotel(central.folio, TODAY);
  const openDefaults = log.entries.filter((e) => e.level === 'error' && (e.obj as { open?: string[] }).open);
  assert.deepEqual(
    openDefaults.map((e) => (e.obj as { open: string[] }).open),
    [['subscribe']],
  );
  const it = centralAs(central.httpUrl, 'ivan.it', 'it');
  const creds = await (async () => {
    const created = await it.post<{ token: string }>('/api/devices', { outlet: 'POOL', name: 'bar-1' });
    const publicKey = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    return (
      await api<{ mqtt: { username: string; password: string } }>(central.httpUrl, '/api/enroll', {
        token: created.body.token,
        publicKey,
      })
    ).body.mqtt;
  })();
  const pending = await it.post<{ token: string }>('/api/devices', { outlet: 'POOL', name: 'bar-2' });
  assert.equal(pending.status, 201);

  await down.stop();
  const revoke = await it.post('/api/devices/bar-1/revoke');
  assert.deepEqual([revoke.status, revoke.body.code], [503, 'BROKER_UNAVAILABLE']);
  const publicKey = generateKeyPairSync('ed25519')
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
  const enroll = await api(central.httpUrl, '/api/enroll', { token: pending.body.token, publicKey });
  assert.deepEqual([enroll.status, enroll.body.code], [503, 'BROKER_UNAVAILABLE']);
  const listed = await it.get<{ devices: Array<{ id: string; status: string }> }>('/api/devices');
  assert.deepEqual(
    listed.body.devices.filter((d) => d.id.startsWith('bar-')).map((d) => [d.id, d.status]),
    [
      ['bar-1', 'active'],
      ['bar-2', 'pending'],
    ],
    'nothing half-written: still active, still pending',
  );

  // The broker is back with its accounts: the same requests now go through.
  down = await startMosquitto(own, { port: down.port });
  const stillIn = await connect({ username: creds.username, password: creds.password }, down.url);
  assert.ok(
    'client' in stillIn,
    'the failed revocation left the device able to connect, as the registry says',
  );
  stillIn.client.end(true);
  await eventually(async () => {
    const again = await it.post('/api/devices/bar-1/revoke');
    return again.status === 200 ? true : undefined;
  }, 'the revocation to go through once the broker is back');
  const enrolled = await api(central.httpUrl, '/api/enroll', { token: pending.body.token, publicKey });
  assert.equal(enrolled.status, 200, 'the unspent token still works');
  const refused = await connect({ username: creds.username, password: creds.password }, down.url);
  assert.ok('refused' in refused, 'the revoked device is refused by the restarted broker');
});
