// Central's indexes on the charge road's tables (migrations 20261212T0100 and T0110): the due index
// holds only charges with a next attempt, so a posted charge leaves it, and the retries due now are
// still read through it; the audit log's rare rows (a person's attempts, credit overrides) are read
// newest first from indexes that hold only them. On PostgreSQL the same reads give the same rows.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { migrateFolio, openStore } from '@roompost/folio';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { readAuditLog } from '../../../central/src/audit/audit-log.js';
import type { CentralDatabase } from '../../../central/src/db/central-database.js';
import { migrateCentral } from '../../../central/src/db/migrations.js';
import { findDue, insertIfNew, recordAttempt } from '../../../central/src/postings/room-charge.repository.js';
import type { RoomChargeTable } from '../../../central/src/postings/room-charge.table.js';
import { freshPostgresDatabase, testDatabaseKind } from '../../support/test-database.js';

async function openCentral(t: TestContext): Promise<Kysely<CentralDatabase>> {
  let store: ReturnType<typeof openStore<CentralDatabase>>;
  if (testDatabaseKind() === 'postgres') {
    store = openStore<CentralDatabase>({ kind: 'postgres', url: await freshPostgresDatabase(t) });
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'roompost-indexes-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    store = openStore<CentralDatabase>({ kind: 'sqlite', file: join(dir, 'central.sqlite') });
  }
  t.after(() => store.close());
  await migrateFolio(store.db);
  await migrateCentral(store.db);
  return store.db;
}

function charge(id: string, fields: Partial<RoomChargeTable>): RoomChargeTable {
  return {
    id,
    device: 'pool-kiosk-1',
    source: 'mqtt',
    outlet_code: 'POOL',
    check_number: id,
    room_number: '412',
    stay_ref: 'stay-412',
    guest_name: null,
    currency: 'USD',
    subtotal_minor: 900,
    tax_minor: 0,
    tip_minor: 0,
    total_minor: 900,
    items_json: '[]',
    employee_id: null,
    created_at: '2026-12-07T10:00:00.000Z',
    received_at: `2026-12-07T10:00:0${id.slice(-1)}.000Z`,
    content_hash: 'h',
    posting_status: 'received',
    attempts: 0,
    next_attempt_at: '2026-12-07T10:00:00.000Z',
    last_attempt_at: null,
    pms_transaction_id: null,
    folio_balance_minor: null,
    error_code: null,
    error_message: null,
    posted_at: null,
    override_json: null,
    held_at: null,
    stand_in: 0,
    withdrawn_at: null,
    withdrawn_by: null,
    withdrawn_reason: null,
    withdrawal_id: null,
    claimed_by: null,
    claimed_until: null,
    rate_limited_answers: 0,
    ...fields,
  };
}

async function planOf(db: Kysely<CentralDatabase>, query: { compile(): CompiledQuery }): Promise<string> {
  const compiled = query.compile();
  const plan = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
  );
  return plan.rows.map((r) => r.detail).join(' | ');
}

const NOW = '2026-12-07T11:00:00.000Z';

test('a posted charge leaves the due index; retries due now are still found through it', async (t) => {
  const db = await openCentral(t);
  await insertIfNew(db, charge('c1', {}));
  await insertIfNew(
    db,
    charge('c2', { posting_status: 'queued', attempts: 1, next_attempt_at: '2026-12-07T10:30:00.000Z' }),
  );
  await insertIfNew(
    db,
    charge('c3', { posting_status: 'queued', attempts: 1, next_attempt_at: '2026-12-07T12:00:00.000Z' }),
  );
  await insertIfNew(db, charge('c4', { posting_status: 'queued', next_attempt_at: null, held_at: NOW }));
  assert.deepEqual(
    (await findDue(db, NOW, 10)).map((r) => r.id),
    ['c1', 'c2'],
    'the new charge and the retry whose time has come; not the later retry, not the held charge',
  );

  await recordAttempt(
    db,
    'c1',
    {
      posting_status: 'posted',
      attempts: 1,
      rate_limited_answers: 0,
      next_attempt_at: null,
      last_attempt_at: NOW,
      pms_transaction_id: 'T1',
      folio_balance_minor: 900,
      error_code: null,
      error_message: null,
      posted_at: NOW,
      held_at: null,
    },
    { attempt: 1, at: NOW, outcome: 'posted', error_code: null, error_message: null },
  );
  assert.deepEqual(
    (await findDue(db, NOW, 10)).map((r) => r.id),
    ['c2'],
  );
  assert.deepEqual(
    (await findDue(db, '2026-12-07T12:00:00.000Z', 10)).map((r) => r.id),
    ['c2', 'c3'],
  );

  if (testDatabaseKind() !== 'sqlite') return; // PostgreSQL plans by its own statistics.
  const due = await sql<{
    sql: string;
  }>`select sql from sqlite_master where name = 'room_charges_due'`.execute(db);
  assert.match(due.rows[0]?.sql ?? '', /where next_attempt_at is not null/i, 'a partial index');
  const entries = await sql<{ n: number }>`
    select count(*) as n from room_charges indexed by room_charges_due where next_attempt_at is not null`.execute(
    db,
  );
  assert.equal(Number(entries.rows[0]?.n), 2, 'only the two retries are left in the index');
  // findDue's retries read, as it is built (a bound status and time).
  const retries = db
    .selectFrom('room_charges')
    .select(['id', 'received_at'])
    .where((eb) => eb.and([eb('posting_status', '=', 'queued'), eb('next_attempt_at', '<=', NOW)]))
    .orderBy('received_at')
    .limit(10);
  assert.match(
    await planOf(db, retries),
    /USING INDEX room_charges_due \(posting_status=\? AND next_attempt_at<\?\)/,
  );
});

test("the audit log's people and overrides are read from indexes that hold only them", async (t) => {
  const db = await openCentral(t);
  for (let i = 1; i <= 5; i++) {
    const override = i === 2 ? JSON.stringify({ by: 'maria', reason: 'VIP' }) : null;
    await insertIfNew(
      db,
      charge(`c${i}`, { override_json: override, created_at: `2026-12-07T10:0${i}:00.000Z` }),
    );
    await db
      .insertInto('posting_attempts')
      .values({
        charge_id: `c${i}`,
        attempt: 1,
        at: `2026-12-07T10:0${i}:30.000Z`,
        outcome: 'retry',
        error_code: null,
        error_message: null,
        actor: null,
        note: null,
      })
      .execute();
  }
  await db
    .insertInto('posting_attempts')
    .values({
      charge_id: 'c3',
      attempt: 1,
      at: '2026-12-07T10:09:00.000Z',
      outcome: 'manual-retry',
      error_code: null,
      error_message: null,
      actor: 'mo.manager',
      note: 'guest asked',
    })
    .execute();

  const log = await readAuditLog(db, 10);
  assert.deepEqual(
    log.map((e) => [e.actor, e.action, e.subject]),
    [
      ['mo.manager', 'manual-retry', 'charge c3'],
      ['maria', 'credit-override', 'charge c2 (room 412)'],
    ],
  );

  if (testDatabaseKind() !== 'sqlite') return;
  const byStaff = db
    .selectFrom('posting_attempts')
    .select(['at', 'actor', 'outcome', 'charge_id', 'note'])
    .where('actor', 'is not', null)
    .orderBy('id', 'desc')
    .limit(10);
  assert.match(await planOf(db, byStaff), /USING INDEX posting_attempts_by_staff/);
  const overrides = db
    .selectFrom('room_charges')
    .select(['created_at', 'override_json', 'id', 'room_number'])
    .where('override_json', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(10);
  assert.match(await planOf(db, overrides), /USING INDEX room_charges_overrides/);
});

test('a batch of due charges is read by primary key and only the due ones come back', async (t) => {
  const db = await openCentral(t);
  const ids = Array.from({ length: 30 }, (_, i) => `b${String(i).padStart(2, '0')}`);
  for (const [i, id] of ids.entries()) {
    const received_at = `2026-12-07T10:${String(i).padStart(2, '0')}:00.000Z`;
    const fields: Partial<RoomChargeTable> =
      i % 3 === 1
        ? {
            posting_status: 'queued',
            attempts: 1,
            next_attempt_at: i < 15 ? '2026-12-07T10:30:00.000Z' : '2026-12-07T12:00:00.000Z',
          }
        : i % 3 === 2
          ? { posting_status: 'posted', attempts: 1, next_attempt_at: null, posted_at: received_at }
          : {};
    await insertIfNew(db, charge(id, { received_at, ...fields }));
  }
  const due = ids.filter((_, i) => i % 3 === 0 || (i % 3 === 1 && i < 15));
  assert.deepEqual(
    (await findDue(db, NOW, 100)).map((r) => r.id),
    due,
  );
  assert.deepEqual(
    (await findDue(db, NOW, 100, { skip: (id) => id === 'b00', take: 5 })).map((r) => r.id),
    due.slice(1, 6),
  );

  if (testDatabaseKind() !== 'sqlite') return;
  // With the due condition in the WHERE, SQLite read every waiting charge through posting_status.
  const byKey = db.selectFrom('room_charges').selectAll().where('id', 'in', due);
  assert.match(await planOf(db, byKey), /USING INDEX sqlite_autoindex_room_charges_1 \(id=\?\)/);
});
