// Seed 000's retry policy and `auto_post`, set over HTTP on a real central: `PUT /api/pms/config`'s
// `retry` section is validated like central.json's, stored as a version and used by the running
// pipeline at the next failure; an outlet with `autoPost: false` has its charges held (status
// `held`, counted as unposted by night audit) until a manager posts them, once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type PmsAdapter,
  type PmsChargeRequest,
  PmsError,
  type PmsPostingResult,
  startCentral,
} from '@roompost/central';
import { type ChargeView, type KioskLookup, silentLogger } from '@roompost/sync';
import { countPendingPosCharges } from '../../../central/src/jobs/pending-pos-charges.js';
import {
  api,
  centralAs,
  centralConfig,
  eventually,
  freePort,
  startTestCentral,
  startTestStack,
} from '../../support/stack.js';

/** A PMS that fails `failures` times, then posts; it counts what it was sent. */
function flakyPms(failures: number) {
  const calls: string[] = [];
  const adapter: PmsAdapter = {
    kind: 'builtin',
    features: new Set(['charge_posting']),
    async testConnection() {},
    async lookupRoom() {
      throw new PmsError('ROOM_NOT_FOUND', 'n/a');
    },
    async lookupCredential() {
      throw new PmsError('CREDENTIAL_NOT_FOUND', 'n/a');
    },
    async postCharge(c: PmsChargeRequest): Promise<PmsPostingResult> {
      calls.push(c.chargeId);
      if (calls.length <= failures) throw new PmsError('CONNECTION_FAILED', 'PMS link down');
      return { pmsTransactionId: `T${calls.length}`, folioBalanceMinor: 0, duplicate: false };
    },
    async close() {},
  };
  return { adapter, calls };
}

function charge() {
  return {
    chargeId: randomUUID(),
    outletCode: 'POOL',
    checkNumber: '1247',
    roomNumber: '412',
    currency: 'USD',
    subtotalMinor: 1200,
    taxMinor: 0,
    tipMinor: 0,
    totalMinor: 1200,
    items: [{ sku: 'BEER', name: 'Beer', quantity: 2, unitPriceMinor: 600, amountMinor: 1200, taxMinor: 0 }],
  };
}

type Retry = { maxRetries: number; intervalMinutes: number; exponential: boolean };

test('PUT /api/pms/config validates the retry policy and the running pipeline retries at the new interval', async (t) => {
  const pms = flakyPms(1);
  let now = new Date('2026-11-22T18:00:00Z');
  const central = await startTestCentral(t, {
    clock: { now: () => now },
    adapter: () => pms.adapter,
    retryPollMs: 50,
  });
  const admin = centralAs(central.httpUrl, 'ada.admin', 'admin');
  const manager = centralAs(central.httpUrl, 'mo.manager', 'manager');

  const before = await admin.get<{ retry: Retry; version: number | null }>('/api/pms/config');
  assert.deepEqual(before.body.retry, { maxRetries: 3, intervalMinutes: 5, exponential: false });

  const bad = await admin.put<{ code: string; field: string }>('/api/pms/config', {
    pms: { kind: 'builtin' },
    retry: { maxRetries: 2, intervalMinutes: 0 },
  });
  assert.deepEqual(
    [bad.status, bad.body.code, bad.body.field],
    [400, 'VALIDATION_FAILED', 'retry.intervalMinutes'],
  );
  const unknownField = await admin.put<{ field: string }>('/api/pms/config', {
    pms: { kind: 'builtin' },
    retry: { maxRetries: 2, intervalMinutes: 1, attempts: 3 },
  });
  assert.equal(unknownField.status, 400);
  const stillBefore = await admin.get<{ retry: Retry; version: number | null }>('/api/pms/config');
  assert.deepEqual(stillBefore.body, before.body, 'a refused PUT writes nothing');
  const forbidden = await manager.put('/api/pms/config', {
    pms: { kind: 'builtin' },
    retry: before.body.retry,
  });
  assert.equal(forbidden.status, 403);

  const put = await admin.put<{ retry: Retry; version: number }>('/api/pms/config', {
    pms: { kind: 'builtin' },
    retry: { maxRetries: 2, intervalMinutes: 1 },
  });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.body.retry, { maxRetries: 2, intervalMinutes: 1, exponential: false });
  const shown = await admin.get<{ retry: Retry; version: number }>('/api/pms/config');
  assert.deepEqual([shown.body.retry, shown.body.version], [put.body.retry, put.body.version]);
  const stored = await central.db
    .selectFrom('pms_config_versions')
    .select('body_json')
    .where('id', '=', put.body.version)
    .executeTakeFirstOrThrow();
  assert.deepEqual((JSON.parse(stored.body_json) as { retry: Retry }).retry, put.body.retry);

  // The PMS fails the first try: the next one is 1 minute later (the new policy), not 5.
  const c = charge();
  const first = await manager.post<{ status: string; attempts: number; nextAttemptAt: string }>(
    '/api/pms/post',
    c,
  );
  assert.equal(first.status, 201, first.text);
  assert.deepEqual([first.body.status, first.body.attempts], ['queued', 1]);
  assert.equal(first.body.nextAttemptAt, '2026-11-22T18:01:00.000Z');

  now = new Date('2026-11-22T18:00:59Z');
  await sleep(300); // several sweeps: not due yet
  assert.equal(pms.calls.length, 1);

  now = new Date('2026-11-22T18:01:01Z');
  await eventually(async () => {
    const p = await manager.get<{ status: string; attempts: number }>(`/api/pms/postings/${c.chargeId}`);
    return p.body.status === 'posted' ? p.body : undefined;
  }, 'the retry at the new interval');
  assert.deepEqual(pms.calls, [c.chargeId, c.chargeId]);
});

test('an outlet without auto-post: its charges are held until a manager posts them, then posted once', async (t) => {
  const stack = await startTestStack(t);
  const url = stack.central.httpUrl;
  const admin = centralAs(url, 'ada.admin', 'admin');
  const manager = centralAs(url, 'mo.manager', 'manager');
  const outlets = await admin.put('/api/pms/outlets', {
    outlets: [{ code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar', autoPost: false }],
  });
  assert.equal(outlets.status, 200, outlets.text);

  const charges: string[] = [];
  for (const sku of ['WATER', 'WATER']) {
    const lookup = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' });
    const created = await api<ChargeView>(stack.edge.httpUrl, '/api/checks', {
      requestId: randomUUID(),
      verificationId: lookup.body.verificationId,
      items: [{ sku, quantity: 1 }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    charges.push(created.body.id);
  }
  const [a, b] = charges as [string, string];
  for (const id of charges) {
    await eventually(async () => {
      const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${id}`);
      return c.body.status === 'held' ? true : undefined;
    }, 'the kiosk to see the charge held');
  }
  await sleep(500); // a few retry sweeps (every 200 ms): a held charge is not sent
  const held = await manager.get<{ postings: Array<{ id: string; status: string; attempts: number }> }>(
    '/api/pms/postings?status=held',
  );
  assert.deepEqual(held.body.postings.map((p) => [p.status, p.attempts]).sort(), [
    ['held', 0],
    ['held', 0],
  ]);
  const queue = await manager.get<{ pending: number; postings: Array<{ status: string }> }>('/api/pms/queue');
  assert.equal(queue.body.pending, 2);
  assert.equal(await countPendingPosCharges(stack.central.db), 2, 'night audit counts held charges');

  // One charge by the per-posting retry, the rest by "process queue".
  const one = await manager.post<{ status: string; attempts: number }>(`/api/pms/queue/${a}/retry`, {});
  assert.equal(one.status, 200, one.text);
  assert.deepEqual([one.body.status, one.body.attempts], ['posted', 1]);
  const processed = await manager.post<{ pending: number }>('/api/pms/queue/process', {});
  assert.equal(processed.status, 200, processed.text);
  assert.equal(processed.body.pending, 0);
  assert.equal(await countPendingPosCharges(stack.central.db), 0);
  const again = await manager.post<{ pending: number }>('/api/pms/queue/process', {});
  assert.equal(again.body.pending, 0);

  for (const id of charges) {
    await eventually(async () => {
      const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${id}`);
      return c.body.status === 'posted' ? true : undefined;
    }, 'the kiosk to see held → posted');
  }
  const detail = await manager.get<{
    status: string;
    attempts: number;
    attemptLog: Array<{ outcome: string; actor: string | null }>;
  }>(`/api/pms/postings/${b}`);
  assert.deepEqual([detail.body.status, detail.body.attempts], ['posted', 1]);
  assert.deepEqual(
    detail.body.attemptLog.map((l) => [l.outcome, l.actor]),
    [
      ['released', 'mo.manager'],
      ['posted', null],
    ],
  );
  // Posted exactly once: one folio posting per charge in the built-in PMS.
  const postings = await stack.central.db
    .selectFrom('posting_attempts')
    .select(['charge_id'])
    .where('outcome', '=', 'posted')
    .execute();
  assert.deepEqual(postings.map((p) => p.charge_id).sort(), [...charges].sort());
  const withdrawn = await manager.post(`/api/pms/queue/${a}/retry`, {});
  assert.equal(withdrawn.status, 409, 'a posted charge is not posted again');
});

test('a stored retry policy outlives a restart; central.json applies until one is stored', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-retry-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const boot = async () =>
    startCentral(centralConfig(await freePort()), { dataDir: dir, logger: silentLogger, env: {} });
  const first = await boot();
  try {
    const admin = centralAs(first.httpUrl, 'ada.admin', 'admin');
    const put = await admin.put('/api/pms/config', {
      pms: { kind: 'builtin' },
      retry: { maxRetries: 5, intervalMinutes: 2, exponential: true },
    });
    assert.equal(put.status, 200, put.text);
  } finally {
    await first.stop();
  }
  const second = await boot();
  try {
    const shown = await centralAs(second.httpUrl, 'ada.admin', 'admin').get<{ retry: Retry }>(
      '/api/pms/config',
    );
    assert.deepEqual(shown.body.retry, { maxRetries: 5, intervalMinutes: 2, exponential: true });
  } finally {
    await second.stop();
  }
});
