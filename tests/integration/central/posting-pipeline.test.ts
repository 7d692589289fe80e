import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type PmsAdapter, type PmsChargeRequest, PmsError, type PmsPostingResult } from '@roompost/central';
import { openSqlite } from '@roompost/folio';
import type { CentralDatabase } from '../../../central/src/db/central-database.js';
import { migrateCentral } from '../../../central/src/db/migrations.js';
import { PostingPipeline } from '../../../central/src/postings/posting-pipeline.js';
import { listAttempts } from '../../../central/src/postings/room-charge.repository.js';
import { recordingLogger } from '../../support/recording-logger.js';

type Step = PmsPostingResult | PmsError;

/** A PMS whose answers the test scripts, one per call, and which remembers what it holds. */
function scriptedPms(steps: Step[], opts: { readBack?: boolean } = {}) {
  const posted = new Map<string, PmsPostingResult>();
  const calls: string[] = [];
  const adapter: PmsAdapter = {
    kind: 'scripted',
    features: new Set(['charge_posting']),
    async testConnection() {},
    async lookupRoom() {
      throw new PmsError('ROOM_NOT_FOUND', 'n/a');
    },
    async lookupCredential() {
      throw new PmsError('CREDENTIAL_NOT_FOUND', 'n/a');
    },
    async postCharge(c: PmsChargeRequest) {
      calls.push(`post ${c.chargeId}`);
      const step = steps.shift();
      if (!step) throw new Error('no scripted answer left');
      if (step instanceof PmsError) {
        if (step.code === 'POSTING_UNKNOWN')
          posted.set(c.chargeId, { pmsTransactionId: 'T-late', folioBalanceMinor: 0, duplicate: false });
        throw step;
      }
      posted.set(c.chargeId, step);
      return step;
    },
    async close() {},
  };
  if (opts.readBack) {
    adapter.findPosting = async (chargeId) => {
      calls.push(`find ${chargeId}`);
      return posted.get(chargeId) ?? null;
    };
  }
  return { adapter, calls };
}

async function pipelineWith(
  t: { after(fn: () => Promise<void>): void },
  adapter: PmsAdapter,
  maxRetries = 2,
) {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-pipeline-'));
  const store = openSqlite<CentralDatabase>(join(dir, 'central.sqlite'));
  await migrateCentral(store.db);
  let now = new Date('2026-11-22T18:00:00Z');
  const clock = { now: () => now };
  const notified: string[] = [];
  const started: PostingPipeline[] = [];
  // Another central process on the same database (after a crash of the first).
  const startPipeline = (pms: PmsAdapter) => {
    const one = new PostingPipeline({
      db: store.db,
      adapter: pms,
      clock,
      logger: recordingLogger(),
      retry: { maxRetries, intervalMs: 5 * 60_000 },
      describeOutlet: () => 'Pool Bar',
      notify: async (_device, status) => {
        notified.push(status.status);
      },
    });
    started.push(one);
    return one;
  };
  const pipeline = startPipeline(adapter);
  t.after(async () => {
    for (const one of started) await one.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const id = '01a1f000-0000-7000-8000-00000000a001';
  await pipeline.receive(
    {
      chargeId: id,
      roomNumber: '412',
      outletCode: 'POOL',
      checkNumber: '1',
      currency: 'USD',
      subtotalMinor: 1000,
      taxMinor: 0,
      tipMinor: 0,
      totalMinor: 1000,
      items: [{ sku: 'X', name: 'X', quantity: 1, unitPriceMinor: 1000, amountMinor: 1000, taxMinor: 0 }],
      stayRef: 's',
      guestName: 'G',
      employeeId: null,
      createdAt: now.toISOString(),
    },
    'pool-kiosk-1',
    'mqtt',
  );
  return {
    id,
    pipeline,
    notified,
    startPipeline,
    db: store.db,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

const ok: PmsPostingResult = { pmsTransactionId: 'T1', folioBalanceMinor: 5000, duplicate: false };
const down = () => new PmsError('CONNECTION_FAILED', 'PMS down');

test('a PMS that is down is retried when post() is called again, then the charge waits for a manager', async (t) => {
  const { adapter, calls } = scriptedPms([down(), down(), down()]);
  const p = await pipelineWith(t, adapter, 2);
  const first = await p.pipeline.post(p.id);
  assert.deepEqual([first.posting_status, first.attempts], ['queued', 1]);
  const tooEarly = await p.pipeline.post(p.id); // post() tries now; the sweep honours next_attempt_at
  assert.equal(tooEarly.attempts, 2);
  p.advance(5 * 60_000);
  const last = await p.pipeline.post(p.id);
  assert.deepEqual([last.posting_status, last.attempts, last.error_code], ['failed', 3, 'CONNECTION_FAILED']);
  assert.equal(calls.length, 3);
  assert.deepEqual(p.notified, ['queued', 'queued', 'failed']);
});

test('a recovered PMS posts on the next try; a rejection is final and not retried', async (t) => {
  const recovered = scriptedPms([down(), ok]);
  const p = await pipelineWith(t, recovered.adapter);
  await p.pipeline.post(p.id);
  const posted = await p.pipeline.post(p.id);
  assert.deepEqual([posted.posting_status, posted.pms_transaction_id], ['posted', 'T1']);
  assert.equal((await p.pipeline.post(p.id)).attempts, 2, 'a posted charge is never sent again');

  const refusing = scriptedPms([new PmsError('CREDIT_EXCEEDED', 'over limit')]);
  const q = await pipelineWith(t, refusing.adapter);
  const rejected = await q.pipeline.post(q.id);
  assert.deepEqual([rejected.posting_status, rejected.error_code], ['rejected', 'CREDIT_EXCEEDED']);
  await q.pipeline.post(q.id);
  assert.equal(refusing.calls.length, 1);
});

test('an unknown outcome is never re-sent blindly: read back where possible, else a manager decides', async (t) => {
  const unknown = () => new PmsError('POSTING_UNKNOWN', 'timeout after sending');
  const blind = scriptedPms([unknown()]);
  const p = await pipelineWith(t, blind.adapter);
  const waiting = await p.pipeline.post(p.id);
  assert.deepEqual([waiting.posting_status, waiting.error_code], ['failed', 'POSTING_UNKNOWN']);
  await p.pipeline.post(p.id);
  assert.deepEqual(blind.calls, [`post ${p.id}`], 'without read-back it is not sent again');

  const verifiable = scriptedPms([unknown()], { readBack: true });
  const q = await pipelineWith(t, verifiable.adapter);
  assert.equal((await q.pipeline.post(q.id)).posting_status, 'queued');
  const found = await q.pipeline.post(q.id);
  assert.deepEqual([found.posting_status, found.pms_transaction_id], ['posted', 'T-late']);
  assert.deepEqual(verifiable.calls, [`post ${q.id}`, `find ${q.id}`], 'verified, not posted twice');
});

test('a read-back that fails keeps the charge in doubt: it is read back again, never sent blindly', async (t) => {
  const pms = scriptedPms([new PmsError('POSTING_UNKNOWN', 'timeout after sending')], { readBack: true });
  const readBack = pms.adapter.findPosting as NonNullable<PmsAdapter['findPosting']>;
  let readBackDown = true;
  pms.adapter.findPosting = async (chargeId, room) => {
    if (!readBackDown) return readBack(chargeId, room);
    pms.calls.push(`find-failed ${chargeId}`);
    throw new PmsError('CONNECTION_FAILED', 'the read-back did not answer');
  };
  const p = await pipelineWith(t, pms.adapter, 5);
  await p.pipeline.post(p.id);
  const still = await p.pipeline.post(p.id);
  assert.deepEqual([still.posting_status, still.error_code], ['queued', 'POSTING_UNKNOWN']);
  readBackDown = false;
  const found = await p.pipeline.post(p.id);
  assert.deepEqual([found.posting_status, found.pms_transaction_id], ['posted', 'T-late']);
  assert.deepEqual(pms.calls, [`post ${p.id}`, `find-failed ${p.id}`, `find ${p.id}`], 'booked once');
});

test('central dying while the PMS books a charge: the restarted central reads it back, never books it twice', async (t) => {
  const booked = new Map<string, PmsPostingResult>();
  const calls: string[] = [];
  let releaseFirst: (err: PmsError) => void = () => {};
  const pmsOf = (hangs: boolean): PmsAdapter => ({
    ...scriptedPms([]).adapter,
    async postCharge(c) {
      calls.push(`post ${c.chargeId}`);
      booked.set(c.chargeId, { pmsTransactionId: 'T-booked', folioBalanceMinor: 0, duplicate: false });
      // The PMS booked it; the answer never reaches the central that sent it (it dies first).
      if (hangs) return new Promise<PmsPostingResult>((_, reject) => (releaseFirst = reject));
      return booked.get(c.chargeId) as PmsPostingResult;
    },
    async findPosting(chargeId) {
      calls.push(`find ${chargeId}`);
      return booked.get(chargeId) ?? null;
    },
  });
  const p = await pipelineWith(t, pmsOf(true));
  const lost = p.pipeline.post(p.id);
  while (calls.length === 0) await new Promise((r) => setTimeout(r, 5));
  const restarted = p.startPipeline(pmsOf(false));
  const after = await restarted.post(p.id);
  assert.deepEqual([after.posting_status, after.pms_transaction_id], ['posted', 'T-booked']);
  assert.deepEqual(calls, [`post ${p.id}`, `find ${p.id}`], 'read back, not posted again');
  releaseFirst(new PmsError('CONNECTION_FAILED', 'the first central is gone'));
  await lost;
});

test("a rate-limited charge waits the PMS's Retry-After and never uses up its retries", async (t) => {
  const limited = (seconds: number | null) =>
    new PmsError('RATE_LIMITED', 'slow down', { retryable: true, context: { retryAfterSeconds: seconds } });
  const { adapter, calls } = scriptedPms([limited(7), limited(7), limited(7), limited(null), ok]);
  const p = await pipelineWith(t, adapter, 2);
  const first = await p.pipeline.post(p.id);
  assert.deepEqual([first.posting_status, first.error_code], ['queued', 'RATE_LIMITED']);
  assert.equal(
    first.next_attempt_at,
    '2026-11-22T18:00:07.000Z',
    'due when the PMS said, not on the 5-minute interval',
  );
  await p.pipeline.post(p.id);
  const third = await p.pipeline.post(p.id);
  assert.equal(third.posting_status, 'queued', 'three 429s with maxRetries 2: still waiting, not failed');
  const fourth = await p.pipeline.post(p.id);
  // No Retry-After: an exponential back-off from the attempt count (2^4 s), not the retry interval.
  assert.equal(fourth.next_attempt_at, '2026-11-22T18:00:16.000Z');
  const posted = await p.pipeline.post(p.id);
  assert.deepEqual([posted.posting_status, posted.pms_transaction_id], ['posted', 'T1']);
  assert.equal(calls.length, 5);
});

test('429s before a PMS outage leave every retry to the outage: a throttled request is not a failed attempt', async (t) => {
  const limited = () =>
    new PmsError('RATE_LIMITED', 'slow down', { retryable: true, context: { retryAfterSeconds: 1 } });
  const { adapter, calls } = scriptedPms([limited(), limited(), limited(), down(), down(), down(), ok]);
  const p = await pipelineWith(t, adapter, 2);
  for (let i = 0; i < 3; i++) {
    const throttled = await p.pipeline.post(p.id);
    assert.deepEqual([throttled.posting_status, throttled.error_code], ['queued', 'RATE_LIMITED']);
  }
  // The first real failure after three 429s: attempt 4 in the log, but the first one that counts,
  // so it waits the retry interval (not the back-off of a fourth failure) and is not failed.
  const firstDown = await p.pipeline.post(p.id);
  assert.deepEqual(
    [firstDown.posting_status, firstDown.attempts, firstDown.rate_limited_answers, firstDown.error_code],
    ['queued', 4, 3, 'CONNECTION_FAILED'],
  );
  assert.equal(firstDown.next_attempt_at, '2026-11-22T18:05:00.000Z', 'the retry interval, once');
  const secondDown = await p.pipeline.post(p.id);
  assert.equal(secondDown.posting_status, 'queued', 'maxRetries 2: the second counted failure still retries');
  const thirdDown = await p.pipeline.post(p.id);
  assert.deepEqual(
    [thirdDown.posting_status, thirdDown.attempts, thirdDown.rate_limited_answers],
    ['failed', 6, 3],
    'the third counted failure uses up maxRetries 2; the 429s did not',
  );
  // The attempt log keeps every send, the throttled ones included.
  const log = await listAttempts(p.db, p.id);
  assert.deepEqual(
    log.map((a) => a.error_code),
    [
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'CONNECTION_FAILED',
      'CONNECTION_FAILED',
      'CONNECTION_FAILED',
    ],
  );
  assert.equal(calls.length, 6);
});
