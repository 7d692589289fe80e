import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { topicFor } from '@roompost/sync';
import mqtt from 'mqtt';
import { collectStatuses, connectAsDevice, mojitoFor412 } from '../../support/device-session.js';
import { api, centralApi, DEVICE, eventually, PROPERTY, startTestStack } from '../../support/stack.js';

const chargeFor412 = (stack: Awaited<ReturnType<typeof startTestStack>>) =>
  mojitoFor412(stack, { chargeId: '01a1f000-0000-7000-8000-000000000412', checkNumber: '9001' });

test('the same charge delivered twice posts once, and both deliveries are answered', async (t) => {
  const stack = await startTestStack(t);
  const client = await connectAsDevice(t, stack.mqttPort);
  const statuses = collectStatuses(client);
  await client.subscribeAsync(topicFor('chargeStatus', PROPERTY, DEVICE), { qos: 1 });
  const charge = await chargeFor412(stack);
  const topic = topicFor('charge', PROPERTY, DEVICE);

  await client.publishAsync(topic, JSON.stringify(charge), { qos: 1 });
  await eventually(
    async () => (statuses.some((s) => s.status === 'posted') ? true : undefined),
    'posted status',
  );
  const answersBefore = statuses.length;
  await client.publishAsync(topic, JSON.stringify(charge), { qos: 1 });
  await eventually(
    async () => (statuses.length > answersBefore ? true : undefined),
    'an answer to the replay',
  );

  const replayAnswer = statuses.at(-1)!;
  assert.equal(replayAnswer.status, 'posted', 'a replay is answered with where the charge stands');
  assert.equal(replayAnswer.pmsTransactionId, statuses.find((s) => s.status === 'posted')?.pmsTransactionId);
  const lines = await stack.central.folio.listPostings({ chargeRef: charge.chargeId });
  assert.equal(lines.length, 2, 'POS and TAX lines, once');
  const posting = await centralApi(stack.central.httpUrl, `/api/pms/postings/${charge.chargeId}`);
  assert.equal((posting.body.attemptLog as unknown[]).length, 1, 'the PMS was called once');
});

test('one charge id with different content is refused and the first charge stands', async (t) => {
  const stack = await startTestStack(t);
  const client = await connectAsDevice(t, stack.mqttPort);
  const statuses = collectStatuses(client);
  await client.subscribeAsync(topicFor('chargeStatus', PROPERTY, DEVICE), { qos: 1 });
  const charge = await chargeFor412(stack);
  const topic = topicFor('charge', PROPERTY, DEVICE);
  await client.publishAsync(topic, JSON.stringify(charge), { qos: 1 });
  await eventually(
    async () => (statuses.some((s) => s.status === 'posted') ? true : undefined),
    'posted status',
  );

  const altered = { ...charge, tipMinor: 1000, totalMinor: 2742 };
  await client.publishAsync(topic, JSON.stringify(altered), { qos: 1 });
  const conflict = await eventually(
    async () => statuses.find((s) => s.error?.code === 'IDEMPOTENCY_CONFLICT'),
    'the conflict answer',
  );
  assert.equal(conflict.status, 'rejected');
  const lines = await stack.central.folio.listPostings({ chargeRef: charge.chargeId });
  assert.deepEqual(
    lines.map((l) => l.amountMinor),
    [1600, 142],
  );
});

test('malformed payloads are refused with a logged reason and everything keeps running', async (t) => {
  const stack = await startTestStack(t);
  const client = await connectAsDevice(t, stack.mqttPort);
  const topic = topicFor('charge', PROPERTY, DEVICE);
  const good = await chargeFor412(stack);
  const bad: Array<[string, string]> = [
    ['not json', '{"v":1,'],
    ['wrong version', JSON.stringify({ ...good, v: 2 })],
    ['float money', JSON.stringify({ ...good, subtotalMinor: 16.0001 })],
    ['totals disagree', JSON.stringify({ ...good, totalMinor: 99 })],
    ['no items', JSON.stringify({ ...good, items: [] })],
  ];
  for (const [, payload] of bad) await client.publishAsync(topic, payload, { qos: 1 });
  await client.publishAsync(
    topicFor('rpcRequest', PROPERTY, DEVICE),
    '{"v":1,"id":"x","method":"dropTables"}',
    {
      qos: 1,
    },
  );

  const drops = await eventually(async () => {
    const found = stack.centralLog.find('refused malformed charge');
    return found.length === bad.length ? found : undefined;
  }, 'every malformed charge to be logged');
  const reasons = drops.map((d) => (d.obj as { reason: string }).reason);
  assert.match(reasons[0]!, /not JSON/);
  assert.match(reasons[1]!, /^v:/);
  assert.match(reasons[2]!, /subtotalMinor/);
  assert.match(reasons[3]!, /totalMinor/);
  assert.match(reasons[4]!, /items/);
  await eventually(
    async () => (stack.centralLog.find('dropped malformed rpc request').length === 1 ? true : undefined),
    'the malformed request to be logged',
  );

  // Broker, central and edge are all still up: a real charge goes through.
  const lookup = await api<{ verificationId: string }>(stack.edge.httpUrl, '/api/lookup', {
    uid: '04A1B2C3',
  });
  const created = await api<{ id: string }>(stack.edge.httpUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'WATER', quantity: 1 }],
  });
  assert.equal(created.status, 201);
  await eventually(async () => {
    const c = await api<{ status: string }>(stack.edge.httpUrl, `/api/charges/${created.body.id}`);
    return c.body.status === 'posted' ? true : undefined;
  }, 'the next real charge to post');
  assert.deepEqual(
    (await centralApi<{ postings: unknown[] }>(stack.central.httpUrl, '/api/pms/postings')).body.postings
      .length,
    1,
  );
});

test('a device may only subscribe and publish below its own topic prefix', async (t) => {
  const stack = await startTestStack(t);
  const client = await connectAsDevice(t, stack.mqttPort);
  // mqtt.js rejects when any topic is refused; the SUBACK says which.
  const refused = await client.subscribeAsync(`roompost/v1/${PROPERTY}/+/charge-status`, { qos: 1 }).then(
    () => undefined,
    (err: { packet?: { granted?: number[] } }) => err.packet?.granted,
  );
  assert.deepEqual(refused, [128], 'subscribing to other devices is refused');

  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  client.publish(topicFor('charge', PROPERTY, 'bar-kiosk-2'), '{}', { qos: 1 });
  await closed; // MQTT 3.1.1 has no negative PUBACK: the broker drops the connection
  assert.equal(stack.centralLog.find('mqtt publish refused').length, 1);
});

test('a device with a wrong secret is refused at connect', async (t) => {
  const stack = await startTestStack(t);
  const intruder = mqtt.connect(`mqtt://127.0.0.1:${stack.mqttPort}`, {
    protocolVersion: 4,
    clientId: 'intruder',
    username: DEVICE,
    password: 'wrong-secret-wrong-secret',
    reconnectPeriod: 0,
  });
  const err = await new Promise<Error & { code?: number }>((resolve) => intruder.once('error', resolve));
  assert.equal(err.code, 4, 'bad user name or password');
  intruder.end(true);
});
