// A stay's balance (`sumStays`, read for the stays of every folio batch) is summed from the index on
// (folio_id, amount_minor) alone, not by reading each posting's row: over a drained backlog the sums
// grew with every stay's postings. The index replaces the one on folio_id (no extra entry per posting).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { sumStays } from '../../../folio/src/folios/posting.repository.js';
import { testDatabaseKind } from '../../support/test-database.js';
import { openFolioFixture, seedSmallHotel } from './folio-fixture.js';

test("a stay's balance is summed from the covering index on (folio_id, amount_minor)", async (t) => {
  if (testDatabaseKind() !== 'sqlite') {
    t.skip('reads SQLite query plans (EXPLAIN QUERY PLAN); PostgreSQL plans by its own statistics');
    return;
  }
  const { store, folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);
  const db = store.db;
  const indexes = await sql<{ name: string }>`
    select name from sqlite_master where type = 'index' and tbl_name = 'postings' order by name`.execute(db);
  const names = indexes.rows.map((r) => r.name);
  assert.ok(names.includes('postings_folio_amount'), names.join(','));
  assert.ok(!names.includes('postings_folio_id'), 'the index on folio_id alone is replaced');

  // The statement sumStays runs, as kysely compiles it, planned by SQLite.
  const compiled = db
    .selectFrom('postings')
    .innerJoin('folios', 'folios.id', 'postings.folio_id')
    .select(['folios.stay_id', sql<number>`coalesce(sum(postings.amount_minor), 0)`.as('balance')])
    .where('folios.stay_id', 'in', ['a', 'b'])
    .groupBy('folios.stay_id')
    .compile();
  const plan = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
  );
  assert.ok(
    plan.rows.some((r) => r.detail.includes('COVERING INDEX postings_folio_amount')),
    plan.rows.map((r) => r.detail).join(' | '),
  );
  // And the sums are what the postings say.
  const stays = await sql<{ id: string }>`select id from stays`.execute(db);
  const sums = await sumStays(
    db,
    stays.rows.map((s) => s.id),
  );
  const direct = await sql<{ stay_id: string; total: number }>`
    select f.stay_id, sum(p.amount_minor) as total from postings p join folios f on f.id = p.folio_id
    group by f.stay_id`.execute(db);
  for (const row of direct.rows) assert.equal(sums.get(row.stay_id), Number(row.total));
});
