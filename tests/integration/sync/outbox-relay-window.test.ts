// The edge's outbox relay refills its window by central's answers: a backlog goes to central no
// faster than central answers it, so each charge is answered once with its outcome. A central that
// answers only "accepted" (at once) keeps the backlog moving; one that does not answer in time makes
// the relay refill by PUBACKs instead (it never stalls); after a reconnect nothing is lost. Real
// parts: the embedded aedes on a TCP port, the relay's mqtt.js device client, the edge's SQLite
// outbox; central is stood in for by a client on the broker that answers as each test needs.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqlite } from '@roompost/folio';
import {
  type ChargeStatusMessage,
  connectDevice,
  type EmbeddedBroker,
  OutboxRelay,
  type OutboxRelayOptions,
  startEmbeddedBroker,
  topicFor,
  wildcardFor,
} from '@roompost/sync';
import { insertCheckWithCharge } from '../../../edge/src/charges/charge.repository.js';
import { sqliteOutboxStore } from '../../../edge/src/charges/outbox-store.js';
import type { EdgeDatabase } from '../../../edge/src/db/edge-database.js';
import { migrateEdge } from '../../../edge/src/db/migrations.js';
import { offlineChargeRows } from '../../support/offline-charge.js';
import { chargeMessageFor } from '../../support/raw-charges.js';
import { recordingLogger } from '../../support/recording-logger.js';

const PROPERTY = 'HARBOUR';
const DEVICE = 'pool-1';
const SECRET = 'secret-pool-1';

type T = import('node:test').TestContext;
type Answer = 'posted' | 'accepted' | 'silent';

/** The broker, a central stand-in answering charges, and an edge outbox holding `n` charges. */
async function road(t: T, n: number) {
  const broker: EmbeddedBroker = await startEmbeddedBroker({
    host: '127.0.0.1',
    port: 0,
    logger: recordingLogger(),
    authenticate: async (username, password) =>
      username === DEVICE && password?.toString() === SECRET
        ? { kind: 'device', property: PROPERTY, device: DEVICE }
        : null,
  });
  t.after(() => broker.close());

  // Central: every charge it receives (with repeats), those it has not answered yet, and the most
  // it ever held unanswered at once.
  const central = broker.serviceClient();
  t.after(() => central.endAsync());
  const state = {
    answer: 'posted' as Answer,
    delayMs: 30,
    received: [] as string[],
    unanswered: new Set<string>(),
    maxUnanswered: 0,
    posted: new Set<string>(),
  };
  const statusTopic = topicFor('chargeStatus', PROPERTY, DEVICE);
  const tell = (chargeId: string, status: 'posted' | 'accepted') => {
    const message: ChargeStatusMessage = {
      v: 1,
      chargeId,
      status,
      pmsTransactionId: status === 'posted' ? `T-${chargeId}` : null,
      folioBalanceMinor: null,
      error: null,
      at: new Date().toISOString(),
    };
    state.unanswered.delete(chargeId);
    if (status === 'posted') state.posted.add(chargeId);
    void central.publishAsync(statusTopic, JSON.stringify(message), { qos: 1 });
  };
  central.on('message', (_topic: string, payload: Buffer) => {
    const { chargeId } = JSON.parse(payload.toString()) as { chargeId: string };
    state.received.push(chargeId);
    if (state.answer === 'silent') return;
    if (state.posted.has(chargeId)) return tell(chargeId, 'posted'); // a replay: its current status
    state.unanswered.add(chargeId);
    state.maxUnanswered = Math.max(state.maxUnanswered, state.unanswered.size);
    if (state.answer === 'accepted') return tell(chargeId, 'accepted');
    setTimeout(() => tell(chargeId, 'posted'), state.delayMs);
  });
  await central.subscribeAsync(wildcardFor('charge', PROPERTY), { qos: 1 });

  const dir = await mkdtemp(join(tmpdir(), 'roompost-relay-window-'));
  const store = openSqlite<EdgeDatabase>(join(dir, 'edge.sqlite'));
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateEdge(store.db);
  const ids: string[] = [];
  const now = new Date().toISOString();
  for (let i = 0; i < n; i++) {
    const m = chargeMessageFor({ roomNumber: '402', stayRef: 's-402' }, `W${i}`);
    ids.push(m.chargeId);
    await insertCheckWithCharge(store.db, undefined, (checkNumber) => offlineChargeRows(m, checkNumber, now));
  }
  const open = async () =>
    Number(
      (
        await store.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('done_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );

  const logger = recordingLogger();
  const startRelay = async (options: Partial<OutboxRelayOptions>) => {
    const client = connectDevice({
      url: `mqtt://127.0.0.1:${broker.port}`,
      property: PROPERTY,
      device: DEVICE,
      username: DEVICE,
      password: SECRET,
      reconnectPeriodMs: 50,
    });
    t.after(() => client.endAsync(true));
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const relay = new OutboxRelay({
      client,
      property: PROPERTY,
      device: DEVICE,
      store: sqliteOutboxStore(store.db, () => new Date()),
      logger,
      tickMs: 50,
      window: 5,
      ...options,
    });
    await relay.start();
    t.after(() => relay.stop());
    return relay;
  };
  return { broker, state, ids, open, logger, startRelay, db: store.db };
}

async function until(what: string, probe: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("central's answers refill the window: never more charges unanswered at central than the window, each sent and answered once", async (t) => {
  const r = await road(t, 40);
  const relay = await r.startRelay({ answerWaitMs: 2_000 });
  await until('the outbox drained', async () => (await r.open()) === 0);
  assert.ok(
    r.state.maxUnanswered <= 5,
    `at most the window (5) unanswered at central at once, saw ${r.state.maxUnanswered}`,
  );
  assert.equal(r.state.received.length, 40, 'each charge published once (no re-publish, no extra)');
  assert.deepEqual(new Set(r.state.received), new Set(r.ids));
  assert.equal(relay.refilledByAnswers, true);
  assert.equal(relay.busy, false, 'nothing left waiting for an answer');
});

test('refilled by PUBACKs (answerWaitMs 0), the same backlog runs ahead of central: what the answers prevent', async (t) => {
  const r = await road(t, 40);
  r.state.delayMs = 150;
  const relay = await r.startRelay({ answerWaitMs: 0 });
  await until('the outbox drained', async () => (await r.open()) === 0);
  assert.equal(relay.refilledByAnswers, false);
  assert.ok(
    r.state.maxUnanswered > 5,
    `PUBACKs let more than the window wait at central (saw ${r.state.maxUnanswered})`,
  );
});

test('a central that answers "accepted" at once keeps the backlog moving, one publish per charge', async (t) => {
  const r = await road(t, 40);
  r.state.answer = 'accepted';
  const relay = await r.startRelay({ answerWaitMs: 2_000, pollMs: 60_000 });
  await until('every charge received', () => r.state.received.length >= 40);
  await relay.idle();
  assert.equal(r.state.received.length, 40);
  assert.equal(relay.refilledByAnswers, true);
  // "accepted" is not final: each entry stays in the outbox, due again at the poll.
  assert.equal(await r.open(), 40);
  const statuses = await r.db.selectFrom('charges').select('status').distinct().execute();
  assert.deepEqual(
    statuses.map((s) => s.status),
    ['accepted'],
  );
});

test('a central that does not answer in time: the relay falls back to PUBACKs, then back to answers once they come in time', async (t) => {
  const r = await road(t, 40);
  r.state.answer = 'silent';
  // Answers alone would take 8 windows × 1 s; PUBACKs send all 40 right after the first wait.
  const relay = await r.startRelay({ answerWaitMs: 1_000, retryMs: 60_000 });
  const t0 = Date.now();
  await until('every charge published', () => r.state.received.length >= 40, 4_000);
  const took = Date.now() - t0;
  assert.ok(took < 3_000, `the backlog was not held to a window per wait (${took} ms)`);
  assert.equal(relay.refilledByAnswers, false);
  assert.equal(
    r.logger.find('central did not answer charges in time: the outbox window is refilled by PUBACKs').length,
    1,
  );
  assert.equal(await r.open(), 40, 'unanswered charges stay in the outbox');

  // Central answers again, in time: once the late ones are given up on, a new charge's answer puts
  // the answers back in charge.
  await until('the unanswered given up on', () => !relay.busy);
  r.state.answer = 'posted';
  const m = chargeMessageFor({ roomNumber: '402', stayRef: 's-402' }, 'LATE');
  await insertCheckWithCharge(r.db, undefined, (n) => offlineChargeRows(m, n, new Date().toISOString()));
  relay.nudge();
  await until('the new charge posted', () => r.state.posted.has(m.chargeId));
  await until('answers refill again', () => relay.refilledByAnswers);
});

test('a reconnect in the middle of a backlog loses nothing: every charge ends answered "posted", none left open', async (t) => {
  const r = await road(t, 60);
  r.state.delayMs = 40;
  const relay = await r.startRelay({ answerWaitMs: 2_000, retryMs: 300 });
  await until('a part of the backlog received', () => r.state.received.length >= 15);
  assert.equal(r.broker.disconnectDevice(DEVICE), 1, 'the edge dropped by the broker');
  await until('the outbox drained', async () => (await r.open()) === 0, 15_000);
  assert.deepEqual(new Set(r.state.posted), new Set(r.ids), 'every charge posted at central');
  const rows = await r.db.selectFrom('charges').select(['id', 'status']).execute();
  assert.equal(rows.length, 60);
  assert.ok(
    rows.every((c) => c.status === 'posted'),
    'the edge recorded every charge posted',
  );
  assert.equal(relay.refilledByAnswers, true, 'a new session starts refilled by answers');
  assert.ok(
    r.state.maxUnanswered <= 5 + 5,
    `central never held much more than a window (${r.state.maxUnanswered})`,
  );
});
