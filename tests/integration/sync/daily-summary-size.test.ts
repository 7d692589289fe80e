// A daily summary larger than the broker's packet limit is not published: the broker would close the
// device's connection, and the edge sent it again on every reconnect, so a day with more charges than
// fit in one packet stopped the charge road for good (a 10,000-charge backlog never drained).
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { connectDevice, type DailySummaryMessage, DailySummaryPublisher, topicFor } from '@roompost/sync';
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
      status: 'posted',
      totalMinor: 100,
    })) as DailySummaryMessage['charges'],
    at: `${businessDate}T23:00:00.000Z`,
  };
}

test('a daily summary over the packet limit is left out with PAYLOAD_TOO_LARGE; the others go and the link stays up', async (t) => {
  const broker = await Aedes.createBroker();
  const server = createServer({ noDelay: true }, broker.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(async () => {
    await new Promise<void>((r) => broker.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
  });
  const url = `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`;
  const received: string[] = [];
  broker.on('publish', (packet) => {
    if (packet.topic === topicFor('dailySummary', PROPERTY, 'kiosk-1'))
      received.push((JSON.parse(packet.payload.toString()) as DailySummaryMessage).businessDate);
  });
  const client = connectDevice({ url, property: PROPERTY, device: 'kiosk-1' });
  t.after(() => client.endAsync(true));
  await new Promise<void>((r) => client.once('connect', () => r()));
  const logger = recordingLogger();
  const publisher = new DailySummaryPublisher({
    client,
    property: PROPERTY,
    device: 'kiosk-1',
    logger,
    pending: async () => [summary('2026-12-07', 2), summary('2026-12-08', 200), summary('2026-12-09', 3)],
    acknowledged: async () => {},
    maxPacketBytes: 4_096,
  });
  await publisher.start();
  t.after(() => publisher.stop());
  assert.equal(await publisher.publishPending(), 2);
  await eventually(async () => (received.length >= 2 ? true : undefined), 'the two summaries that fit');
  assert.deepEqual(received.sort(), ['2026-12-07', '2026-12-09']);
  const refused = logger.entries.filter((e) => (e.obj as { code?: string }).code === 'PAYLOAD_TOO_LARGE');
  assert.ok(refused.length >= 1, 'the left-out summary is logged with its code');
  assert.deepEqual(
    refused.map((e) => (e.obj as { businessDate?: string }).businessDate),
    refused.map(() => '2026-12-08'),
  );
  assert.equal(client.connected, true);
});
