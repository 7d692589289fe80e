// A day too large for one MQTT packet on the real road: the edge (its packet limit lowered to 800 bytes
// through its deps, so 4 charges make a big day) publishes the day in parts, central keeps the parts
// until all are in, stores the day whole and acknowledges it once; reconciliation then shows the
// outlet as reported, with every charge matched.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { api, centralAs, DEVICE, eventually, poolBarToday, startTestStack } from '../../support/stack.js';

const CHARGES = 4;
const LIMIT = 800;

test('a day over the packet limit is sent in parts and stored whole; reconciliation shows it reported', async (t) => {
  const stack = await startTestStack(t, { dailySummary: { maxPacketBytes: LIMIT, nudgeDelayMs: 200 } });
  const edgeUrl = stack.edge.httpUrl;
  const ids: string[] = [];
  for (let i = 0; i < CHARGES; i++) {
    const lookup = await api<KioskLookup>(edgeUrl, '/api/lookup', {
      uid: i % 2 === 0 ? '04A1B2C3' : '04D4E5F6',
    });
    const check = await api<ChargeView>(edgeUrl, '/api/checks', {
      requestId: randomUUID(),
      verificationId: lookup.body.verificationId,
      items: [{ sku: 'WATER', quantity: 1 }],
    });
    assert.equal(check.status, 201, `charge ${i}: ${JSON.stringify(check.body)}`);
    ids.push(check.body.id);
  }
  await eventually(async () => {
    const views = await Promise.all(ids.map((id) => api<ChargeView>(edgeUrl, `/api/charges/${id}`)));
    return views.every((v) => v.body.status === 'posted') ? true : undefined;
  }, 'every charge posted');

  // Stored whole once every part is in, with every charge posted; no part left behind.
  const stored = await eventually(async () => {
    const row = await stack.central.db
      .selectFrom('edge_daily_summaries')
      .selectAll()
      .where('device', '=', DEVICE)
      .where('business_date', '=', poolBarToday())
      .executeTakeFirst();
    const summary = row
      ? (JSON.parse(row.summary_json) as {
          charges: Array<{ chargeId: string; status: string }>;
          part?: number;
          byStatus: Array<{ status: string; count: number }>;
        })
      : undefined;
    return summary &&
      summary.charges.length === CHARGES &&
      summary.charges.every((c) => c.status === 'posted')
      ? summary
      : undefined;
  }, 'central to store the whole day with every charge posted');
  assert.deepEqual(stored.charges.map((c) => c.chargeId).sort(), [...ids].sort());
  assert.equal(stored.part, undefined, 'the stored day is the whole day, not a part');
  assert.deepEqual(
    stored.byStatus.map((b) => [b.status, b.count]),
    [['posted', CHARGES]],
  );
  // The day went in parts: central kept the first ones until the set was complete.
  assert.ok(JSON.stringify(stored).length > LIMIT, 'the day is larger than one packet');
  const waiting = stack.centralLog
    .find('daily summary part kept until the others arrive')
    .map((e) => e.obj as { parts: number; have: number });
  assert.ok(waiting.length > 0, 'parts were kept until the set was complete');
  assert.ok(
    waiting.every((w) => w.parts >= 2 && w.have < w.parts),
    JSON.stringify(waiting),
  );
  await eventually(
    async () => ((await stack.edge.publishDailySummaries()) === 0 ? true : undefined),
    'the digest acknowledged',
  );
  const left = await stack.central.db.selectFrom('edge_daily_summary_parts').selectAll().execute();
  assert.deepEqual(left, [], 'the parts are gone once the day is stored');
  assert.deepEqual(
    stack.centralLog.find('dropped malformed daily summary').map((e) => e.obj),
    [],
    'no part was refused',
  );

  const manager = centralAs(stack.central.httpUrl, 'rec-manager', 'manager');
  const report = await manager.get<{
    summary: { varianceMinor: number };
    exceptions: Array<{ kind: string }>;
    byOutlet: Array<{ devices: Array<{ device: string; reported: boolean }> }>;
  }>(`/api/pms/reconciliation?date=${poolBarToday()}`);
  assert.equal(report.status, 200, report.text);
  assert.deepEqual(report.body.exceptions, []);
  assert.equal(report.body.summary.varianceMinor, 0);
  assert.deepEqual(
    report.body.byOutlet[0]?.devices.map((d) => [d.device, d.reported]),
    [[DEVICE, true]],
  );
});
