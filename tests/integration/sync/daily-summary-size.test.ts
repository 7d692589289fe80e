// A daily summary larger than the broker's packet limit is published in parts that each fit: one
// packet over the limit makes the broker close the device's connection, and the edge sent it again on
// every reconnect, so a day with more charges than fit stopped the charge road for good.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import {
  connectDevice,
  type DailySummaryMessage,
  DailySummaryPublisher,
  dailySummaryMessage,
  decodePayload,
  MAX_SUMMARY_PARTS,
  topicFor,
} from '@roompost/sync';
import { Aedes } from 'aedes';
import { recordingLogger } from '../../support/recording-logger.js';
import { eventually, PROPERTY } from '../../support/stack.js';

function summary(businessDate: string, charges: number): DailySummaryMessage {
  return {
    v: 1,
    outletCode: 'POOL',
    businessDate,
    timeZone: 'UTC',
    currency: 'USD',
    closed: false,
    digest: 'a'.repeat(64),
    byStatus: [{ status: 'posted', count: charges, totalMinor: charges * 100 }],
    charges: Array.from({ length: charges }, (_, i) => ({
      chargeId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      checkNumber: String(1000 + i),
      roomNumber: '101',
      status: 'posted',
      totalMinor: 100,
      createdAt: `${businessDate}T12:00:00.000Z`,
    })),
    at: `${businessDate}T23:00:00.000Z`,
  };
}

test('a daily summary over the packet limit goes in parts that each fit; an older central refuses a part instead of taking it as the day', async (t) => {
  const broker = await Aedes.createBroker();
  const server = createServer({ noDelay: true }, broker.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(async () => {
    await new Promise<void>((r) => broker.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
  });
  const url = `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`;
  const topic = topicFor('dailySummary', PROPERTY, 'kiosk-1');
  const received: Array<{ bytes: number; payload: string }> = [];
  broker.on('publish', (packet) => {
    if (packet.topic === topic)
      received.push({ bytes: packet.payload.length + topic.length + 16, payload: packet.payload.toString() });
  });
  const client = connectDevice({ url, property: PROPERTY, device: 'kiosk-1' });
  t.after(() => client.endAsync(true));
  await new Promise<void>((r) => client.once('connect', () => r()));
  const logger = recordingLogger();
  const big = summary('2026-12-08', 200);
  // One charge whose room number alone is past what a packet holds here: that day cannot be sent.
  const unsendable = summary('2026-12-10', 1);
  (unsendable.charges[0] as { checkNumber: string }).checkNumber = 'X'.repeat(32);
  const publisher = new DailySummaryPublisher({
    client,
    property: PROPERTY,
    device: 'kiosk-1',
    logger,
    pending: async () => [summary('2026-12-07', 2), big, summary('2026-12-09', 3)],
    acknowledged: async () => {},
    maxPacketBytes: 4_096,
  });
  await publisher.start();
  t.after(() => publisher.stop());
  assert.equal(await publisher.publishPending(), 3, 'three days sent');
  await eventually(async () => (received.length >= 2 + 2 ? true : undefined), 'the small days and the parts');
  const messages = received.map((r) => ({ ...r, json: JSON.parse(r.payload) as DailySummaryMessage }));
  const parts = messages.filter((m) => m.json.businessDate === '2026-12-08');
  assert.ok(parts.length >= 2, `the big day went in parts (${parts.length})`);
  for (const m of messages) assert.ok(m.bytes <= 4_096, `a packet of ${m.bytes} bytes is within the limit`);
  assert.deepEqual(
    parts.map((p) => [p.json.part, p.json.parts]),
    parts.map((_, i) => [i + 1, parts.length]),
  );
  assert.deepEqual(
    parts.flatMap((p) => p.json.charges.map((c) => c.chargeId)),
    big.charges.map((c) => c.chargeId),
    'every charge once, in order',
  );
  for (const p of parts) {
    assert.equal(p.json.digest, big.digest);
    assert.deepEqual(p.json.byStatus, big.byStatus, "each part carries the whole day's counts");
    assert.equal(
      decodePayload(dailySummaryMessage, p.payload).ok,
      true,
      'a part is valid to a central that knows parts',
    );
    // An older central's schema is this one without `part`/`parts` (zod drops unknown keys): it sees a
    // day whose counts do not add up to the charges listed, and drops it instead of storing a slice.
    const { part: _part, parts: _parts, ...asOlderCentralReadsIt } = p.json;
    const older = decodePayload(dailySummaryMessage, JSON.stringify(asOlderCentralReadsIt));
    assert.equal(older.ok, false);
    assert.equal(older.ok ? '' : older.code, 'VALIDATION_FAILED');
    assert.match(older.ok ? '' : older.reason, /byStatus/);
  }
  const small = messages.filter((m) => m.json.businessDate !== '2026-12-08');
  assert.deepEqual(small.map((m) => [m.json.businessDate, m.json.part]).sort(), [
    ['2026-12-07', undefined],
    ['2026-12-09', undefined],
  ]);

  // A day one of whose charges does not fit even alone is left out with PAYLOAD_TOO_LARGE; the link stays up.
  const tiny = new DailySummaryPublisher({
    client,
    property: PROPERTY,
    device: 'kiosk-1',
    logger,
    pending: async () => [unsendable],
    acknowledged: async () => {},
    maxPacketBytes: Buffer.byteLength(JSON.stringify({ ...unsendable, charges: [] })) + topic.length + 60,
  });
  assert.equal(await tiny.publishPending(), 0);
  const refused = logger.entries.filter((e) => (e.obj as { code?: string }).code === 'PAYLOAD_TOO_LARGE');
  assert.deepEqual(
    refused.map((e) => (e.obj as { businessDate?: string }).businessDate),
    ['2026-12-10'],
  );
  assert.equal(client.connected, true);

  // Central holds a day's parts until all are in: more than MAX_SUMMARY_PARTS is not sent, and not
  // accepted either.
  const huge = summary('2026-12-11', 2_000); // about 25 charges a 4 KiB part: some 80 parts
  const capped = new DailySummaryPublisher({
    client,
    property: PROPERTY,
    device: 'kiosk-1',
    logger,
    pending: async () => [huge],
    acknowledged: async () => {},
    maxPacketBytes: 4_096,
  });
  const before = received.length;
  assert.equal(await capped.publishPending(), 0);
  assert.ok(
    logger.entries.some(
      (e) =>
        (e.obj as { code?: string }).code === 'PAYLOAD_TOO_LARGE' &&
        (e.obj as { businessDate?: string }).businessDate === '2026-12-11',
    ),
    'the day over the parts bound is logged PAYLOAD_TOO_LARGE',
  );
  assert.equal(received.length, before, 'no part of it was published');
  const tooMany = decodePayload(
    dailySummaryMessage,
    JSON.stringify({ ...summary('2026-12-11', 1), part: 1, parts: MAX_SUMMARY_PARTS + 1 }),
  );
  assert.equal(tooMany.ok ? '' : tooMany.code, 'VALIDATION_FAILED');
});
