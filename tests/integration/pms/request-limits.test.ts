// A backlog of room charges drains through the posting pipeline (real SQLite file) to a cloud PMS
// simulator (real HTTP on loopback) that enforces the vendor's published request limits. Either the
// adapter keeps under them (no 429 at all), or, where the PMS lowered its limit without notice, it
// backs off as the PMS says and sends nothing early; in both cases every charge is booked once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type PmsAdapter, PmsError } from '@roompost/central';
import { openSqlite } from '@roompost/folio';
import { systemClock } from '../../../central/src/clock.js';
import type { CentralDatabase } from '../../../central/src/db/central-database.js';
import { migrateCentral } from '../../../central/src/db/migrations.js';
import { createApaleoAdapter } from '../../../central/src/pms/apaleo/apaleo-adapter.js';
import { apaleoPmsConfig } from '../../../central/src/pms/apaleo/apaleo-config.js';
import { startApaleoSimulator } from '../../../central/src/pms/apaleo/apaleo-simulator.js';
import { createCloudbedsAdapter } from '../../../central/src/pms/cloudbeds/cloudbeds-adapter.js';
import { cloudbedsPmsConfig } from '../../../central/src/pms/cloudbeds/cloudbeds-config.js';
import { startCloudbedsSimulator } from '../../../central/src/pms/cloudbeds/cloudbeds-simulator.js';
import {
  APALEO_LIVE_REQUEST_LIMITS,
  APALEO_TRIAL_REQUEST_LIMITS,
  CLOUDBEDS_REQUEST_LIMITS,
  MEWS_REQUEST_LIMITS,
  OHIP_REQUEST_LIMITS,
  type RequestWindow,
} from '../../../central/src/pms/http/request-limits.js';
import type { SimGuestSeed } from '../../../central/src/pms/http/sim-hotel.js';
import type { SimLimitStats } from '../../../central/src/pms/http/sim-server.js';
import { createMewsAdapter } from '../../../central/src/pms/mews/mews-adapter.js';
import { mewsPmsConfig } from '../../../central/src/pms/mews/mews-config.js';
import { startMewsSimulator } from '../../../central/src/pms/mews/mews-simulator.js';
import { createOhipAdapter } from '../../../central/src/pms/ohip/ohip-adapter.js';
import { ohipPmsConfig } from '../../../central/src/pms/ohip/ohip-config.js';
import { startOhipSimulator } from '../../../central/src/pms/ohip/ohip-simulator.js';
import { PostingPipeline } from '../../../central/src/postings/posting-pipeline.js';
import { recordingLogger } from '../../support/recording-logger.js';

type After = { after(fn: () => Promise<void>): void };
const ROOMS = ['401', '402', '403', '404'];
const GUESTS = ['Wilson', 'Garcia', 'Okafor', 'Tanaka'];

/** Posts `count` charges across the seeded rooms through a real pipeline; resolves when all are posted. */
async function drainBurst(t: After, adapter: PmsAdapter, currency: string, count: number) {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-limits-'));
  const store = openSqlite<CentralDatabase>(join(dir, 'central.sqlite'));
  await migrateCentral(store.db);
  const logger = recordingLogger();
  const pipeline = new PostingPipeline({
    db: store.db,
    adapter,
    clock: systemClock,
    logger,
    retry: { maxRetries: 3, intervalMs: 5 * 60_000 },
    describeOutlet: () => 'Pool Bar',
    notify: async () => {},
    pollMs: 100,
  });
  t.after(async () => {
    await pipeline.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const stays = new Map<string, string>();
  for (const room of ROOMS) stays.set(room, (await lookupAsked(adapter, room)).stayRef);
  const ids: string[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const room = ROOMS[i % ROOMS.length] ?? '401';
    const chargeId = randomUUID();
    ids.push(chargeId);
    await pipeline.receive(
      {
        chargeId,
        roomNumber: room,
        stayRef: stays.get(room) ?? null,
        guestName: null,
        outletCode: 'POOL',
        checkNumber: String(1000 + i),
        currency,
        subtotalMinor: 1000,
        taxMinor: 0,
        tipMinor: 0,
        totalMinor: 1000,
        items: [
          { sku: 'B', name: 'Beer', quantity: 1, unitPriceMinor: 1000, amountMinor: 1000, taxMinor: 0 },
        ],
        employeeId: null,
        createdAt: new Date().toISOString(),
      },
      'pool-kiosk-1',
      'mqtt',
    );
  }
  pipeline.start();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const rows = await store.db.selectFrom('room_charges').select(['id', 'posting_status']).execute();
    const notPosted = rows.filter((r) => r.posting_status !== 'posted');
    if (notPosted.length === 0) break;
    assert.ok(
      notPosted.every((r) => r.posting_status === 'queued' || r.posting_status === 'received'),
      `no charge may fail or be rejected while the PMS asks us to wait: ${JSON.stringify(notPosted)}`,
    );
    assert.ok(Date.now() < deadline, `${notPosted.length} charges still not posted`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const attempts = await store.db
    .selectFrom('posting_attempts')
    .select(['charge_id', 'outcome', 'error_code'])
    .execute();
  return { ids, elapsedMs: performance.now() - started, attempts };
}

/** A lookup the PMS rate-limits is asked again, as the outlet would: the adapter's gate makes it wait. */
async function lookupAsked(adapter: PmsAdapter, room: string, tries = 8) {
  for (let i = 1; ; i++) {
    try {
      return await adapter.lookupRoom(room);
    } catch (err) {
      if (!(err instanceof PmsError && err.code === 'RATE_LIMITED') || i >= tries) throw err;
    }
  }
}

/** No window of the vendor's limits ever held more requests than allowed (what the simulator admitted). */
function assertWithin(stats: SimLimitStats, windows: RequestWindow[]): void {
  for (const w of windows) {
    const ms = w.seconds * 1000;
    let peak = 0;
    for (let i = 0; i < stats.admitted.length; i++) {
      const start = stats.admitted[i] ?? 0;
      let n = 0;
      for (let j = i; j < stats.admitted.length && (stats.admitted[j] ?? 0) < start + ms; j++) n++;
      peak = Math.max(peak, n);
    }
    assert.ok(peak <= w.requests, `${peak} requests within ${w.seconds} s (limit ${w.requests})`);
  }
}

/** Every charge is on the folio exactly once, under its own reference. */
function assertEachOnce(postings: Array<{ reference: string }>, ids: string[]): void {
  const refs = postings.map((p) => p.reference);
  assert.equal(refs.length, ids.length, 'one folio line per charge, no more');
  assert.deepEqual([...refs].sort(), [...ids].sort());
}

function seed(sim: { seedGuest(g: SimGuestSeed): void }): void {
  for (const [i, roomNumber] of ROOMS.entries())
    sim.seedGuest({ roomNumber, firstName: 'Guest', lastName: GUESTS[i] ?? 'Guest', creditLimitMinor: null });
}

test('the adapters default to the limits the vendors publish', () => {
  const base = { currency: 'USD', timeoutMs: 800 };
  const mews = mewsPmsConfig.parse({
    ...base,
    kind: 'mews',
    clientToken: 'c',
    accessToken: 'a',
    serviceId: 's',
    taxCode: 'T',
  });
  assert.deepEqual(mews.requestLimits, [{ requests: 200, seconds: 30 }]);
  const cloudbeds = cloudbedsPmsConfig.parse({
    ...base,
    kind: 'cloudbeds',
    auth: { type: 'apiKey', apiKey: 'k' },
  });
  assert.deepEqual(cloudbeds.requestLimits, [{ requests: 5, seconds: 1 }]);
  const apaleo = apaleoPmsConfig.parse({
    ...base,
    kind: 'apaleo',
    propertyId: 'MUC',
    auth: { clientId: 'c', clientSecret: 's' },
  });
  assert.deepEqual(apaleo.requestLimits, APALEO_LIVE_REQUEST_LIMITS);
  assert.deepEqual(MEWS_REQUEST_LIMITS, mews.requestLimits);
  const ohip = ohipPmsConfig.parse({
    ...base,
    kind: 'ohip',
    baseUrl: 'https://ohip.example',
    appKey: 'k',
    hotelId: 'SAND01',
    auth: { clientId: 'c', clientSecret: 's' },
    cashierId: 1,
    transactionCodes: {},
    defaultTransactionCode: '2000',
  });
  assert.deepEqual(ohip.requestLimits, [{ requests: 50, seconds: 1 }]);
  assert.deepEqual(OHIP_REQUEST_LIMITS, ohip.requestLimits);
  assert.deepEqual(CLOUDBEDS_REQUEST_LIMITS, cloudbeds.requestLimits);
  // A limit that is no limit is a config error, named.
  const bad = cloudbedsPmsConfig.safeParse({
    ...base,
    kind: 'cloudbeds',
    auth: { type: 'apiKey', apiKey: 'k' },
    requestLimits: [{ requests: 0, seconds: 1 }],
  });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error?.issues[0]?.path, ['requestLimits', 0, 'requests']);
});

// Mews' published window is 200 requests per AccessToken in 30 s; the burst tests use the same rule
// scaled to 30 in 3 s so that a backlog meets it within seconds, on both sides alike.
const MEWS_SCALED: RequestWindow[] = [{ requests: 30, seconds: 3 }];

function mewsAdapter(
  url: string,
  tokens: { clientToken: string; accessToken: string; serviceId: string },
  limits?: RequestWindow[],
) {
  return createMewsAdapter(
    mewsPmsConfig.parse({
      kind: 'mews',
      baseUrl: url,
      ...tokens,
      taxCode: 'US-DC-G',
      currency: 'USD',
      timeoutMs: 5_000,
      ...(limits ? { requestLimits: limits } : {}),
    }),
    { clock: systemClock },
  );
}

test('mews: a backlog drains at the AccessToken limit, with no 429 and each charge once', async (t) => {
  const sim = await startMewsSimulator({ currency: 'USD', requestLimits: MEWS_SCALED });
  t.after(() => sim.close());
  seed(sim);
  const adapter = mewsAdapter(sim.url, sim.tokens, MEWS_SCALED);
  t.after(() => adapter.close());
  const { ids, elapsedMs } = await drainBurst(t, adapter, 'USD', 24);
  assert.equal(sim.server.limits.refused, 0, 'the simulator never had to refuse a request');
  assertWithin(sim.server.limits, MEWS_SCALED);
  // 8 lookups + 24 × 3 calls = 80 requests at 30 per 3 s: at least two full windows of waiting.
  assert.ok(sim.server.limits.admitted.length >= 80);
  assert.ok(
    elapsedMs >= 2 * 3000 - 100,
    `drained in ${Math.round(elapsedMs)} ms, faster than the limit allows`,
  );
  assertEachOnce(sim.hotel.postings, ids);
});

test('mews: when the limit is lower than configured, the adapter waits out Retry-After and posts each charge once', async (t) => {
  // Mews: "Number of requests and time window can be changed without prior notice."
  const sim = await startMewsSimulator({ currency: 'USD', requestLimits: MEWS_SCALED });
  t.after(() => sim.close());
  seed(sim);
  const adapter = mewsAdapter(sim.url, sim.tokens); // believes the published 200 per 30 s
  t.after(() => adapter.close());
  const { ids, attempts } = await drainBurst(t, adapter, 'USD', 24);
  const stats = sim.server.limits;
  assert.ok(stats.refused > 0, 'the simulator enforced its limit');
  assert.equal(stats.earlyAfterRetryAfter, 0, 'nothing was sent before Retry-After had passed');
  // No storm: each time the window fills, at most the requests already in flight (2 postings at a
  // time for Mews, plus a lookup) meet the 429 before the gate closes.
  const windowsFilled = Math.ceil(stats.admitted.length / 30);
  assert.ok(stats.refused <= 3 * windowsFilled, `${stats.refused} refusals over ${windowsFilled} windows`);
  const limited = attempts.filter((a) => a.error_code === 'RATE_LIMITED');
  assert.ok(
    limited.every((a) => a.outcome === 'retry'),
    'a rate-limited charge is retried, never failed',
  );
  assertEachOnce(sim.hotel.postings, ids);
});

test('cloudbeds: a backlog keeps to 5 requests per second per client, each charge once by referenceID', async (t) => {
  const sim = await startCloudbedsSimulator({ currency: 'USD' }); // the published property limit
  t.after(() => sim.close());
  seed(sim);
  const adapter = createCloudbedsAdapter(
    cloudbedsPmsConfig.parse({
      kind: 'cloudbeds',
      baseUrl: sim.baseUrl,
      currency: 'USD',
      timeoutMs: 5_000,
      auth: {
        type: 'oauth',
        tokenUrl: `${sim.baseUrl}/access_token`,
        clientId: 'cb-client',
        clientSecret: 'cb-secret',
      },
    }),
    { clock: systemClock },
  );
  t.after(() => adapter.close());
  const { ids, elapsedMs } = await drainBurst(t, adapter, 'USD', 12);
  const stats = sim.server.limits;
  assert.equal(
    stats.refused,
    0,
    'Cloudbeds suspends credentials that exceed the limit: not one request over',
  );
  assertWithin(stats, CLOUDBEDS_REQUEST_LIMITS);
  const seconds = Math.ceil(stats.admitted.length / 5) - 1;
  assert.ok(
    elapsedMs >= seconds * 1000 - 800,
    `drained ${stats.admitted.length} requests in ${Math.round(elapsedMs)} ms`,
  );
  assertEachOnce(sim.hotel.postings, ids);
  const refs = sim.server.received.map((r) => new URLSearchParams(r.body).get('referenceID'));
  assert.deepEqual(new Set(refs), new Set(ids));
});

test('apaleo: a trial account keeps to 5 per second; over the limit, no Retry-After means exponential back-off', async (t) => {
  const sim = await startApaleoSimulator({ currency: 'EUR', requestLimits: APALEO_TRIAL_REQUEST_LIMITS });
  t.after(() => sim.close());
  seed(sim);
  const config = (limits?: RequestWindow[]) =>
    apaleoPmsConfig.parse({
      kind: 'apaleo',
      baseUrl: sim.url,
      propertyId: 'MUC',
      currency: 'EUR',
      timeoutMs: 5_000,
      auth: {
        tokenUrl: `${sim.url}/connect/token`,
        clientId: 'apaleo-client',
        clientSecret: 'apaleo-secret',
      },
      ...(limits ? { requestLimits: limits } : {}),
    });

  // Configured for a trial account: under the limit throughout.
  const paced = createApaleoAdapter(config(APALEO_TRIAL_REQUEST_LIMITS), { clock: systemClock });
  t.after(() => paced.close());
  const first = await drainBurst(t, paced, 'EUR', 6);
  assert.equal(sim.server.limits.refused, 0);
  assertWithin(sim.server.limits, APALEO_TRIAL_REQUEST_LIMITS);
  assertEachOnce(sim.hotel.postings, first.ids);

  // Left at the live figures against a trial account: apaleo answers 429 (no Retry-After); the
  // adapter backs off 1 s, 2 s… and re-sends each charge with its same Idempotency-Key.
  const eager = createApaleoAdapter(config(), { clock: systemClock });
  t.after(() => eager.close());
  const before = sim.hotel.postings.length;
  const second = await drainBurst(t, eager, 'EUR', 6);
  assert.ok(sim.server.limits.refused > 0, 'the trial limit was met');
  assertEachOnce(sim.hotel.postings.slice(before), second.ids);
  const keys = new Map<string, Set<string>>();
  for (const r of sim.server.received) {
    const key = String(r.headers['idempotency-key']);
    const body = r.body;
    keys.set(key, (keys.get(key) ?? new Set()).add(body));
  }
  for (const id of second.ids)
    assert.equal(keys.get(id)?.size, 1, 'each re-send repeats the same key and body');
});

// Oracle's published throttling is 50 requests per second per OPERA Cloud environment, the rest of
// the second delayed by 1000 ms; the tests scale it to 10 per second on both sides.
const OHIP_SCALED: RequestWindow[] = [{ requests: 10, seconds: 1 }];

function ohipAdapter(url: string, appKey: string, limits?: RequestWindow[]) {
  return createOhipAdapter(
    ohipPmsConfig.parse({
      kind: 'ohip',
      baseUrl: url,
      appKey,
      hotelId: 'SAND01',
      auth: { clientId: 'ohip-client', clientSecret: 'ohip-secret' },
      cashierId: 113,
      transactionCodes: { POOL: '2010' },
      defaultTransactionCode: '2000',
      currency: 'USD',
      timeoutMs: 5_000,
      ...(limits ? { requestLimits: limits } : {}),
    }),
    { clock: systemClock },
  );
}

test('opera cloud: a backlog keeps to the environment limit; nothing is held back by OHIP, each charge once', async (t) => {
  const sim = await startOhipSimulator({ currency: 'USD', hotelId: 'SAND01', requestLimits: OHIP_SCALED });
  t.after(() => sim.close());
  seed(sim);
  const adapter = ohipAdapter(sim.url, sim.appKey, OHIP_SCALED);
  t.after(() => adapter.close());
  const { ids, elapsedMs } = await drainBurst(t, adapter, 'USD', 24);
  const stats = sim.server.limits;
  assert.equal(stats.delayed, 0, 'OHIP never had to delay a request');
  assert.equal(stats.refused, 0);
  assertWithin(stats, OHIP_SCALED);
  // 4 lookups + 24 postings (+ the in-doubt read-backs none of them needs) at 10 per second.
  assert.ok(stats.admitted.length >= 28);
  assert.ok(
    elapsedMs >= 2 * 1000 - 100,
    `drained in ${Math.round(elapsedMs)} ms, faster than the limit allows`,
  );
  assertEachOnce(sim.hotel.postings, ids);
});

test('opera cloud: a 429 with Retry-After is waited out, never counted as a failure, each charge once', async (t) => {
  const sim = await startOhipSimulator({
    currency: 'USD',
    hotelId: 'SAND01',
    requestLimits: OHIP_SCALED,
    overLimit: 'refuse',
  });
  t.after(() => sim.close());
  seed(sim);
  const adapter = ohipAdapter(sim.url, sim.appKey); // believes the published 50 per second
  t.after(() => adapter.close());
  const { ids, attempts } = await drainBurst(t, adapter, 'USD', 24);
  const stats = sim.server.limits;
  assert.ok(stats.refused > 0, 'the simulator enforced its limit');
  assert.equal(stats.earlyAfterRetryAfter, 0, 'nothing was sent before Retry-After had passed');
  const limited = attempts.filter((a) => a.error_code === 'RATE_LIMITED');
  assert.ok(limited.length > 0);
  assert.ok(
    limited.every((a) => a.outcome === 'retry'),
    'a rate-limited charge is retried, never failed',
  );
  assertEachOnce(sim.hotel.postings, ids);
});
