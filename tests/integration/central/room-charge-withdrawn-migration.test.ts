// The migration that adds the `withdrawn` posting state rebuilds room_charges (SQLite cannot widen a
// CHECK in place). A real database file from before it keeps every charge, attempt and void, and its
// foreign keys still hold afterwards.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqlite, runMigrations } from '@roompost/folio';
import { sql } from 'kysely';
import { centralMigrations } from '../../../central/src/db/migrations.js';

const KEY = '20261206T1500_room_charge_withdrawn';

test('adding the withdrawn state keeps existing charges, attempts and voids, and foreign keys hold', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-migr-'));
  const store = openSqlite<unknown>(join(dir, 'central.sqlite'));
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  // Every other migration first, those keyed later included: a database that ran a branch merged
  // earlier still gets this one (runMigrations allows unordered migrations).
  const before = Object.fromEntries(Object.entries(centralMigrations).filter(([k]) => k !== KEY));
  await runMigrations(store.db, 'central', before);
  const db = store.db;
  await sql`insert into room_charges (id, device, source, outlet_code, check_number, room_number, currency,
    subtotal_minor, tax_minor, tip_minor, total_minor, items_json, created_at, received_at, content_hash,
    posting_status, attempts) values ('c1', 'pool-kiosk-1', 'mqtt', 'POOL', '1001', '412', 'USD', 900, 0, 0, 900,
    '[]', '2026-11-22T10:00:00Z', '2026-11-22T10:00:01Z', 'h', 'queued', 1)`.execute(db);
  await sql`insert into posting_attempts (charge_id, attempt, at, outcome) values ('c1', 1, '2026-11-22T10:00:02Z', 'retry')`.execute(
    db,
  );
  await sql`insert into charge_voids (void_id, charge_id, status, requested_at, requested_by, reason)
    values ('v1', 'c1', 'queued', '2026-11-22T10:05:00Z', 'maria', 'test')`.execute(db);

  await runMigrations(store.db, 'central', centralMigrations);

  const rows = await sql<{
    id: string;
    posting_status: string;
  }>`select id, posting_status from room_charges`.execute(db);
  assert.deepEqual(rows.rows, [{ id: 'c1', posting_status: 'queued' }]);
  const attempts = await sql<{
    n: number;
  }>`select count(*) as n from posting_attempts where charge_id = 'c1'`.execute(db);
  assert.equal(attempts.rows[0]?.n, 1);
  const voids = await sql<{
    void_id: string;
  }>`select void_id from charge_voids where charge_id = 'c1'`.execute(db);
  assert.deepEqual(voids.rows, [{ void_id: 'v1' }]);
  await sql`update room_charges set posting_status = 'withdrawn', withdrawn_by = 'ana' where id = 'c1'`.execute(
    db,
  );
  await assert.rejects(
    sql`update room_charges set posting_status = 'lost' where id = 'c1'`.execute(db),
    /CHECK constraint failed/,
  );
  await assert.rejects(
    sql`insert into posting_attempts (charge_id, attempt, at, outcome) values ('nope', 1, 'x', 'retry')`.execute(
      db,
    ),
    /FOREIGN KEY constraint failed/,
  );
  const problems = await sql`pragma foreign_key_check`.execute(db);
  assert.deepEqual(problems.rows, []);
  const indexes = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'index' and tbl_name = 'room_charges' and sql is not null order by name`.execute(
    db,
  );
  assert.deepEqual(
    indexes.rows.map((r) => r.name),
    [
      'room_charges_created',
      'room_charges_due',
      'room_charges_overrides',
      'room_charges_received',
      'room_charges_status_received',
      'room_charges_stay',
    ],
  );
});
