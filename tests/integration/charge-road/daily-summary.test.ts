// Ledger (a) of daily reconciliation on the real road: the Pool Bar edge computes its day from its
// own SQLite, publishes it over the broker (`daily-summary`), central stores it and acknowledges the
// digest (`daily-summary-ack`), after which the edge has nothing left to send until the day changes.
// Central's report then matches the outlet's charge with its own and with the folio, by id.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { type ChargeView, connectDevice, type KioskLookup, topicFor } from '@roompost/sync';
import {
  api,
  centralAs,
  DEVICE,
  DEVICE_SECRET,
  eventually,
  PROPERTY,
  poolBarToday,
  startTestStack,
} from '../../support/stack.js';

test("the edge reports its day until central acknowledges it, and the report matches the outlet's charge by id", async (t) => {
  const stack = await startTestStack(t);
  const edgeUrl = stack.edge.httpUrl;
  const manager = centralAs(stack.central.httpUrl, 'rec-manager', 'manager');

  const lookup = await api<KioskLookup>(edgeUrl, '/api/lookup', { uid: '04A1B2C3' });
  const check = await api<ChargeView>(edgeUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'MOJITO', quantity: 2 }],
  });
  assert.equal(check.status, 201, JSON.stringify(check.body));
  const chargeId = check.body.id;
  await eventually(
    async () =>
      (await api<ChargeView>(edgeUrl, `/api/charges/${chargeId}`)).body.status === 'posted'
        ? true
        : undefined,
    'the charge posted',
  );

  // The posted status nudges a summary; publishing again until acknowledged, then nothing is pending.
  const stored = await eventually(async () => {
    const row = await stack.central.db
      .selectFrom('edge_daily_summaries')
      .selectAll()
      .where('device', '=', DEVICE)
      .executeTakeFirst();
    return row &&
      (JSON.parse(row.summary_json) as { charges: Array<{ chargeId: string; status: string }> }).charges.some(
        (c) => c.chargeId === chargeId && c.status === 'posted',
      )
      ? row
      : undefined;
  }, 'central to store the edge summary with the posted charge');
  assert.equal(stored.business_date, poolBarToday());
  assert.equal(stored.outlet_code, 'POOL');
  await eventually(
    async () => ((await stack.edge.publishDailySummaries()) === 0 ? true : undefined),
    'the ack',
  );

  const report = await manager.get<{
    state: string;
    summary: { varianceMinor: number; posTotalMinor: number; totalPostedMinor: number };
    exceptions: Array<{ kind: string }>;
    byOutlet: Array<{ outletCode: string; devices: Array<{ device: string; reported: boolean }> }>;
  }>(`/api/pms/reconciliation?date=${poolBarToday()}`);
  assert.equal(report.status, 200, report.text);
  assert.deepEqual(report.body.exceptions, []);
  assert.equal(report.body.state, 'open', 'today is still open');
  assert.deepEqual(
    [report.body.summary.varianceMinor, report.body.summary.posTotalMinor],
    [0, check.body.totalMinor],
  );
  assert.deepEqual(
    report.body.byOutlet[0]?.devices.map((d) => [d.device, d.reported]),
    [[DEVICE, true]],
  );

  // A summary whose counts do not add up is dropped at the boundary with the reason, and not acknowledged.
  const rogue = connectDevice({
    url: stack.central.mqttUrl.replace(/\/\/[^:]+:/, '//127.0.0.1:'),
    property: PROPERTY,
    device: DEVICE,
    username: DEVICE,
    password: DEVICE_SECRET,
  });
  t.after(() => rogue.endAsync(true));
  await new Promise<void>((resolve) => rogue.once('connect', () => resolve()));
  await rogue.publishAsync(
    topicFor('dailySummary', PROPERTY, DEVICE),
    JSON.stringify({
      v: 1,
      outletCode: 'POOL',
      businessDate: '2026-01-01',
      timeZone: 'America/New_York',
      currency: 'USD',
      closed: true,
      digest: 'a'.repeat(64),
      byStatus: [{ status: 'posted', count: 2, totalMinor: 100 }],
      charges: [],
      at: new Date().toISOString(),
    }),
    { qos: 1 },
  );
  const dropped = await eventually(
    async () => stack.centralLog.find('dropped malformed daily summary')[0],
    'the malformed summary to be dropped',
  );
  assert.match(String((dropped.obj as { reason: string }).reason), /byStatus/);
  const rows = await stack.central.db.selectFrom('edge_daily_summaries').select('business_date').execute();
  assert.deepEqual(
    rows.map((r) => r.business_date),
    [poolBarToday()],
  );
});
