// Daily reconciliation (seed 000 "Daily Reconciliation Report"): a real central (SQLite, embedded
// broker, HTTP, the built-in folio engine) receives a day of charges from three outlets over MQTT,
// each outlet's device reports its own ledger of the day (`daily-summary`), and the report finds
// every exception by charge id: a recovered timeout, a void, a held auto_post:false charge, an
// unknown outcome, a charge the PMS holds although central marked it failed, one the PMS holds that
// central never received (the demo's seeded postings of the day are not), a charge the outlet
// has and central never got, an amount that differs, a withdrawal. Then the export round-trips, the
// sign-off rules hold, and the 03:00 run happens once, with the injected clock.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  type Central,
  createBuiltinAdapter,
  type PmsAdapter,
  PmsError,
  seedDemoHotel,
  US_DEMO_MENU,
} from '@roompost/central';
import {
  type ChargeMessage,
  connectDevice,
  type DailySummaryMessage,
  type MqttClient,
  topicFor,
} from '@roompost/sync';
import { parse } from 'csv-parse/sync';
import { markAutoStarted } from '../../../central/src/reconciliation/reconciliation.repository.js';
import { chargeMessageFor } from '../../support/raw-charges.js';
import { SCRAPE_TOKEN_SHA256, scrape } from '../../support/scrape.js';
import { centralAs, eventually, freePort, PROPERTY, startTestCentral, TODAY } from '../../support/stack.js';

const DEVICES = [
  { id: 'pool-kiosk-1', outletCode: 'POOL', secret: 'pool-device-secret-0123' },
  { id: 'rest-pos-1', outletCode: 'REST', secret: 'rest-device-secret-0123' },
  { id: 'bar-pos-1', outletCode: 'BAR', secret: 'bar-device-secret-01234' },
];
const OUTLETS = [
  { code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar' },
  { code: 'REST', name: 'Main Restaurant', postingDescription: 'Restaurant' },
  { code: 'BAR', name: 'Lobby Bar', postingDescription: 'Lobby Bar', autoPost: false },
];

/** The folio engine behind a PMS link the test breaks per charge id. */
function scriptedPms() {
  const script = new Map<string, Array<'timeout' | 'down' | 'unknown'>>();
  const wrap = (folio: Central['folio']): PmsAdapter => {
    const real = createBuiltinAdapter(folio);
    // No read-back for the pipeline: an unknown outcome then waits for a manager (central: failed).
    // No batch posting either: every charge goes through the scripted postCharge below.
    const { findPosting: _none, postCharges: _batch, ...rest } = real;
    return {
      ...rest,
      async postCharge(charge) {
        const next = script.get(charge.chargeId)?.shift();
        if (next === 'timeout') throw new PmsError('CONNECTION_FAILED', 'the PMS timed out after 10 s');
        if (next === 'down') throw new PmsError('CONNECTION_FAILED', 'PMS link down');
        if (next === 'unknown') throw new PmsError('POSTING_UNKNOWN', 'sent, no answer');
        return real.postCharge(charge);
      },
    };
  };
  return { script, wrap };
}

async function start(
  t: Parameters<typeof startTestCentral>[0],
  clock: { now: () => Date },
  pms = scriptedPms(),
) {
  const central = await startTestCentral(
    t,
    { clock, adapter: pms.wrap, retryPollMs: 40 },
    {
      devices: DEVICES,
      outlets: OUTLETS,
      retry: { maxRetries: 1, intervalMinutes: 5, exponential: false },
      mqtt: {
        embedded: { host: '127.0.0.1', port: await freePort() },
        username: 'central',
        password: 'central-secret',
      },
      metrics: { tokenSha256: SCRAPE_TOKEN_SHA256 },
      reconciliation: { autoReconcile: true, reconcileTime: '03:00', alertOnVariance: true, pollSeconds: 0 },
    },
  );
  await seedDemoHotel(central.folio, TODAY);
  for (const { code } of OUTLETS) await central.catalog.seedIfEmpty(code, US_DEMO_MENU, 'test');
  return { central, pms };
}

async function device(
  t: Parameters<typeof startTestCentral>[0],
  central: Central,
  i: number,
): Promise<MqttClient> {
  const d = DEVICES[i]!;
  const client = connectDevice({
    url: central.mqttUrl,
    property: PROPERTY,
    device: d.id,
    username: d.id,
    password: d.secret,
    outletCode: d.outletCode,
  });
  t.after(() => client.endAsync(true));
  await new Promise<void>((resolve) =>
    client.connected ? resolve() : client.once('connect', () => resolve()),
  );
  return client;
}

/** `waters` of the demo menu's Still Water, priced as an edge prices them (central checks it). */
async function chargeFor(
  central: Central,
  outletCode: string,
  room: string,
  waters: number,
  createdAt: string,
  checkNumber: string,
): Promise<ChargeMessage> {
  const stay = await central.folio.lookupRoom(room);
  return {
    ...chargeMessageFor(
      { roomNumber: room, stayRef: stay.stayRef, quantity: waters, outletCode },
      checkNumber,
    ),
    guestName: `${stay.guest.firstName} ${stay.guest.lastName}`,
    createdAt,
  };
}

function summaryOf(
  outletCode: string,
  charges: Array<{ c: ChargeMessage; status: string; totalMinor?: number }>,
  at: string,
): DailySummaryMessage {
  const byStatus = new Map<string, { count: number; totalMinor: number }>();
  for (const { c, status, totalMinor } of charges) {
    const s = byStatus.get(status) ?? { count: 0, totalMinor: 0 };
    s.count++;
    s.totalMinor += totalMinor ?? c.totalMinor;
    byStatus.set(status, s);
  }
  return {
    v: 1,
    outletCode,
    businessDate: TODAY,
    timeZone: 'America/New_York',
    currency: 'USD',
    closed: true,
    digest: randomUUID().replaceAll('-', '').padEnd(64, '0'),
    byStatus: [...byStatus].map(([status, s]) => ({ status, ...s })),
    charges: charges.map(({ c, status, totalMinor }) => ({
      chargeId: c.chargeId,
      checkNumber: c.checkNumber,
      roomNumber: c.roomNumber,
      totalMinor: totalMinor ?? c.totalMinor,
      status,
      createdAt: c.createdAt,
    })),
    at,
  };
}

type Report = {
  state: string;
  pms: { readBack: string; unknownChecked: boolean };
  summary: {
    varianceMinor: number;
    balanced: boolean;
    totalPostedMinor: number;
    posTotalMinor: number;
    formatted: { variance: string };
  };
  byOutlet: Array<{
    outletCode: string;
    checks: number;
    posTotalMinor: number;
    pmsPostedMinor: number;
    varianceMinor: number;
  }>;
  exceptions: Array<{ kind: string; chargeId: string | null; device: string | null; action: string }>;
  recovered: Array<{ chargeId: string; path: string }>;
  voids: Array<{ chargeId: string; status: string }>;
  withdrawn: Array<{ chargeId: string; by: string }>;
};

test('the report finds every exception of a three-outlet day by charge id, exports it, and is signed off by the rules', async (t) => {
  let now = new Date(`${TODAY}T15:00:00Z`); // 10:00 in New York
  const { central, pms } = await start(t, { now: () => now });
  const [pool, rest, bar] = [
    await device(t, central, 0),
    await device(t, central, 1),
    await device(t, central, 2),
  ];
  const manager = centralAs(central.httpUrl, 'mia.manager', 'manager');
  const at = (hhmm: string) => `${TODAY}T${hhmm}:00.000Z`;

  // POOL: a plain charge (its check number would be a spreadsheet formula), a timeout that recovers,
  // one the PMS took although its answer never came back (central ends up `failed`), a withdrawal.
  const plain = await chargeFor(central, 'POOL', '412', 3, at('15:01'), '=1+2');
  const recovered = await chargeFor(central, 'POOL', '402', 24, at('15:02'), '1002');
  const pmsHasIt = await chargeFor(central, 'POOL', '410', 10, at('15:03'), '1003');
  const withdrawn = await chargeFor(central, 'POOL', '306', 2, at('15:04'), '1004');
  const neverArrived = await chargeFor(central, 'POOL', '402', 2, at('15:05'), '1005');
  pms.script.set(recovered.chargeId, ['timeout']);
  pms.script.set(pmsHasIt.chargeId, ['down', 'down']);
  pms.script.set(withdrawn.chargeId, ['down']);
  // REST: a charge voided later, an unknown outcome.
  const voided = await chargeFor(central, 'REST', '410', 8, at('15:06'), '2001');
  const unknown = await chargeFor(central, 'REST', '402', 15, at('15:07'), '2002');
  pms.script.set(unknown.chargeId, ['unknown']);
  // BAR (auto_post: false): held for a manager; and one whose outlet ledger has another amount.
  const held = await chargeFor(central, 'BAR', '306', 4, at('15:08'), '3001');

  const send = (client: MqttClient, deviceId: string, c: ChargeMessage) =>
    client.publishAsync(topicFor('charge', PROPERTY, deviceId), JSON.stringify(c), { qos: 1 });
  for (const c of [plain, recovered, pmsHasIt, withdrawn]) await send(pool, 'pool-kiosk-1', c);
  for (const c of [voided, unknown]) await send(rest, 'rest-pos-1', c);
  await send(bar, 'bar-pos-1', held);
  // The PMS took this one although central never heard back (injected straight into the folio).
  await createBuiltinAdapter(central.folio).postCharge({ ...pmsHasIt, description: 'Pool Bar' });
  // An outlet charge posted to the folio under an id central never received (injected the same way);
  // the demo's seeded history of today (posted at the folio, no outlet origin) is no exception.
  const unseen = await chargeFor(central, 'REST', '306', 6, at('15:09'), '2003');
  await createBuiltinAdapter(central.folio).postCharge({ ...unseen, description: 'Restaurant' });

  const status = async (id: string) =>
    (await manager.get<{ status: string; error: { code: string } | null }>(`/api/pms/postings/${id}`)).body;
  await eventually(
    async () => ((await status(plain.chargeId)).status === 'posted' ? true : undefined),
    'plain posted',
  );
  await eventually(
    async () => ((await status(voided.chargeId)).status === 'posted' ? true : undefined),
    'void target posted',
  );
  await eventually(async () => ((await status(held.chargeId)).status === 'held' ? true : undefined), 'held');
  await eventually(
    async () => ((await status(unknown.chargeId)).status === 'failed' ? true : undefined),
    'unknown → failed',
  );
  await eventually(
    async () => ((await status(recovered.chargeId)).status === 'queued' ? true : undefined),
    'timeout queued',
  );
  await eventually(
    async () => ((await status(withdrawn.chargeId)).status === 'queued' ? true : undefined),
    'withdrawn queued',
  );
  const withdraw = await manager.delete(`/api/pms/queue/${withdrawn.chargeId}`, {
    reason: 'guest paid by card',
  });
  assert.equal(withdraw.status, 200, withdraw.text);
  now = new Date(`${TODAY}T15:20:00Z`); // past the 5-minute retry
  await eventually(
    async () => ((await status(recovered.chargeId)).status === 'posted' ? true : undefined),
    'recovered',
  );
  await eventually(
    async () => ((await status(pmsHasIt.chargeId)).status === 'failed' ? true : undefined),
    'pmsHasIt failed',
  );
  const v = await manager.post(`/api/pms/postings/${voided.chargeId}/void`, { reason: 'wrong room' });
  assert.equal(v.status, 200, v.text);

  // Each outlet reports its own day; the Pool Bar lists one charge central never received, the
  // Lobby Bar has another amount for its held charge.
  const evening = at('23:30');
  await pool.publishAsync(
    topicFor('dailySummary', PROPERTY, 'pool-kiosk-1'),
    JSON.stringify(
      summaryOf(
        'POOL',
        [
          { c: plain, status: 'posted' },
          { c: recovered, status: 'posted' },
          { c: pmsHasIt, status: 'failed' },
          { c: withdrawn, status: 'rejected' },
          { c: neverArrived, status: 'pending' },
        ],
        evening,
      ),
    ),
    { qos: 1 },
  );
  await rest.publishAsync(
    topicFor('dailySummary', PROPERTY, 'rest-pos-1'),
    JSON.stringify(
      summaryOf(
        'REST',
        [
          { c: voided, status: 'voided' },
          { c: unknown, status: 'failed' },
        ],
        evening,
      ),
    ),
    { qos: 1 },
  );
  await bar.publishAsync(
    topicFor('dailySummary', PROPERTY, 'bar-pos-1'),
    JSON.stringify(
      summaryOf('BAR', [{ c: held, status: 'held', totalMinor: held.totalMinor + 100 }], evening),
    ),
    { qos: 1 },
  );
  await eventually(
    async () =>
      (await central.db.selectFrom('edge_daily_summaries').select('device').execute()).length === 3
        ? true
        : undefined,
    'three summaries stored',
  );

  now = new Date('2026-11-23T12:00:00Z'); // the next day: the 22nd is closed
  const res = await manager.get<Report>(`/api/pms/reconciliation?date=${TODAY}`);
  assert.equal(res.status, 200, res.text);
  const r = res.body;
  const kindsOf = (id: string) =>
    r.exceptions
      .filter((e) => e.chargeId === id)
      .map((e) => e.kind)
      .sort();
  assert.equal(r.pms.readBack, 'full');
  assert.deepEqual(kindsOf(plain.chargeId), []);
  assert.deepEqual(kindsOf(recovered.chargeId), []);
  assert.deepEqual(
    r.recovered.map((x) => [x.chargeId, x.path]),
    [[recovered.chargeId, 'Timeout → Retried → Success']],
  );
  assert.deepEqual(
    r.voids.map((x) => [x.chargeId, x.status]),
    [[voided.chargeId, 'voided']],
  );
  assert.deepEqual(kindsOf(voided.chargeId), []);
  assert.deepEqual(
    r.withdrawn.map((x) => [x.chargeId, x.by]),
    [[withdrawn.chargeId, 'mia.manager']],
  );
  assert.deepEqual(kindsOf(held.chargeId), ['amount_mismatch', 'held']);
  assert.deepEqual(kindsOf(unknown.chargeId), ['unknown_outcome']);
  assert.deepEqual(kindsOf(pmsHasIt.chargeId), ['unexpected_in_pms']);
  assert.deepEqual(kindsOf(neverArrived.chargeId), ['missing_at_central']);
  assert.deepEqual(kindsOf(unseen.chargeId), ['unknown_to_central']);
  const ours = new Set(
    [plain, recovered, pmsHasIt, withdrawn, neverArrived, voided, unknown, held, unseen].map(
      (c) => c.chargeId,
    ),
  );
  assert.deepEqual(
    r.exceptions.filter((e) => e.chargeId !== null && !ours.has(e.chargeId)),
    [],
    "the demo's seeded postings of the day are not exceptions",
  );
  assert.equal(r.pms.unknownChecked, true);
  assert.ok(
    r.exceptions.every((e) => e.action.length > 0),
    'every exception says what to do',
  );

  // Owed: everything but the void and the withdrawal; confirmed: what the folio holds.
  const owed =
    plain.totalMinor +
    recovered.totalMinor +
    pmsHasIt.totalMinor +
    neverArrived.totalMinor +
    unknown.totalMinor +
    held.totalMinor;
  const confirmed = plain.totalMinor + recovered.totalMinor + pmsHasIt.totalMinor + unseen.totalMinor;
  assert.deepEqual(
    [r.summary.posTotalMinor, r.summary.totalPostedMinor, r.summary.varianceMinor, r.summary.balanced],
    [owed, confirmed, owed - confirmed, false],
  );
  assert.equal(r.summary.formatted.variance, `$${((owed - confirmed) / 100).toFixed(2)}`);
  assert.equal(r.state, 'variance');
  const line = (code: string) => r.byOutlet.find((o) => o.outletCode === code);
  assert.deepEqual(
    [line('POOL')?.varianceMinor, line('REST')?.varianceMinor, line('BAR')?.varianceMinor],
    [neverArrived.totalMinor, unknown.totalMinor - unseen.totalMinor, held.totalMinor],
  );
  const barOnly = await manager.get<Report>(`/api/pms/reconciliation?date=${TODAY}&outlet=BAR`);
  assert.deepEqual(
    barOnly.body.byOutlet.map((o) => o.outletCode),
    ['BAR'],
  );

  // Export: JSON and CSV carry the same charges; the formula-looking check number is defused.
  const json = await manager.get<{
    charges: Array<{
      chargeId: string;
      checkNumber: string;
      owedMinor: number;
      confirmedMinor: number;
      exceptions: string[];
    }>;
  }>(`/api/pms/reconciliation/export?date=${TODAY}&format=json`);
  assert.equal(json.status, 200);
  const csv = await manager.get(`/api/pms/reconciliation/export?date=${TODAY}&format=csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
  assert.equal(rows.length, json.body.charges.length);
  assert.equal(rows.length, 9);
  for (const c of json.body.charges) {
    const row = rows.find((x) => x.charge_id === c.chargeId);
    assert.ok(row, `CSV row of ${c.chargeId}`);
    assert.equal(row.owed, (c.owedMinor / 100).toFixed(2));
    assert.equal(row.confirmed, (c.confirmedMinor / 100).toFixed(2));
    assert.equal(row.exceptions, c.exceptions.join(' '));
    assert.equal((row.check_number ?? '').replace(/^'(?=[=+\-@])/, ''), c.checkNumber);
  }
  assert.equal(rows.find((x) => x.charge_id === plain.chargeId)?.check_number, "'=1+2");
  const bad = await manager.get<{ code: string }>(
    `/api/pms/reconciliation/export?date=22-11-2026&format=csv`,
  );
  assert.deepEqual([bad.status, bad.body.code], [400, 'VALIDATION_FAILED']);

  // Who may see it: seed 000 (manager, admin) plus the office; not servers or the front desk.
  assert.equal(
    (await centralAs(central.httpUrl, 'oli.office', 'office').get('/api/pms/reconciliation/daily')).status,
    200,
  );
  assert.equal(
    (await centralAs(central.httpUrl, 'sam.server', 'server').get(`/api/pms/reconciliation?date=${TODAY}`))
      .status,
    403,
  );

  // Sign-off: the front desk may sign off a clean day, not one with a variance; a manager needs a reason.
  const desk = centralAs(central.httpUrl, 'fay.desk', 'front_desk');
  const deskTry = await desk.post<{ code: string }>('/api/pms/reconciliation/sign-off', { date: TODAY });
  assert.deepEqual([deskTry.status, deskTry.body.code], [403, 'FORBIDDEN']);
  const noReason = await manager.post<{ code: string }>('/api/pms/reconciliation/sign-off', { date: TODAY });
  assert.deepEqual([noReason.status, noReason.body.code], [400, 'VALIDATION_FAILED']);
  const signed = await manager.post<{ signOff: { by: string; varianceMinor: number; reason: string } }>(
    '/api/pms/reconciliation/sign-off',
    { date: TODAY, reason: 'BAR check 3001 posted by hand; REST 2002 confirmed with the guest' },
  );
  assert.equal(signed.status, 201, signed.text);
  assert.deepEqual(
    [signed.body.signOff.by, signed.body.signOff.varianceMinor],
    ['mia.manager', owed - confirmed],
  );
  const days = await manager.get<{
    days: Array<{ date: string; state: string; signedOff: { by: string } | null }>;
  }>('/api/pms/reconciliation/daily');
  assert.deepEqual(days.body.days.find((d) => d.date === TODAY)?.state, 'signed_off');
  await assert.rejects(
    central.db.updateTable('reconciliation_signoffs').set({ reason: 'edited' }).execute(),
    /append-only/,
  );
  const clean = await desk.post<{ code: string }>('/api/pms/reconciliation/sign-off', { date: '2026-11-20' });
  assert.equal(clean.status, 201, 'a day without variance: the front desk signs it off');

  // The audit log names who withdrew, voided and signed off.
  const audit = await manager.get<{ entries: Array<{ actor: string; action: string; subject: string }> }>(
    '/api/audit-log',
  );
  const did = (action: string, subject: string) =>
    audit.body.entries.some(
      (e) => e.actor === 'mia.manager' && e.action === action && e.subject.includes(subject),
    );
  assert.ok(did('withdrawn', withdrawn.chargeId), 'the withdrawal');
  assert.ok(did('void-requested', voided.chargeId), 'the void');
  assert.ok(did('night-audit-sign-off', TODAY), 'the sign-off');
  assert.equal((await centralAs(central.httpUrl, 'sam.server', 'server').get('/api/audit-log')).status, 403);
});

test('the automatic run reconciles yesterday once after 03:00 local time, resumes after a crash, and raises the alert in /metrics', async (t) => {
  let now = new Date(`${TODAY}T15:00:00Z`);
  const { central, pms } = await start(t, { now: () => now });
  const pool = await device(t, central, 0);
  const manager = centralAs(central.httpUrl, 'mia.manager', 'manager');
  const stuck = await chargeFor(central, 'POOL', '412', 5, `${TODAY}T15:01:00.000Z`, '1001');
  pms.script.set(stuck.chargeId, ['down', 'down', 'down']);
  await pool.publishAsync(topicFor('charge', PROPERTY, 'pool-kiosk-1'), JSON.stringify(stuck), { qos: 1 });
  await eventually(
    async () =>
      (await manager.get<{ status: string }>(`/api/pms/postings/${stuck.chargeId}`)).body.status === 'queued'
        ? true
        : undefined,
    'the charge waits for a retry',
  );

  now = new Date('2026-11-23T07:59:00Z'); // 02:59 in New York: not due
  assert.deepEqual(await central.reconciliation.tick(), []);
  now = new Date('2026-11-23T08:01:00Z'); // 03:01
  assert.deepEqual(await central.reconciliation.tick(), [TODAY]);
  assert.deepEqual(await central.reconciliation.tick(), [], 'once per day');

  const days = await manager.get<{
    days: Array<{ date: string; state: string; alert: boolean; varianceMinor: number }>;
  }>('/api/pms/reconciliation/daily');
  const day = days.body.days.find((d) => d.date === TODAY);
  assert.deepEqual([day?.state, day?.alert, day?.varianceMinor], ['variance', true, stuck.totalMinor]);
  const metrics = await scrape(central.httpUrl);
  assert.match(
    metrics,
    new RegExp(`roompost_reconciliation_variance_minor\\{outlet="POOL"\\} ${stuck.totalMinor}\\b`),
  );
  assert.match(
    metrics,
    new RegExp(`roompost_reconciliation_day_state\\{date="${TODAY}",state="variance",alert="1"\\} 1`),
  );

  // The built-in night audit shows the reconciliation of the business date it closes.
  const audit = await manager.post<{
    businessDate: string;
    reconciliation: { date: string; summary: { varianceMinor: number } };
  }>('/api/night-audit', {
    businessDate: TODAY,
    override: { reason: 'charge 1001 waits for the PMS' },
  });
  assert.equal(audit.status, 201, audit.text);
  assert.deepEqual(
    [audit.body.reconciliation.date, audit.body.reconciliation.summary.varianceMinor],
    [TODAY, stuck.totalMinor],
  );

  // A run that started and never finished (central killed mid-way) is done at the next tick.
  await markAutoStarted(central.db, '2026-11-21', '2026-11-23T08:00:30.000Z');
  assert.deepEqual(await central.reconciliation.tick(), ['2026-11-21']);
  assert.deepEqual(await central.reconciliation.tick(), []);
});
