// A charge posted moments after central stored it is answered once, with the outcome ("accepted"
// then "posted" was two messages, two records and two kiosk updates per charge on a drained
// backlog); a PMS slower than the answer window still gets "accepted" first. A burst of several
// overlapping folio batches is attempted once per charge. The edge's outbox records a group of
// PUBACKs and statuses in order, as one at a time did.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createBuiltinAdapter, PmsError } from '@roompost/central';
import { openSqlite } from '@roompost/folio';
import type { ChargeStatusMessage } from '@roompost/sync';
import { sql } from 'kysely';
import { insertCheckWithCharge } from '../../../edge/src/charges/charge.repository.js';
import { sqliteOutboxStore } from '../../../edge/src/charges/outbox-store.js';
import type { EdgeDatabase } from '../../../edge/src/db/edge-database.js';
import { migrateEdge } from '../../../edge/src/db/migrations.js';
import { offlineChargeRows } from '../../support/offline-charge.js';
import { chargeMessageFor, rawDevice } from '../../support/raw-charges.js';
import { startSeededCentral } from '../../support/seeded-central.js';
import { DEVICE, DEVICE_SECRET, eventually, PROPERTY } from '../../support/stack.js';

async function centralWith(t: import('node:test').TestContext, postDelayMs: number) {
  const batches: number[] = [];
  const { central } = await startSeededCentral(t, {
    name: 'answer',
    adapter: (folio) => {
      const builtin = createBuiltinAdapter(folio);
      return {
        ...builtin,
        postCharges: async (charges) => {
          batches.push(charges.length);
          if (postDelayMs > 0) await new Promise((r) => setTimeout(r, postDelayMs));
          return builtin.postCharges!(charges);
        },
        // One charge alone goes one at a time.
        postCharge: async (charge) => {
          if (postDelayMs > 0) await new Promise((r) => setTimeout(r, postDelayMs));
          return builtin.postCharge(charge);
        },
      };
    },
  });
  await sql`update stays set credit_limit_minor = null`.execute(central.db as never);
  const stay = (await central.folio.lookupRoom('402')).stayRef;
  const device = await rawDevice({
    url: central.mqttUrl,
    property: PROPERTY,
    device: DEVICE,
    secret: DEVICE_SECRET,
  });
  t.after(() => device.close());
  return { central, device, stay, batches };
}

test('a burst posted at once: each charge is answered once, "posted", and attempted once across overlapping batches', async (t) => {
  const { central, device, stay, batches } = await centralWith(t, 0);
  const charges = Array.from({ length: 900 }, (_, i) =>
    chargeMessageFor({ roomNumber: '402', stayRef: stay }, `A${i}`),
  );
  await Promise.all(charges.map((c) => device.publish(c)));
  await eventually(
    async () =>
      charges.every((c) => device.statuses.get(c.chargeId)?.some((s) => s.status === 'posted'))
        ? true
        : undefined,
    'every charge posted',
  );
  // Let a late second answer (the old "accepted" then "posted") arrive if one were coming.
  await new Promise((r) => setTimeout(r, 300));
  for (const c of charges) {
    assert.deepEqual(
      device.statuses.get(c.chargeId)?.map((s) => s.status),
      ['posted'],
      `charge ${c.chargeId} answered once, with its outcome`,
    );
  }
  assert.ok(batches.length > 1, `several folio batches (sizes ${batches.join(',')})`);
  const attempts = await sql<{ n: number; charges: number }>`
    select count(*) as n, count(distinct charge_id) as charges from posting_attempts`.execute(
    central.db as never,
  );
  assert.deepEqual(
    { ...attempts.rows[0] },
    { n: charges.length, charges: charges.length },
    'one attempt per charge',
  );
  const posted = await central.folio.listPostings({});
  for (const c of charges.slice(0, 50)) {
    const sum = posted.filter((l) => l.chargeRef === c.chargeId).reduce((s, l) => s + l.amountMinor, 0);
    assert.equal(sum, c.totalMinor, 'on the folio once');
  }
});

test('a PMS slower than the answer window: "accepted" as soon as the charge is stored, the outcome after', async (t) => {
  const { device, stay } = await centralWith(t, 2_600);
  const charge = chargeMessageFor({ roomNumber: '402', stayRef: stay }, 'SLOW');
  const sentAt = Date.now();
  await device.publish(charge);
  await eventually(
    async () => (device.statuses.get(charge.chargeId)?.some((s) => s.status === 'posted') ? true : undefined),
    'the charge posted',
  );
  const seen = device.statuses.get(charge.chargeId) ?? [];
  assert.deepEqual(
    seen.map((s) => s.status),
    ['accepted', 'posted'],
  );
  const acceptedAfter = Date.parse((seen[0] as ChargeStatusMessage).at) - sentAt;
  assert.ok(acceptedAfter < 2_600, `"accepted" before the PMS answered (${acceptedAfter} ms)`);
});

test('while the PMS cannot be reached a new charge is answered "accepted" at once, not after the answer window', async (t) => {
  const pms = { down: true, hangMs: 0 };
  const { central } = await startSeededCentral(t, {
    name: 'unreachable',
    adapter: (folio) => {
      const builtin = createBuiltinAdapter(folio);
      const attempt = async () => {
        if (pms.hangMs > 0) await new Promise((r) => setTimeout(r, pms.hangMs));
        if (pms.down) throw new PmsError('CONNECTION_FAILED', 'PMS link down');
      };
      return {
        ...builtin,
        postCharges: async (charges) => {
          await attempt();
          return builtin.postCharges!(charges);
        },
        postCharge: async (charge) => {
          await attempt();
          return builtin.postCharge(charge);
        },
      };
    },
  });
  await sql`update stays set credit_limit_minor = null`.execute(central.db as never);
  const stay = (await central.folio.lookupRoom('402')).stayRef;
  const device = await rawDevice({
    url: central.mqttUrl,
    property: PROPERTY,
    device: DEVICE,
    secret: DEVICE_SECRET,
  });
  t.after(() => device.close());

  // The first attempt finds the link down: its outcome is the answer (no PMS trouble known yet).
  const first = chargeMessageFor({ roomNumber: '402', stayRef: stay }, 'DOWN1');
  await device.publish(first);
  await eventually(async () => device.statuses.get(first.chargeId)?.[0], 'the first charge answered');
  assert.deepEqual(
    device.statuses.get(first.chargeId)?.map((s) => [s.status, s.error?.code]),
    [['queued', 'CONNECTION_FAILED']],
  );

  // Now the PMS hangs past the answer window: the next charge is answered "accepted" at once.
  pms.hangMs = 2_600;
  const second = chargeMessageFor({ roomNumber: '402', stayRef: stay }, 'DOWN2');
  const sentAt = Date.now();
  await device.publish(second);
  const answer = await eventually(
    async () => device.statuses.get(second.chargeId)?.[0],
    'the second answered',
  );
  assert.equal(answer.status, 'accepted');
  const after = Date.now() - sentAt;
  assert.ok(after < 1_500, `answered without waiting for the attempt (${after} ms)`);
});

test('the edge outbox records a group of PUBACKs and statuses in order: a late "accepted" after "posted" changes nothing', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-outbox-'));
  const store = openSqlite<EdgeDatabase>(join(dir, 'edge.sqlite'));
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateEdge(store.db);
  const now = '2026-12-09T10:00:00.000Z';
  const ids: string[] = [];
  for (const n of ['1', '2']) {
    const m = chargeMessageFor({ roomNumber: '402', stayRef: 's' }, `O${n}`);
    ids.push(m.chargeId);
    await insertCheckWithCharge(store.db, undefined, (checkNumber) => offlineChargeRows(m, checkNumber, now));
  }
  const [a, b] = ids as [string, string];
  const outbox = sqliteOutboxStore(store.db, () => new Date('2026-12-09T10:00:05.000Z'));
  const status = (chargeId: string, s: ChargeStatusMessage['status'], at: string): ChargeStatusMessage => ({
    v: 1,
    chargeId,
    status: s,
    pmsTransactionId: s === 'posted' ? 'T1' : null,
    folioBalanceMinor: null,
    error: null,
    at,
    attempts: 1,
  });
  const later = new Date('2026-12-09T10:01:00.000Z');
  // Submitted in one turn: one group, one transaction.
  const answers = await Promise.all([
    outbox.published(a, later),
    outbox.applyStatus(status(a, 'posted', '2026-12-09T10:00:02.000Z'), null),
    outbox.applyStatus(status(a, 'accepted', '2026-12-09T10:00:01.000Z'), later),
    outbox.applyStatus(status(b, 'accepted', '2026-12-09T10:00:01.000Z'), later),
    outbox.applyStatus(status('00000000-0000-4000-8000-000000000000', 'posted', now), null),
  ]);
  assert.deepEqual(answers.slice(1), [true, true, true, false], 'an unknown charge is answered false');
  const rows = await store.db
    .selectFrom('charges')
    .innerJoin('outbox', 'outbox.charge_id', 'charges.id')
    .select([
      'charges.id',
      'charges.status',
      'charges.pms_transaction_id',
      'charges.attempts',
      'outbox.attempts as sends',
      'outbox.done_at',
      'outbox.next_attempt_at',
    ])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  assert.deepEqual(
    { ...byId.get(a) },
    {
      id: a,
      status: 'posted',
      pms_transaction_id: 'T1',
      attempts: 1,
      sends: 1,
      done_at: '2026-12-09T10:00:05.000Z',
      next_attempt_at: later.toISOString(),
    },
    'posted stays: the older "accepted" of the same group does not replace it, nor reopen the outbox entry',
  );
  assert.equal(byId.get(b)?.status, 'accepted');
  assert.equal(byId.get(b)?.done_at, null);
  assert.equal(byId.get(b)?.next_attempt_at, later.toISOString());
});
